import Foundation
import Kernel
import NIOCore
import NIOPosix
import NIOSSL
import Persistence

/// The company's mail server as settings name it: where, how the connection is protected, who
/// signs in, and whom the mail is from. The password is never logged nor shown back.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain, then STARTTLS before signing in (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
        /// No protection: a relay on the same machine or network only (port 25).
        case none
    }
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var fromAddress: String
    public var fromName: String?
    public init(
        host: String, port: Int, security: Security, username: String?, password: String?, fromAddress: String, fromName: String?
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.fromAddress = fromAddress
        self.fromName = fromName
    }
}

/// One message as it is sent: the addresses, the subject, the text (and its HTML, when there is
/// one), and the headers marketing mail carries (List-Unsubscribe, RFC 2369 and 8058).
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var toName: String?
    public var subject: String
    public var text: String
    public var html: String?
    /// The one-click unsubscribe address (https), on marketing mail only.
    public var unsubscribe: String?
    /// Unique per message: `<id@domain>`.
    public var messageId: String
    public var date: Date
    public init(
        to: String, toName: String? = nil, subject: String, text: String, html: String? = nil, unsubscribe: String? = nil,
        messageId: String, date: Date
    ) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.unsubscribe = unsubscribe
        self.messageId = messageId
        self.date = date
    }
}

/// What a server answered when it refused: temporary (4xx: try again later) or permanent (5xx:
/// this address or message will never go), with its code and words.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var text: String
    public var temporary: Bool { code < 500 }
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }
    public var description: String { "\(code) \(text)" }
}

/// A small SMTP client on SwiftNIO (no SMTP package is on this machine): one connection per
/// batch of messages, EHLO, STARTTLS or TLS, AUTH PLAIN or LOGIN, then MAIL / RCPT / DATA for
/// each message, QUIT. Every wait has a deadline.
public enum SMTPClient {
    public static let timeout: Duration = .seconds(30)

    /// Sends the messages over one connection; each message's own refusal (a bad address) is its
    /// answer, while a refusal of the connection or the sign-in fails them all.
    public static func send(
        _ messages: [MailMessage], with s: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> [Result<Void, SMTPError>] {
        let session = try await Session.open(s, group: group)
        do {
            var results: [Result<Void, SMTPError>] = []
            for m in messages {
                do {
                    try await session.deliver(m, from: s)
                    results.append(.success(()))
                } catch let e as SMTPError where e.code >= 500 || e.code == 450 || e.code == 451 || e.code == 452 {
                    results.append(.failure(e))
                    try await session.reset()
                }
            }
            try? await session.command("QUIT", expect: [221])
            await session.close()
            return results
        } catch {
            await session.close()
            throw error
        }
    }

    // MARK: the conversation

    final class Session: @unchecked Sendable {
        let channel: any Channel
        var iterator: AsyncThrowingStream<Reply, any Error>.Iterator
        var capabilities: [String] = []

        init(channel: any Channel, replies: AsyncThrowingStream<Reply, any Error>) {
            self.channel = channel
            self.iterator = replies.makeAsyncIterator()
        }

        static func open(_ s: SMTPSettings, group: any EventLoopGroup) async throws -> Session {
            let (stream, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
            let tls = s.security == .tls ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(15))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: s.host))
                        }
                        try channel.pipeline.syncOperations.addHandler(ReplyHandler(continuation))
                    }
                }
                .connect(host: s.host, port: s.port).get()
            let session = Session(channel: channel, replies: stream)
            do {
                try await session.expect([220])
                try await session.hello()
                if s.security == .startTLS {
                    guard session.capabilities.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                        throw SMTPError(code: 530, text: "the server offers no STARTTLS")
                    }
                    try await session.command("STARTTLS", expect: [220])
                    let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                    try await channel.pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: s.host), position: .first)
                        .get()
                    try await session.hello()
                }
                if let user = s.username, !user.isEmpty { try await session.signIn(user, s.password ?? "") }
                return session
            } catch {
                await session.close()
                throw error
            }
        }

        func hello() async throws {
            let r = try await command("EHLO concord.localdomain", expect: [250])
            capabilities = r.lines.dropFirst().map { String($0.dropFirst(4)) }
        }

        func signIn(_ user: String, _ password: String) async throws {
            let auth = capabilities.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").map(String.init) ?? []
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                let token = Data(("\u{0}" + user + "\u{0}" + password).utf8).base64EncodedString()
                try await command("AUTH PLAIN " + token, expect: [235], secret: true)
            } else {
                try await command("AUTH LOGIN", expect: [334])
                try await command(Data(user.utf8).base64EncodedString(), expect: [334], secret: true)
                try await command(Data(password.utf8).base64EncodedString(), expect: [235], secret: true)
            }
        }

        func deliver(_ m: MailMessage, from s: SMTPSettings) async throws {
            try await command("MAIL FROM:<\(s.fromAddress)>", expect: [250])
            try await command("RCPT TO:<\(m.to)>", expect: [250, 251])
            try await command("DATA", expect: [354])
            try await write(MIME.encode(m, from: s).dotStuffed + ".\r\n")
            try await expect([250])
        }

        /// After a refused message, the next one starts clean.
        func reset() async throws { try await command("RSET", expect: [250]) }

        @discardableResult
        func command(_ line: String, expect codes: Set<Int>, secret: Bool = false) async throws -> Reply {
            // A line with CR or LF in it would be two commands: never from a value we were given.
            guard !line.contains("\r"), !line.contains("\n") else { throw SMTPError(code: 501, text: "a line break in a command") }
            try await write(line + "\r\n")
            return try await expect(codes)
        }

        func write(_ text: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        }

        @discardableResult
        func expect(_ codes: Set<Int>) async throws -> Reply {
            let reply = try await withThrowingTaskGroup(of: Reply?.self) { group in
                group.addTask { [self] in try await self.iterator.next() }
                group.addTask {
                    try await Task.sleep(for: SMTPClient.timeout)
                    throw SMTPError(code: 421, text: "no answer in time")
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
            guard let reply else { throw SMTPError(code: 421, text: "the server closed the connection") }
            guard codes.contains(reply.code) else { throw SMTPError(code: reply.code, text: reply.lines.last ?? "") }
            return reply
        }

        func close() async {
            try? await channel.close().get()
        }
    }

    /// One reply: its code and its lines (a multi-line reply has several).
    struct Reply: Sendable {
        var code: Int
        var lines: [String]
    }

    /// Cuts what the server sends into lines and lines into replies (`250-` continues, `250 ` ends).
    final class ReplyHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncThrowingStream<Reply, any Error>.Continuation
        var pending: [UInt8] = []
        var lines: [String] = []

        init(_ continuation: AsyncThrowingStream<Reply, any Error>.Continuation) { self.continuation = continuation }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let lf = pending.firstIndex(of: 10) {
                var line = Array(pending[..<lf])
                pending.removeSubrange(...lf)
                if line.last == 13 { line.removeLast() }
                let text = String(decoding: line, as: UTF8.self)
                lines.append(text)
                let bytes = Array(text.utf8)
                if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") {
                    continuation.yield(Reply(code: Int(text.prefix(3)) ?? 0, lines: lines))
                    lines = []
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            continuation.finish(throwing: error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }
    }
}

