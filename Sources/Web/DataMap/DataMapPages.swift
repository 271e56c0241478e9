import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 数据地图: the sources of the customers and the flow of a period; one customer's lineage.
enum DataMapPages {
    static func channel(_ c: String?, _ via: String?, _ t: Translator) -> String {
        let name = t("datamap.channel." + (c ?? "unrecorded"))
        guard let via, !via.isEmpty else { return name }
        let parts = via.split(separator: ":").map(String.init)
        if parts.first == "import", parts.count == 3 { return name + " " + t("datamap.via_import", parts[1], parts[2]) }
        if parts.first == "lead", parts.count == 2 { return name + " " + t("datamap.via_lead", parts[1]) }
        return name
    }

    static func percent(_ part: Int64, of whole: Int64) -> String {
        whole == 0 ? "—" : String(part * 100 / whole) + "%"
    }

    static func overview(_ req: Request) async throws -> Response {
        let t = req.t
        let o = try await DataMapService.overview(
            from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"], req.services)
        var m = DataMapModel(from: o.from.text, to: o.to.text)
        m.sources = o.sources.map { s in
            DataMapModel.Source(
                channel: channel(s.channel, nil, t), customers: String(s.customers), contacts: String(s.contacts),
                phone: percent(s.withPhone, of: s.customers), uscc: percent(s.withUscc, of: s.customers),
                region: percent(s.withRegion, of: s.customers), owner: percent(s.withOwner, of: s.customers),
                duplicates: o.scanned ? String(s.inDuplicates) : "—")
        }
        if !o.scanned { m.note = t("datamap.not_scanned") }
        let f = o.flow
        m.flow = [
            (t("datamap.step.leads"), f.leads), (t("datamap.step.leads_converted"), f.leadsConverted),
            (t("datamap.step.customers"), f.customers),
            (t("datamap.step.customers_from_leads"), f.customersFromLeads), (t("datamap.step.opportunities"), f.opportunities),
            (t("datamap.step.opportunities_won"), f.opportunitiesWon), (t("datamap.step.contracts"), f.contracts),
            (t("datamap.step.sales_orders"), f.salesOrders), (t("datamap.step.deliveries"), f.deliveries),
            (t("datamap.step.invoices"), f.invoices), (t("datamap.step.collections"), f.collections),
        ]
        m.actions = [PageAction(label: t("duplicates.title"), href: Paths.Duplicates.review())]
        return PageShell.page(req, DataMapViews.page(PageShell.context(req), m))
    }

    static func customer(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let l = try await DataMapService.lineage(customer: try req.id(), req.services)
        var people: [Int64: String] = [:]
        for id in Set(l.fields.compactMap(\.userId) + [l.origin?.userId].compactMap { $0 }) {
            if let u = try await OrganisationQueries.user(id, on: req.services.store) { people[id] = u.displayName }
        }
        var m = LineageModel(title: t("datamap.lineage", l.customer.name))
        m.facts = [
            (t("datamap.customer"), CommonPages.link("\(l.customer.name) (\(l.customer.code))", Paths.CRM.customer(l.customer.id))),
            (t("datamap.origin"), .text(channel(l.origin?.channel, l.origin?.via, t))),
            (t("datamap.created"), .text(PageShell.date(l.origin?.at ?? l.customer.createdAt, lang))),
            (t("datamap.who"), .text(l.origin?.userId.flatMap { people[$0] } ?? "")),
        ]
        m.fields = l.fields.map { f in
            LineageModel.Field(
                field: ConcordErrorMiddleware.fieldName(f.field, t), channel: channel(f.channel, f.via, t),
                when: PageShell.date(f.at, lang),
                who: f.userId.flatMap { people[$0] } ?? "")
        }
        return PageShell.page(req, DataMapViews.lineage(PageShell.context(req), m))
    }
}
