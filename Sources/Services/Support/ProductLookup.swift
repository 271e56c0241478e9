import Kernel
import Persistence

/// A product as a person names it on a document line: by its code, or by a barcode scanned into
/// the same field (a barcode belongs to one unit, so it names the unit too). Every form with lines
/// (quotes, contracts, orders, stock documents, price lists, branch transfers) reads it here.
public enum ProductLookup {
    public struct Line: Sendable, Equatable {
        public var productId: Int64
        /// The unit typed, else the scanned barcode's unit, else nil (the product's base unit).
        public var unit: String?
    }

    public static func find(_ text: String, unit typed: String?, _ store: Store) async throws -> Line? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 64 else { return nil }
        let unit = typed.flatMap { $0.isEmpty ? nil : $0 }
        if let p = try await InventoryQueries.product(code: text, on: store) { return Line(productId: p.id, unit: unit) }
        if let u = try await InventoryQueries.unit(barcode: text, on: store) { return Line(productId: u.productId, unit: unit ?? u.name) }
        return nil
    }

    /// Line `index`'s product, or a 422 on `lines[index].productId` that repeats what was typed.
    public static func line(_ text: String?, unit: String?, index: Int, field: String = "lines", _ store: Store) async throws -> Line {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw DomainError.required("\(field)[\(index)].productId") }
        guard let found = try await find(text, unit: unit, store) else {
            throw DomainError.invalid("\(field)[\(index)].productId", code: "unknown_product", args: [String(text.prefix(64))])
        }
        return found
    }
}
