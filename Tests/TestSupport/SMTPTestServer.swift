import Foundation
import NIOCore
import NIOPosix

/// A tiny SMTP server on loopback for the tests: it speaks enough of RFC 5321 for a client to
/// sign in (AUTH PLAIN, checking the user and password it was given), give the envelope and the
/// data, and it keeps every message it accepted — envelope and text — for the test to read.
/// Recipients it is told to refuse get a 550, as a real server says of an unknown mailbox.
public final class SMTPTestServer: @unchecked Sendable {
    public struct Received: Sendable {
        public var from: String
        public var to: [String]
        public var data: String
    }

    private let lock = NSLock()
    private var kept: [Received] = []
    private var channel: (any Channel)?
    public let user: String
    public let password: String
    public let refuse: Set<String>
    public private(set) var port = 0

    public init(user: String = "mailer", password: String = "mail-secret", refuse: Set<String> = []) {
        self.user = user
        self.password = password
        self.refuse = refuse
    }

    public var received: [Received] {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }

    func keep(_ r: Received) {
        lock.lock()
        kept.append(r)
        lock.unlock()
    }

    public func start() async throws {
        let server = self
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Conversation(server)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async {
        try? await channel?.close().get()
    }

    final class Conversation: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: SMTPTestServer
        var pending: [UInt8] = []
        var signedIn = false
        var from: String?
        var to: [String] = []
        var data: [String]?

        init(_ server: SMTPTestServer) { self.server = server }

        func channelActive(context: ChannelHandlerContext) { say(context, "220 test.localdomain ESMTP ready") }

        func say(_ context: ChannelHandlerContext, _ line: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data raw: NIOAny) {
            var buffer = unwrapInboundIn(raw)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let lf = pending.firstIndex(of: 10) {
                var line = Array(pending[..<lf])
                pending.removeSubrange(...lf)
                if line.last == 13 { line.removeLast() }
                handle(context, String(decoding: line, as: UTF8.self))
            }
        }

        func address(_ arg: Substring) -> String {
            String(arg.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" })
        }

        func handle(_ context: ChannelHandlerContext, _ line: String) {
            if var lines = data {
                if line == "." {
                    server.keep(Received(from: from ?? "", to: to, data: lines.joined(separator: "\r\n")))
                    data = nil
                    from = nil
                    to = []
                    say(context, "250 2.0.0 queued")
                } else {
                    lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                    data = lines
                }
                return
            }
            let verb = line.prefix { $0 != " " && $0 != ":" }.uppercased()
            switch verb {
            case "EHLO", "HELO":
                say(context, "250-test.localdomain")
                say(context, "250-8BITMIME")
                say(context, "250 AUTH PLAIN")
            case "AUTH":
                let parts = line.split(separator: " ")
                let decoded = parts.count == 3 ? Data(base64Encoded: String(parts[2])).map { String(decoding: $0, as: UTF8.self) } : nil
                if decoded == "\u{0}" + server.user + "\u{0}" + server.password {
                    signedIn = true
                    say(context, "235 2.7.0 accepted")
                } else {
                    say(context, "535 5.7.8 bad credentials")
                }
            case "MAIL":
                guard signedIn else { return say(context, "530 5.7.0 sign in first") }
                from = address(line[...])
                say(context, "250 2.1.0 ok")
            case "RCPT":
                let a = address(line[...])
                if server.refuse.contains(a) { return say(context, "550 5.1.1 no such mailbox") }
                to.append(a)
                say(context, "250 2.1.5 ok")
            case "DATA":
                guard from != nil, !to.isEmpty else { return say(context, "503 5.5.1 no recipients") }
                data = []
                say(context, "354 go ahead")
            case "RSET":
                from = nil
                to = []
                say(context, "250 2.0.0 reset")
            case "QUIT":
                say(context, "221 2.0.0 bye")
                context.close(promise: nil)
            default:
                say(context, "502 5.5.2 not implemented")
            }
        }
    }
}
