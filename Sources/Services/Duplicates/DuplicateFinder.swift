import Foundation
import Kernel

/// The forms under which two records of one company meet: the name without legal form, width or
/// script differences; its pinyin (homophones: 快普 / 快谱); a phone without country code, spaces
/// or dashes; an e-mail in lower case; an address with its house number.
public enum DuplicateKeys {
    /// 東莞市華興電器有限公司 and 东莞华兴电器 (Co., Ltd.) meet here as 东莞市华兴电器.
    public static func name(_ text: String) -> String? {
        let key = PartnerService.nameKey(ChineseScript.simplified(text))
        return key.count >= 2 ? key : nil
    }

    /// The full pinyin of a name key, when long enough to mean something.
    public static func pinyin(ofKey key: String) -> String? {
        let p = Pinyin.full(key)
        return p.count >= 6 ? p : nil
    }

    /// +86 138-0013-8000, 0086 13800138000 and 138 0013 8000 are one number; so are
    /// +86 10 6552 9988 and 010-65529988.
    public static func phone(_ text: String?) -> String? {
        guard let text else { return nil }
        var d = String(Pinyin.halfWidth(text).prefix(40).filter { $0.isASCII && $0.isNumber })
        if d.hasPrefix("0086") {
            d.removeFirst(4)
        } else if d.hasPrefix("86"), d.count >= 12 {
            d.removeFirst(2)
        } else {
            return d.count >= 7 ? d : nil
        }
        // Past the country code a landline lost its trunk 0.
        if !(d.count == 11 && d.hasPrefix("1")) && !d.hasPrefix("0") { d = "0" + d }
        return d.count >= 7 ? d : nil
    }

    public static func email(_ text: String?) -> String? {
        guard let e = text?.trimmingCharacters(in: .whitespaces).lowercased(), e.contains("@"), e.count >= 5 else { return nil }
        return e
    }

    /// The address's letters and digits in simplified script; only an address with a number in it
    /// (a street and house) says where one company is — a district alone says nothing.
    public static func address(_ text: String?) -> String? {
        guard let text else { return nil }
        let s = ChineseScript.simplified(Pinyin.halfWidth(text)).lowercased().filter { $0.isLetter || $0.isNumber }
        guard s.count >= 8, s.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        return s
    }
}

/// Finds pairs of records that look like one, in memory and without comparing every record with
/// every other: each record gives its keys, records sharing a key form a block, and only within a
/// block are pairs made. A key shared by more than `maxBlock` records (a switchboard number, an
/// industrial park's address) tells nothing about any two of them and is passed over.
public struct DuplicateFinder {
    public enum Reason: UInt8, CaseIterable, Sendable {
        case name, pinyin, phone, email, address

        public var code: String {
            switch self {
            case .name: "name"
            case .pinyin: "pinyin"
            case .phone: "phone"
            case .email: "email"
            case .address: "address"
            }
        }

        /// How sure a match on this alone makes us, in percent.
        var weight: Int {
            switch self {
            case .name: 90
            case .pinyin: 60
            case .phone: 70
            case .email: 70
            case .address: 40
            }
        }
    }

    public struct Pair: Sendable, Equatable {
        public var a: Int64
        public var b: Int64
        public var score: Int
        public var reasons: [Reason]
        public var cluster: Int64
    }

    struct Entry {
        var hash: UInt64
        var id: Int64
        var reason: UInt8
    }

    public var maxBlock: Int
    var entries: [Entry] = []
    public private(set) var records: Int = 0

    public init(maxBlock: Int = 20) { self.maxBlock = maxBlock }

    /// Adds a record's keys under `id` (a record may be added in parts: its contacts' phones
    /// and e-mails later under the same id).
    public mutating func add(_ id: Int64, name: String? = nil, phones: [String?] = [], emails: [String?] = [], address: String? = nil) {
        if let n = name, let key = DuplicateKeys.name(n) {
            records += 1
            entries.append(Entry(hash: Self.hash(key), id: id, reason: Reason.name.rawValue))
            if let p = DuplicateKeys.pinyin(ofKey: key) {
                entries.append(Entry(hash: Self.hash(p), id: id, reason: Reason.pinyin.rawValue))
            }
        }
        for p in phones {
            if let k = DuplicateKeys.phone(p) { entries.append(Entry(hash: Self.hash(k), id: id, reason: Reason.phone.rawValue)) }
        }
        for e in emails {
            if let k = DuplicateKeys.email(e) { entries.append(Entry(hash: Self.hash(k), id: id, reason: Reason.email.rawValue)) }
        }
        if let k = DuplicateKeys.address(address) { entries.append(Entry(hash: Self.hash(k), id: id, reason: Reason.address.rawValue)) }
    }

