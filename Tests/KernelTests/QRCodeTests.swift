import Foundation
import Testing

@testable import Kernel

/// QR codes module for module as another program (Nayuki's qrcodegen, `Tests/Fixtures/qr/make.py`) draws
/// them: versions 1, 4, 7 (version information) and 10 (16-bit count, blocks of two lengths), text
/// in ASCII and Chinese UTF-8, the mask forced and chosen by penalty.
@Suite("QR codes: the same modules another encoder draws")
struct QRCodeTests {
    struct Case {
        var forced: Int?
        var version: Int
        var mask: Int
        var bytes: [UInt8]
        var rows: [String]
    }

    static func cases() throws -> [Case] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Fixtures/qr/codes.txt"), encoding: .utf8)
        var out: [Case] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == "case" {
                var bytes: [UInt8] = []
                var hex = Substring(parts[4])
                while !hex.isEmpty {
                    bytes.append(UInt8(hex.prefix(2), radix: 16)!)
                    hex = hex.dropFirst(2)
                }
                out.append(Case(forced: Int(parts[1]), version: Int(parts[2])!, mask: Int(parts[3])!, bytes: bytes, rows: []))
            } else {
                out[out.count - 1].rows.append(String(line))
            }
        }
        return out
    }

    @Test func everyModuleIsWhereTheOtherEncoderPutsIt() throws {
        let all = try Self.cases()
        #expect(all.count == 10)
        for c in all {
            let q = try QRCode(bytes: c.bytes, mask: c.forced)
            #expect(q.version == c.version && q.size == c.version * 4 + 17)
            let rows = (0..<q.size).map { y in String((0..<q.size).map { q.dark($0, y) ? "1" : "0" }) }
            if c.forced != nil {
                #expect(rows == c.rows, "version \(c.version), mask \(c.mask)")
            } else {
                #expect(q.mask == c.mask, "the penalty chooses the same mask, version \(c.version)")
                #expect(rows == c.rows, "version \(c.version), chosen mask")
            }
        }
    }

    @Test func tooMuchIsRefusedAndTheImageIsEscaped() throws {
        #expect(throws: QRCode.EncodeError.tooLong(bytes: 300, max: QRCode.maxBytes)) {
            _ = try QRCode(bytes: [UInt8](repeating: 0x41, count: 300))
        }
        let svg = try QRCode("https://example.cn/?a=1&b=2").svg(title: "扫码 <留资> & 登记")
        #expect(svg.hasPrefix("<svg") && svg.contains("<title>扫码 &lt;留资&gt; &amp; 登记</title>"))
        #expect(!svg.contains("a=1&b"), "the content is in the modules, not the markup")
    }
}
