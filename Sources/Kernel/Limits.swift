/// The largest values a person or a program may enter. They are far beyond any real business
/// (a billion units on one line, ten billion yuan for one unit, a trillion yuan on one line) and
/// small enough that sums of them stay exact: with these at the door, arithmetic overflows only
/// in sums of many extreme records, and then it answers `amount_too_large` (never a trap).
public enum Limits {
    /// One line's quantity in the unit entered.
    public static let quantity = Quantity(units: 1_000_000_000 * Quantity.one)
    /// One line's quantity in the product's base unit.
    public static let baseQuantity = Quantity(units: 100_000_000_000 * Quantity.one)
    /// How many base units one unit holds (1 case = 24 bags), and how few (1 g = 0.001 kg).
    public static let factor = Quantity(units: 1_000_000 * Quantity.one)
    public static let smallestFactor = Quantity(units: 1)
    /// A price or cost of one unit.
    public static let unitPrice = UnitPrice(units: 10_000_000_000 * 1_000_000)
    /// One amount of money: a line, a document, a payment, a budget.
    public static let amount = Money(fen: 100_000_000_000_000)
    /// Lines on one document.
    public static let lines = 500
}
