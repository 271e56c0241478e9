import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

/// Records what a provider was asked to post and answers as the provider would.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var posts: [(url: String, headers: [(String, String)], body: String)] = []
    let answer: String
    init(answer: String) { self.answer = answer }
    var sent: [(url: String, headers: [(String, String)], body: String)] { lock.withLock { posts } }
    func post(url: String, headers: [(String, String)], body: [UInt8]) async throws -> HTTPAnswer {
        lock.withLock { posts.append((url, headers, String(decoding: body, as: UTF8.self))) }
        return HTTPAnswer(status: 200, body: answer)
    }
}

/// Texts through Aliyun and Tencent Cloud: their request signing checked against the examples
/// their documentation works through, the requests our adapters build, and a marketing send by
/// SMS — daytime only, capped per number a day, ended with the opt-out line, and a reply of "TD"
/// recorded as an opt-out that the next send honours.
@Suite("Marketing: SMS providers and sends")
struct SMSTests {
    @Test func aliyunSignatureIsTheDocumentedOne() {
        // Aliyun's RPC signature document: DescribeRegions with AccessKeyId testid, secret testsecret.
        let params = [
            ("AccessKeyId", "testid"), ("Action", "DescribeRegions"), ("Format", "XML"), ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"), ("SignatureVersion", "1.0"), ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]
        #expect(
            AliyunSignature.stringToSign(params, method: "GET")
                == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        )
        #expect(AliyunSignature.sign(params, secret: "testsecret", method: "GET") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
        #expect(AliyunSignature.encode("a b*c~") == "a%20b%2Ac~")
    }

    @Test func tencentSignatureIsTheDocumentedOne() {
        // Tencent Cloud's TC3-HMAC-SHA256 document: CVM DescribeInstances at 1551113065.
        let payload = #"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#
        #expect(
            TencentSignature.authorization(
                secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", service: "cvm",
                host: "cvm.tencentcloudapi.com", payload: payload, timestamp: 1_551_113_065)
                == "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        )
    }

