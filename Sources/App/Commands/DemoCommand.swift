import Demo
import Foundation
import Services
import Vapor

/// `concord demo`: loads the demo company into the database (once). The demo users' password
/// comes from CONCORD_DEMO_PASSWORD or is generated and printed.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads a realistic demo company (Beijing head office, Shanghai branch, Chengdu office, people in every role)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await prepareDatabase(app, config: Config.fromEnvironment())
        let ctx = systemContext(app)
        let given = ProcessInfo.processInfo.environment["CONCORD_DEMO_PASSWORD"]
        let password = (given?.isEmpty == false) ? given! : ctx.tokens.token(12)
        guard let (users, month) = try await Self.load(password: password, ctx) else {
            context.console.print("The demo company is already loaded.")
            return
        }
        let result = (users: users, loaded: true)
        context.console.print("Demo company loaded. Users: \(result.users.joined(separator: ", "))")
        context.console.print(
            "进销存: 4 warehouses, 6 products (fresh milk with dated batches), 6 partners and a month of posted documents (\(month)).")
        context.console.print(
            "CRM: 9 customers (one in the company pool), contacts, related organisations, custom fields, follow-ups, two pools, leads with a round-robin rule, opportunities, tasks and a work report."
        )
        context.console.print(
            "Contracts: a quote under the floor approved by zhangwei, its contract with a payment plan, order, delivery, invoice and a first collection; a purchase contract with a payment ahead."
        )
        context.console.print(
            "Branches and channels: regions, price lists, Beijing sending cola to Shanghai at cost plus 5%, a Chengdu distributor's order (its portal account: chuanyu), expense budgets and a claim, a cross-region sighting."
        )
        context.console.print(
            "Marketing: a food fair with its costs, a lead met there converted, won, signed and partly collected (its ROI shows), and a campaign being planned."
        )
        if given?.isEmpty != false { context.console.print("Their password (shown once): \(password)") }
    }

    /// The whole demo company, through the services a person uses: its users (each with
    /// `password`) and the month its documents fall in; nil when it is there already. The same
    /// for `concord demo` and for the sandbox the setup guide loads.
    static func load(password: String, _ ctx: ServiceContext) async throws -> (users: [String], month: String)? {
        let result = try await DemoCompany.load(password: password, ctx)
        guard result.loaded else { return nil }
        // Last month, so that every demo document lies in the past.
        let month = String(
            ISO8601DateFormatter().string(
                from: ctx.now.addingTimeInterval(-Double(Calendar.current.component(.day, from: ctx.now) + 1) * 86400)
            ).prefix(7))
        try await DemoInventory.load(month: month, ctx)
        try await DemoCRM.load(ctx)
        try await DemoFinance.load(month: month, ctx)
        try await DemoChannel.load(month: month, password: password, ctx)
        try await DemoMarketing.load(month: month, ctx)
        return (result.users, month)
    }
}
