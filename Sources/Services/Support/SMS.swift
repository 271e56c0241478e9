import Foundation
import Kernel
import Persistence
import Vapor

/// One text message as a provider takes it: the number, the provider's approved template and the
/// values of its fields, and the whole text (what the log provider prints and the page previews).
public struct SMSMessage: Sendable, Equatable {
    /// Mainland mobile, 11 digits (what the providers' examples send; +86 added where asked).
    public var phone: String
    public var template: String
    public var params: [(name: String, value: String)]
    public var text: String
    public init(phone: String, template: String, params: [(name: String, value: String)], text: String) {
        self.phone = phone
        self.template = template
        self.params = params
        self.text = text
    }
    public static func == (a: SMSMessage, b: SMSMessage) -> Bool {
        a.phone == b.phone && a.template == b.template && a.text == b.text && a.params.map(\.name) == b.params.map(\.name)
            && a.params.map(\.value) == b.params.map(\.value)
    }
}

/// What a provider said when it did not take a message: temporary (throttled, busy: try later)
/// or not (a bad number, a template not approved).
public struct SMSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var text: String
    public var temporary: Bool
    public init(code: String, text: String, temporary: Bool) {
        self.code = code
        self.text = text
        self.temporary = temporary
    }
    public var description: String { code + " " + text }
}

/// A text-message provider: Aliyun or Tencent Cloud in production, `log` in development.
public protocol SMSProvider: Sendable {
    /// The provider's id for the message, once it took it.
    func send(_ message: SMSMessage) async throws -> String
}

/// Prints the message to the server's log instead of sending it (development, demos).
public struct LogSMSProvider: SMSProvider {
    let log: @Sendable (String) -> Void
    public init(log: @escaping @Sendable (String) -> Void) { self.log = log }
    public func send(_ m: SMSMessage) async throws -> String {
        log("SMS to \(m.phone): \(m.text)")
        return "log-" + String(m.phone.suffix(4))
    }
}

// MARK: Aliyun

