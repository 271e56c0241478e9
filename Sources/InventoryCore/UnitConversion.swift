import Kernel

/// A unit a product is counted in, with its exact factor to the base unit (1 case = 24 bags:
/// the case has factor 24 when the bag is the base unit).
public struct ProductUnit: Sendable, Hashable, Codable {
    public var name: String
    public var factor: Quantity
    public init(name: String, factor: Quantity) {
        self.name = name
        self.factor = factor
    }
}

public enum UnitConversionError: Error, Sendable, Hashable {
    case unknownUnit(String)
    case notExact(quantity: Quantity, unit: String)
}

public enum UnitConversion {
    /// Converts an entered quantity to the base unit; never rounds.
    public static func toBase(_ quantity: Quantity, unit: String, units: [ProductUnit]) throws(UnitConversionError) -> Quantity {
        guard let u = units.first(where: { $0.name == unit }) else { throw .unknownUnit(unit) }
        guard let base = quantity.converted(by: u.factor) else { throw .notExact(quantity: quantity, unit: unit) }
        return base
    }

    /// "3 箱 5 袋": a base quantity as whole packs of the largest unit and loose base units.
    public static func packsAndLoose(_ base: Quantity, pack: ProductUnit?, baseName: String) -> String {
        guard let pack, pack.factor > Quantity(1) else { return "\(base) \(baseName)" }
        let (packs, loose) = base.magnitude.split(into: pack.factor)
        let sign = base.isNegative ? "-" : ""
        if loose.isZero { return "\(sign)\(packs) \(pack.name)" }
        if packs == 0 { return "\(sign)\(loose) \(baseName)" }
        return "\(sign)\(packs) \(pack.name) \(loose) \(baseName)"
    }
}
