/// A QR code (ISO/IEC 18004) of bytes at error correction level M, versions 1 to 10 (up to 213
/// bytes: a link with its query fits), drawn as SVG. Written here: no QR package is on this
/// machine. The steps are the standard's: the bytes in byte mode with their count, padded to the
/// version's capacity; Reed–Solomon error correction per block over GF(256), blocks interleaved;
/// the function patterns (finders, timing, alignment, format and version information); the
/// codewords placed in the zigzag; and the mask with the lowest penalty (or the one asked for).
public struct QRCode: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    public let version: Int
    public let mask: Int
    /// Row-major, `true` for dark.
    public let modules: [Bool]

    public func dark(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }

    public enum EncodeError: Error, Equatable { case tooLong(bytes: Int, max: Int) }

    /// Level M, per version 1...10: total codewords, error correction codewords per block, blocks.
    static let table: [(total: Int, ecPerBlock: Int, blocks: Int)] = [
        (26, 10, 1), (44, 16, 1), (70, 26, 1), (100, 18, 2), (134, 24, 2), (172, 16, 4), (196, 18, 4), (242, 22, 4), (292, 22, 5),
        (346, 26, 5),
    ]
    static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    static func dataCapacity(_ version: Int) -> Int {
        let t = table[version - 1]
        return t.total - t.ecPerBlock * t.blocks
    }

    /// The most bytes a code can hold.
    public static var maxBytes: Int { dataCapacity(10) - 3 }

    /// Encodes `bytes`; `mask` forces one of the eight masks (for tests), else the best is chosen.
    public init(bytes: [UInt8], mask forced: Int? = nil) throws(EncodeError) {
        guard
            let version = (1...10).first(where: { v in
                (4 + (v < 10 ? 8 : 16) + bytes.count * 8 + 7) / 8 <= Self.dataCapacity(v)
            })
        else { throw .tooLong(bytes: bytes.count, max: Self.maxBytes) }
        self.version = version
        size = version * 4 + 17
        // The data codewords: mode 0100 (bytes), the count, the bytes, a terminator, padding.
        var bits: [Bool] = []
        func put(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        put(0b0100, 4)
        put(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { put(Int(b), 8) }
        let capacityBits = Self.dataCapacity(version) * 8
        put(0, min(4, capacityBits - bits.count))
        put(0, (8 - bits.count % 8) % 8)
        var pad: UInt8 = 0xEC
        while bits.count < capacityBits {
            put(Int(pad), 8)
            pad ^= 0xEC ^ 0x11
        }
        var data: [UInt8] = []
        for i in stride(from: 0, to: bits.count, by: 8) {
            data.append(bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
        let codewords = Self.interleave(data, version: version)

        var grid = Grid(size: size)
        grid.drawFunctionPatterns(version: version)
        grid.place(codewords)
        let chosen: Int
        if let forced {
            chosen = forced
        } else {
            var best = (mask: 0, penalty: Int.max)
            for m in 0..<8 {
                var trial = grid
                trial.apply(mask: m)
                trial.drawFormat(mask: m)
                let p = trial.penalty()
                if p < best.penalty { best = (m, p) }
            }
            chosen = best.mask
        }
        grid.apply(mask: chosen)
        grid.drawFormat(mask: chosen)
        mask = chosen
        modules = grid.modules
    }

    /// Text as its UTF-8 bytes.
    public init(_ text: String, mask: Int? = nil) throws(EncodeError) { try self.init(bytes: Array(text.utf8), mask: mask) }

    /// The code as an SVG image: one unit per module, a quiet zone of four around, dark on light;
    /// `title` names it for screen readers.
    public func svg(title: String, pixels: Int = 240) -> String {
        let side = size + 8
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark(x, y) else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size, dark(x + run, y) { run += 1 }
                path += "M\(x + 4) \(y + 4)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(pixels)" height="\(pixels)" role="img" \
            shape-rendering="crispEdges"><title>\(escaped)</title><rect width="100%" height="100%" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }

    // MARK: - Error correction

    static func gfMultiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z: Int = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = gfMultiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = gfMultiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= gfMultiply(divisor[i], factor) }
        }
        return result
    }

    /// The data split into the version's blocks, each followed by its error correction, then
    /// read across the blocks a codeword at a time (short blocks first, as the standard lays out).
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let t = table[version - 1]
        let shortBlocks = t.blocks - t.total % t.blocks
        let shortLength = t.total / t.blocks
        let div = divisor(degree: t.ecPerBlock)
        var blocks: [[UInt8]] = []
        var k = 0
        for i in 0..<t.blocks {
            let length = shortLength - t.ecPerBlock + (i < shortBlocks ? 0 : 1)
            let dat = Array(data[k..<k + length])
            k += length
            var block = dat
            if i < shortBlocks { block.append(0) }
            block += remainder(dat, div)
            blocks.append(block)
        }
        var out: [UInt8] = []
        for i in 0..<blocks[0].count {
            for (j, block) in blocks.enumerated() where i != shortLength - t.ecPerBlock || j >= shortBlocks {
                out.append(block[i])
            }
        }
        return out
    }

    // MARK: - The grid

    struct Grid {
        let size: Int
        var modules: [Bool]
        var function: [Bool]
        init(size: Int) {
            self.size = size
            modules = Array(repeating: false, count: size * size)
            function = Array(repeating: false, count: size * size)
        }

        func get(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }
        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y * size + x] = dark
            function[y * size + x] = true
        }

        mutating func drawFunctionPatterns(version: Int) {
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 {
                        let x = cx + dx, y = cy + dy
                        guard x >= 0, x < size, y >= 0, y < size else { continue }
                        let d = max(abs(dx), abs(dy))
                        set(x, y, d != 2 && d != 4)
                    }
                }
            }
            let positions = QRCode.alignment[version - 1]
            let n = positions.count
            for i in 0..<n {
                for j in 0..<n where !((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0)) {
                    for dy in -2...2 {
                        for dx in -2...2 { set(positions[i] + dx, positions[j] + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormat(mask: 0)
            if version >= 7 {
                var rem = version
                for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
                let bits = version << 12 | rem
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3, b = i / 3
                    set(a, b, bit)
                    set(b, a, bit)
                }
            }
        }

        /// Level M with `mask`, BCH-protected, in its two places; and the dark module.
        mutating func drawFormat(mask: Int) {
            let data = 0 << 3 | mask
            var rem = data
            for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
            let bits = (data << 10 | rem) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)
        }

        /// The codewords' bits up and down the column pairs from the right, around the patterns.
        mutating func place(_ codewords: [UInt8]) {
            var i = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vert in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vert : vert
                        if !function[y * size + x], i < codewords.count * 8 {
                            modules[y * size + x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                            i += 1
                        }
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !function[y * size + x] {
                    let flip: Bool
                    switch mask {
                    case 0: flip = (x + y) % 2 == 0
                    case 1: flip = y % 2 == 0
                    case 2: flip = x % 3 == 0
                    case 3: flip = (x + y) % 3 == 0
                    case 4: flip = (x / 3 + y / 2) % 2 == 0
                    case 5: flip = x * y % 2 + x * y % 3 == 0
                    case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                    default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if flip { modules[y * size + x].toggle() }
                }
            }
        }

        /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, imbalance.
        func penalty() -> Int {
            var result = 0
            for line in 0..<2 {
                for a in 0..<size {
                    var runColor = false, runLength = 0
                    var history = [Int](repeating: 0, count: 7)
                    for b in 0..<size {
                        let c = line == 0 ? get(b, a) : get(a, b)
                        if c == runColor {
                            runLength += 1
                            if runLength == 5 { result += 3 } else if runLength > 5 { result += 1 }
                        } else {
                            addHistory(runLength, &history)
                            if !runColor { result += countPatterns(history) * 40 }
                            runColor = c
                            runLength = 1
                        }
                    }
                    if runColor {
                        addHistory(runLength, &history)
                        runLength = 0
                    }
                    addHistory(runLength + size, &history)
                    result += countPatterns(history) * 40
                }
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let c = get(x, y)
                    if c == get(x + 1, y), c == get(x, y + 1), c == get(x + 1, y + 1) { result += 3 }
                }
            }
            let dark = modules.filter { $0 }.count, total = size * size
            let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
            return result + k * 10
        }

        func addHistory(_ length: Int, _ history: inout [Int]) {
            var length = length
            if history[0] == 0 { length += size }
            history.removeLast()
            history.insert(length, at: 0)
        }

        func countPatterns(_ h: [Int]) -> Int {
            let n = h[1]
            let core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n
            return (core && h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (core && h[6] >= n * 4 && h[0] >= n ? 1 : 0)
        }
    }
}