    /// Adds a person's keys under `id`: the name (and its sound) count only among the people of
    /// one customer (`at`) — two 张伟 at two companies are two people —, numbers and e-mails anywhere.
    public mutating func add(_ id: Int64, person name: String, at group: Int64, phones: [String?], emails: [String?]) {
        let key = ChineseScript.simplified(Pinyin.halfWidth(name)).lowercased().filter { $0.isLetter || $0.isNumber }
        if !key.isEmpty {
            records += 1
            entries.append(Entry(hash: Self.hash(String(group) + "#" + key), id: id, reason: Reason.name.rawValue))
            let sound = Pinyin.full(key)
            if sound.count >= 4 {
                entries.append(Entry(hash: Self.hash(String(group) + "#" + sound), id: id, reason: Reason.pinyin.rawValue))
            }
        }
        add(id, phones: phones, emails: emails)
    }

    /// Adds goods under `id` by their name and spec: the same letters and digits once script, width
    /// and case are set aside (可口可乐 330ml = 可口可樂 330ML), or the same sound.
    public mutating func add(_ id: Int64, goods text: String) {
        let key = ChineseScript.simplified(Pinyin.halfWidth(text)).lowercased().filter { $0.isLetter || $0.isNumber }
        guard key.count >= 2 else { return }
        records += 1
        entries.append(Entry(hash: Self.hash(key), id: id, reason: Reason.name.rawValue))
        let sound = Pinyin.full(key)
        if sound.count >= 6, sound != key {
            entries.append(Entry(hash: Self.hash(sound), id: id, reason: Reason.pinyin.rawValue))
        }
    }

    /// FNV-1a over the key's UTF-8: 64 bits make a collision between two of a few million keys
    /// unlikely past caring (and a collision would only put one pair in front of a person). The
    /// multiplication wraps on purpose: FNV is defined modulo 2^64; no amount or quantity is here.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    struct PairKey: Hashable {
        var a: Int64
        var b: Int64
    }

    /// The pairs found, best first, each with its reasons and the cluster (the lowest id of the
    /// group that strong pairs — score 60 and up — tie together).
    public mutating func pairs() -> [Pair] {
        entries.sort { ($0.reason, $0.hash, $0.id) < ($1.reason, $1.hash, $1.id) }
        var found: [PairKey: UInt8] = [:]
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].hash == entries[start].hash, entries[end].reason == entries[start].reason { end += 1 }
            var ids: [Int64] = []
            for i in start..<end where ids.last != entries[i].id { ids.append(entries[i].id) }
            if ids.count >= 2, ids.count <= maxBlock {
                for i in 0..<ids.count - 1 {
                    for j in (i + 1)..<ids.count {
                        found[PairKey(a: ids[i], b: ids[j]), default: 0] |= 1 << entries[start].reason
                    }
                }
            }
            start = end
        }
        entries = []
        var pairs: [Pair] = found.map { key, mask in
            var reasons = Reason.allCases.filter { mask & (1 << $0.rawValue) != 0 }
            // The same name has the same pinyin: say it once.
            if reasons.contains(.name) { reasons.removeAll { $0 == .pinyin } }
            var miss = 1.0
            for r in reasons { miss *= Double(100 - r.weight) / 100 }
            return Pair(a: key.a, b: key.b, score: Int(((1 - miss) * 100).rounded()), reasons: reasons, cluster: 0)
        }
        var parent: [Int64: Int64] = [:]
        func find(_ x: Int64) -> Int64 {
            var r = x
            while let p = parent[r], p != r { r = p }
            var y = x
            while let p = parent[y], p != r {
                parent[y] = r
                y = p
            }
            return r
        }
        for p in pairs where p.score >= 60 {
            let (ra, rb) = (find(p.a), find(p.b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for i in pairs.indices { pairs[i].cluster = find(pairs[i].a) }
        pairs.sort { ($1.score, $0.a, $0.b) < ($0.score, $1.a, $1.b) }
        return pairs
    }

    /// How many clusters of two or more records the strong pairs make.
    public static func clusters(_ pairs: [Pair]) -> Int {
        Set(pairs.filter { $0.score >= 60 }.map(\.cluster)).count
    }
}