/// A message as RFC 5322 text: headers (non-ASCII as RFC 2047 encoded words), the body in UTF-8
/// base64 lines of 76, text and HTML as multipart/alternative when both are there.
public enum MIME {
    public static func encode(_ m: MailMessage, from s: SMTPSettings) -> String {
        var h: [String] = []
        h.append("From: " + mailbox(s.fromAddress, s.fromName))
        h.append("To: " + mailbox(m.to, m.toName))
        h.append("Subject: " + word(m.subject))
        h.append("Date: " + rfc5322(m.date))
        h.append("Message-ID: " + m.messageId)
        h.append("MIME-Version: 1.0")
        if let u = m.unsubscribe {
            h.append("List-Unsubscribe: <\(u)>")
            h.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        var body: String
        if let html = m.html {
            // Unique per message, and never in base64 text (which has no `_`).
            let boundary = "=_concord_" + String(m.messageId.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(50))
            h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body = "--\(boundary)\r\n" + part("text/plain", m.text) + "--\(boundary)\r\n" + part("text/html", html) + "--\(boundary)--\r\n"
        } else {
            h.append("Content-Type: text/plain; charset=UTF-8")
            h.append("Content-Transfer-Encoding: base64")
            body = base64Lines(m.text)
        }
        return h.map { $0 + "\r\n" }.joined() + "\r\n" + body
    }

    static func part(_ type: String, _ text: String) -> String {
        "Content-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(text)
    }

    static func base64Lines(_ text: String) -> String {
        let all = Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString()
        var out = ""
        var i = all.startIndex
        while i < all.endIndex {
            let j = all.index(i, offsetBy: 76, limitedBy: all.endIndex) ?? all.endIndex
            out += all[i..<j] + "\r\n"
            i = j
        }
        return out
    }

    /// Printable ASCII stays as it is; anything else becomes `=?UTF-8?B?...?=`. Line breaks never pass.
    static func word(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return clean }
        return "=?UTF-8?B?" + Data(clean.utf8).base64EncodedString() + "?="
    }

    static func mailbox(_ address: String, _ name: String?) -> String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let quoted =
            name.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
            ? "\"" + name.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "") + "\"" : word(name)
        return quoted + " <\(address)>"
    }

    /// `Mon, 07 Dec 2026 04:50:00 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let ms = Millis.from(date)
        let day = CalendarDate(chinaDayOf: ms - CalendarDate.chinaOffsetMillis)
        let (y, mo, d) = day.parts
        let seconds = ((ms / 1000) % 86_400 + 86_400) % 86_400
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            months = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[Int(day.weekday)]), \(two(d)) \(months[Int(mo) - 1]) \(y) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) +0000"
    }
}

extension String {
    /// A line that starts with a dot gets another (RFC 5321 4.5.2), and the text ends with CRLF.
    var dotStuffed: String {
        let lines = self.components(separatedBy: "\r\n")
        var out = lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
        if !out.hasSuffix("\r\n") { out += "\r\n" }
        return out
    }
}