/// Aliyun's RPC signature, version 1.0 (HMAC-SHA1): the parameters sorted by name, each name and
/// value percent-encoded (RFC 3986: letters, digits, `-_.~` stay; a space is %20), joined, then
/// `METHOD&%2F&` and that string encoded once more, signed with the secret and `&`.
public enum AliyunSignature {
    public static func encode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += "%" + String(format: "%02X", b)
            }
        }
        return out
    }

    public static func canonical(_ params: [(String, String)]) -> String {
        params.sorted { $0.0 < $1.0 }.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    public static func stringToSign(_ params: [(String, String)], method: String) -> String {
        method + "&" + encode("/") + "&" + encode(canonical(params))
    }

    public static func sign(_ params: [(String, String)], secret: String, method: String) -> String {
        let key = SymmetricKey(data: Data((secret + "&").utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(stringToSign(params, method: method).utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}

/// Aliyun 短信服务 `SendSms` (version 2017-05-25) at dysmsapi.aliyuncs.com: a signed form POST.
public struct AliyunSMSProvider: SMSProvider {
    public var accessKeyId: String
    public var secret: String
    public var signName: String
    public var endpoint = "https://dysmsapi.aliyuncs.com/"
    let transport: any HTTPTransport
    let clock: Clock
    let nonce: @Sendable () -> String

    public init(
        accessKeyId: String, secret: String, signName: String, transport: any HTTPTransport, clock: Clock,
        nonce: @escaping @Sendable () -> String
    ) {
        self.accessKeyId = accessKeyId
        self.secret = secret
        self.signName = signName
        self.transport = transport
        self.clock = clock
        self.nonce = nonce
    }

    /// The form's fields, signature last.
    public func form(_ m: SMSMessage) throws -> [(String, String)] {
        var values: [String: String] = [:]
        for p in m.params { values[p.name] = p.value }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        var params: [(String, String)] = [
            ("AccessKeyId", accessKeyId), ("Action", "SendSms"), ("Format", "JSON"), ("PhoneNumbers", m.phone), ("RegionId", "cn-hangzhou"),
            ("SignName", signName), ("SignatureMethod", "HMAC-SHA1"), ("SignatureNonce", nonce()), ("SignatureVersion", "1.0"),
            ("TemplateCode", m.template), ("TemplateParam", json), ("Timestamp", ISOTime.seconds(Millis.from(clock.now()))),
            ("Version", "2017-05-25"),
        ]
        params.append(("Signature", AliyunSignature.sign(params, secret: secret, method: "POST")))
        return params
    }

    public func send(_ m: SMSMessage) async throws -> String {
        let body = try form(m).map { AliyunSignature.encode($0.0) + "=" + AliyunSignature.encode($0.1) }.joined(separator: "&")
        let answer = try await transport.post(
            url: endpoint, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
        let code = json["Code"] as? String ?? "HTTP\(answer.status)"
        guard answer.status == 200, code == "OK" else {
            // Throttling and the service's own trouble pass; everything else is this message's fault.
            let temporary =
                answer.status >= 500 || code.hasPrefix("isv.BUSINESS_LIMIT_CONTROL") || code == "Throttling"
                || code.contains("ServiceUnavailable")
            throw SMSError(code: code, text: json["Message"] as? String ?? answer.body.prefix(200).description, temporary: temporary)
        }
        return json["BizId"] as? String ?? ""
    }
}

// MARK: Tencent Cloud

/// Tencent Cloud's TC3-HMAC-SHA256: a canonical request of the method, path, headers
/// (content-type and host) and the payload's SHA-256; signed with a key derived from the secret,
/// the UTC date, the service and `tc3_request`.
public enum TencentSignature {
    static func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 { d.map { String(format: "%02x", $0) }.joined() }

    public static func canonicalRequest(host: String, payload: String, contentType: String) -> String {
        "POST\n/\n\ncontent-type:\(contentType)\nhost:\(host)\n\ncontent-type;host\n" + hex(SHA256.hash(data: Data(payload.utf8)))
    }

    public static func authorization(
        secretId: String, secretKey: String, service: String, host: String, payload: String, timestamp: Int64,
        contentType: String = "application/json; charset=utf-8"
    ) -> String {
        let date = CalendarDate(daysSince1970: timestamp / 86_400).text
        let scope = "\(date)/\(service)/tc3_request"
        let stringToSign =
            "TC3-HMAC-SHA256\n\(timestamp)\n\(scope)\n"
            + hex(SHA256.hash(data: Data(canonicalRequest(host: host, payload: payload, contentType: contentType).utf8)))
        func mac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        let signing = mac(mac(mac(SymmetricKey(data: Data(("TC3" + secretKey).utf8)), date), service), "tc3_request")
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signing))
        return "TC3-HMAC-SHA256 Credential=\(secretId)/\(scope), SignedHeaders=content-type;host, Signature=\(signature)"
    }
}

/// Tencent Cloud 短信 `SendSms` (version 2021-01-11) at sms.tencentcloudapi.com.
public struct TencentSMSProvider: SMSProvider {
    public var secretId: String
    public var secretKey: String
    public var appId: String
    public var signName: String
    public var region = "ap-guangzhou"
    public var host = "sms.tencentcloudapi.com"
    let transport: any HTTPTransport
    let clock: Clock

    public init(secretId: String, secretKey: String, appId: String, signName: String, transport: any HTTPTransport, clock: Clock) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.appId = appId
        self.signName = signName
        self.transport = transport
        self.clock = clock
    }

    public func request(_ m: SMSMessage) throws -> (headers: [(String, String)], body: String) {
        let payload: [String: Any] = [
            "PhoneNumberSet": ["+86" + m.phone], "SmsSdkAppId": appId, "SignName": signName, "TemplateId": m.template,
            "TemplateParamSet": m.params.map(\.value),
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self)
        let timestamp = Millis.from(clock.now()) / 1000
        let auth = TencentSignature.authorization(
            secretId: secretId, secretKey: secretKey, service: "sms", host: host, payload: body, timestamp: timestamp)
        return (
            [
                ("Authorization", auth), ("Content-Type", "application/json; charset=utf-8"), ("Host", host), ("X-TC-Action", "SendSms"),
                ("X-TC-Timestamp", String(timestamp)), ("X-TC-Version", "2021-01-11"), ("X-TC-Region", region),
            ], body
        )
    }

    public func send(_ m: SMSMessage) async throws -> String {
        let (headers, body) = try request(m)
        let answer = try await transport.post(url: "https://" + host + "/", headers: headers, body: Array(body.utf8))
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
        let response = json["Response"] as? [String: Any] ?? [:]
        if let e = response["Error"] as? [String: Any] {
            let code = e["Code"] as? String ?? "Error"
            throw SMSError(
                code: code, text: e["Message"] as? String ?? "",
                temporary: code.hasPrefix("RequestLimitExceeded") || code.hasPrefix("InternalError") || code.hasPrefix("LimitExceeded"))
        }
        let status = (response["SendStatusSet"] as? [[String: Any]])?.first ?? [:]
        guard answer.status == 200, (status["Code"] as? String) == "Ok" else {
            let code = status["Code"] as? String ?? "HTTP\(answer.status)"
            throw SMSError(
                code: code, text: status["Message"] as? String ?? "", temporary: answer.status >= 500 || code.hasPrefix("LimitExceeded"))
        }
        return status["SerialNo"] as? String ?? ""
    }
}
