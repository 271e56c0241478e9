import Kernel
import Persistence
import Vapor
import Views

/// The product picker of every line form: the active products a line can name, each offered by
/// its code with its name, specification, unit, price and pinyin, so that typing a code, a name,
/// its pinyin or initials (kl for 可乐) finds it. Reading it needs no product-management right:
/// a salesperson picks what they sell.
enum ProductPicker {
    static let limit = 3000

    static func context(_ req: Request) async throws -> PageContext {
        var ctx = PageShell.context(req)
        let page = try await InventoryQueries.products(filter: .init(active: true), limit: limit, cursor: nil, on: req.store)
        ctx.products = page.items.map { p in
            let name = p.name + (p.spec.map { " " + $0 } ?? "")
            let pinyin = [Pinyin.initials(p.name), Pinyin.full(p.name)].filter { !$0.isEmpty && $0 != p.name.lowercased() }
            let parts = [name, p.baseUnit, "¥" + UnitPrice(units: p.salePrice).description] + pinyin
            return (p.code, parts.joined(separator: " · "))
        }
        return ctx
    }
}