    @Test func theAdaptersBuildSignedSendSmsRequestsAndReadTheAnswers() async throws {
        let clock = Clock.fixed(Date(timeIntervalSince1970: 1_795_000_000))
        let message = SMSMessage(
            phone: "13900001111", template: "SMS_1234", params: [("name", "周经理"), ("event", "品鉴会")], text: "周经理您好 拒收请回复R")
        let ok = RecordingTransport(answer: #"{"Code":"OK","BizId":"900","Message":"OK"}"#)
        let aliyun = AliyunSMSProvider(accessKeyId: "kid", secret: "ksecret", signName: "康科德", transport: ok, clock: clock) { "nonce-1" }
        #expect(try await aliyun.send(message) == "900")
        let form = try #require(ok.sent.first?.body)
        var fields: [(String, String)] = form.split(separator: "&").map {
            let kv = $0.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
        let signature = try #require(fields.first { $0.0 == "Signature" }?.1)
        fields.removeAll { $0.0 == "Signature" }
        #expect(AliyunSignature.sign(fields, secret: "ksecret", method: "POST") == signature, "the signature covers what was sent")
        let named = Dictionary(uniqueKeysWithValues: fields)
        #expect(named["Action"] == "SendSms" && named["PhoneNumbers"] == "13900001111" && named["TemplateCode"] == "SMS_1234")
        #expect(named["TemplateParam"] == #"{"event":"品鉴会","name":"周经理"}"# && named["Timestamp"] == "2026-11-18T11:06:40Z")
        let refused = RecordingTransport(answer: #"{"Code":"isv.MOBILE_NUMBER_ILLEGAL","Message":"非法手机号"}"#)
        let bad = AliyunSMSProvider(accessKeyId: "kid", secret: "ksecret", signName: "康科德", transport: refused, clock: clock) { "n" }
        let e = await #expect(throws: SMSError.self) { _ = try await bad.send(message) }
        #expect(e?.temporary == false && e?.code == "isv.MOBILE_NUMBER_ILLEGAL")

        let tencentOK = RecordingTransport(
            answer: #"{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","Code":"Ok","Message":"send success"}],"RequestId":"r"}}"#)
        let tencent = TencentSMSProvider(
            secretId: "sid", secretKey: "skey", appId: "1400000000", signName: "康科德", transport: tencentOK, clock: clock)
        #expect(try await tencent.send(message) == "5000:1")
        let sent = try #require(tencentOK.sent.first)
        let headers = Dictionary(uniqueKeysWithValues: sent.headers)
        #expect(headers["X-TC-Action"] == "SendSms" && headers["X-TC-Timestamp"] == "1795000000")
        #expect(
            headers["Authorization"]
                == TencentSignature.authorization(
                    secretId: "sid", secretKey: "skey", service: "sms", host: "sms.tencentcloudapi.com", payload: sent.body,
                    timestamp: 1_795_000_000))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body.utf8)) as? [String: Any])
        #expect(body["PhoneNumberSet"] as? [String] == ["+8613900001111"] && body["TemplateParamSet"] as? [String] == ["周经理", "品鉴会"])
        let throttled = RecordingTransport(answer: #"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"}}}"#)
        let busy = TencentSMSProvider(secretId: "sid", secretKey: "skey", appId: "1", signName: "s", transport: throttled, clock: clock)
        let t = await #expect(throws: SMSError.self) { _ = try await busy.send(message) }
        #expect(t?.temporary == true)
    }

    @Test func aMarketingTextGoesInTheDaytimeWithinTheCapAndAReplyOptsOut() async throws {
        try await TestApp.run { t in
            _ = try await CRMFixture.make(t)
            let admin = try await t.context(as: "admin")
            let token = try await t.token()
            _ = try await SystemSettings.update(
                .init(smsProvider: "aliyun", smsKeyId: "kid", smsSecret: "ksecret", smsSignName: "康科德"), admin)
            let replyKey = try #require(try await SystemSettings.get(admin).smsReplyKey)
            let recorder = RecordingTransport(answer: #"{"Code":"OK","BizId":"1"}"#)
            let provider = try #require(
                try await SystemSettings.smsProvider(t.store, transport: recorder, clock: t.clock.clock, tokens: .live, log: { _ in }))

            let campaign = try await CampaignService.create(.init(code: "SMS-1", name: "短信邀约", kind: "sms", startsOn: "2026-11-01"), admin)
            _ = try await CampaignService.transition(campaign.id, .start, version: nil, admin)
            let event = try await EventService.create(.init(campaignId: campaign.id, name: "品鉴会", startsAt: "2026-11-25T14:00"), admin)
            let c = try await CustomerService.create(.init(name: "苏州东吴商贸有限公司"), admin)
            let wu = try await ContactService.create(.init(partnerId: c.id, name: "吴总", mobile: "+86 139 0000 2222"), admin)
            let noPhone = try await ContactService.create(.init(partnerId: c.id, name: "无手机", email: "x@example.cn"), admin)
            _ = try await EventService.invite(event.id, contacts: [wu.id, noPhone.id], leads: [], admin)
            let bad = try await t.api(
                .POST, "/api/v1/message-templates", token: token, json: #"{"name":"短信","channel":"sms","body":"{{姓名}}您好"}"#)
            #expect(bad.status == .unprocessableEntity && (bad.json["error"] as? [String: Any])?["field"] as? String == "providerTemplate")
            let template = try await MessageService.createTemplate(
                .init(name: "短信邀约", channel: "sms", body: "{{姓名}}您好，诚邀参加{{活动}}，报名：{{报名链接}}", providerTemplate: "SMS_1234"), admin)

            // Queued by number: the contact without a mobile is left out.
            let q = try await MessageService.queue(
                .init(templateId: template.id, eventId: event.id), baseUrl: "https://crm.example.cn", admin)
            #expect(q.queued == 1 && q.noAddress == 1)
            // 19:06 in China: inside the daytime window.
            let turn = try await MessageService.runPending(t.system, transport: nil, sms: provider)
            #expect(turn.sent == 1)
            let form = try #require(recorder.sent.first?.body)
            let params = try #require(
                form.split(separator: "&").first { $0.hasPrefix("TemplateParam=") }.map {
                    String($0.dropFirst(14)).removingPercentEncoding ?? ""
                })
            let values = try #require(try JSONSerialization.jsonObject(with: Data(params.utf8)) as? [String: String])
            #expect(
                values["name"] == "吴总" && values["event"] == "品鉴会"
                    && (values["rsvp_link"] ?? "").hasPrefix("https://crm.example.cn/marketing/rsvp/"))
            #expect(form.contains("PhoneNumbers=13900002222"))

            // Two more the same day go; the fourth waits for tomorrow morning.
            for _ in 0..<3 {
                _ = try await MessageService.queue(
                    .init(templateId: template.id, contactIds: [wu.id]), baseUrl: "https://crm.example.cn", admin)
                var turn: MessageService.Turn
                repeat {
                    turn = try await MessageService.runPending(t.system, transport: nil, sms: provider)
                } while turn.sent + turn.finished > 0
            }
            #expect(recorder.sent.count == 3)
            let waiting = try await t.store.all(
                "SELECT * FROM message_recipients WHERE status = 'queued'", as: MessageRecipientRow.self)
            #expect(waiting.count == 1 && waiting.first?.error == "daily_cap")
            #expect(
                waiting.first?.nextAttemptAt == CalendarDate(chinaDayOf: t.system.nowMillis).adding(days: 1).chinaStartMillis + 8
                    * 3_600_000)
            // At 22:00 nothing goes, even the next day's queue.
            t.clock.advance(seconds: 3 * 3600)
            _ = try await MessageService.runPending(t.system, transport: nil, sms: provider)
            #expect(recorder.sent.count == 3)

            // "TD" sent back: the number is opted out, and the next send skips it.
            let reply = try await t.send(
                .POST, "/marketing/sms-replies/\(replyKey)", json: #"[{"mobile":"13900002222","nationcode":"86","text":" td "}]"#)
            #expect(reply.status == .ok)
            #expect(try await t.api(.GET, "/api/v1/opt-outs?channel=sms", token: token).text.contains("13900002222"))
            #expect(
                try await t.send(.POST, "/marketing/sms-replies/wrong-key-000000000000", json: #"{"mobile":"13900003333","text":"R"}"#)
                    .status == .notFound)
            let after = try await MessageService.queue(
                .init(templateId: template.id, contactIds: [wu.id]), baseUrl: "https://crm.example.cn", admin)
            #expect(after.queued == 0 && after.skipped == 1)
        }
    }
}
