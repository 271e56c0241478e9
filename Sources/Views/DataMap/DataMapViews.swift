import Paths

/// The data map page: the period, where the customers came from, and the flow of the period.
public struct DataMapModel: Sendable {
    public struct Source: Sendable {
        public var channel: String
        public var customers: String
        public var contacts: String
        /// Completeness as "82%" (of the channel's customers).
        public var phone: String
        public var uscc: String
        public var region: String
        public var owner: String
        public var duplicates: String
        public init(
            channel: String, customers: String, contacts: String, phone: String, uscc: String, region: String, owner: String,
            duplicates: String
        ) {
            self.channel = channel
            self.customers = customers
            self.contacts = contacts
            self.phone = phone
            self.uscc = uscc
            self.region = region
            self.owner = owner
            self.duplicates = duplicates
        }
    }
    public var from: String
    public var to: String
    public var sources: [Source] = []
    /// The steps from lead to collection with their counts in the period.
    public var flow: [(label: String, count: Int64)] = []
    public var note: String?
    public var actions: [PageAction] = []
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

public enum DataMapViews {
    public static func page(_ ctx: PageContext, _ m: DataMapModel) -> String {
        let t = ctx.t
        let headers = [
            t("datamap.channel"), t("datamap.customers"), t("datamap.contacts"), t("datamap.with_phone"), t("datamap.with_uscc"),
            t("datamap.with_region"), t("datamap.with_owner"), t("datamap.in_duplicates"),
        ]
        let rows: [[DataTable.Cell]] = m.sources.map { s in
            [
                .text(s.channel), .number(s.customers), .number(s.contacts), .number(s.phone), .number(s.uscc), .number(s.region),
                .number(s.owner), .number(s.duplicates),
            ]
        }
        return Layout.page(ctx, title: t("datamap.title"), actions: m.actions) {
            CommonPages.hint(t("datamap.intro"))
            h("h2") { t("datamap.sources") }
            DataTable.render(headers, rows)
            if let note = m.note { CommonPages.hint(note) }
            h("h2") { t("datamap.flow") }
            h("form", ["method": "get", "action": Paths.DataMap.overview(), "class": "filters"]) {
                FormKit.field("from", t("datamap.from"), m.from, type: "date")
                FormKit.field("to", t("datamap.to"), m.to, type: "date")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            Chart.bar(t("datamap.flow_chart", m.from, m.to), Chart.counts(m.flow).points)
        }
    }
}

/// One customer's lineage: where it came from and which channel last set each field.
public struct LineageModel: Sendable {
    public struct Field: Sendable {
        public var field: String
        public var channel: String
        public var when: String
        public var who: String
        public init(field: String, channel: String, when: String, who: String) {
            self.field = field
            self.channel = channel
            self.when = when
            self.who = who
        }
    }
    public var title: String
    public var facts: [(String, Node)] = []
    public var fields: [Field] = []
    public init(title: String) { self.title = title }
}

extension DataMapViews {
    public static func lineage(_ ctx: PageContext, _ m: LineageModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            h("h2") { t("datamap.field_sources") }
            DataTable.render(
                [t("datamap.field"), t("datamap.channel"), t("datamap.when"), t("datamap.who")],
                m.fields.map { [.text($0.field), .text($0.channel), .text($0.when), .text($0.who)] })
        }
    }
}
