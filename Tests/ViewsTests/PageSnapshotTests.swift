import Kernel
import Testing

@testable import Views

/// Pages as pure functions of fixed view models, pinned by snapshots.
struct PageSnapshotTests {
    static func context(_ lang: Lang) -> PageContext {
        PageContext(
            lang: lang, userName: "管理员",
            nav: [
                NavSection(titleKey: "nav.section.home", items: [NavItem(titleKey: "nav.home", href: "/")]),
                NavSection(
                    titleKey: "nav.section.org",
                    items: [
                        NavItem(titleKey: "nav.branches", href: "/organisation/branches"),
                        NavItem(titleKey: "nav.users", href: "/access/users"),
                    ]),
            ], csrf: "CSRF-TOKEN", path: "/access/users", flash: [Flash(.success, Translator(lang)("user.saved"))])
    }

    @Test(arguments: Lang.allCases)
    func loginPage(_ lang: Lang) {
        assertSnapshot(
            LoginPage.render(lang: lang, csrf: "CSRF", username: "admin<", error: Translator(lang)("login.failed"), next: "/access/users"),
            named: "login-\(lang.rawValue)")
    }

    @Test(arguments: Lang.allCases)
    func homePage(_ lang: Lang) {
        var model = HomeModel()
        let t = Translator(lang)
        model.sections = [
            (t("home.section.sales"), [.init(t("home.pipeline"), "¥180,000.00", detail: t("home.count", "3"), href: "/crm/opportunities")]),
            (
                t("home.section.stock"),
                [
                    .init(t("home.drafts_to_post"), "2", href: "/inventory/documents?status=draft", warn: true),
                    .init(t("home.in_transit"), "0"),
                ]
            ),
            (t("home.section.finance"), []),
        ]
        model.organisation = .init(
            branches: 3, departments: 8, users: 10, roles: 7,
            usersByBranch: Chart.counts([("北京总部", 6), ("上海分公司", 3), ("成都办事处", 1)]).points,
            branchesByKind: Chart.counts([("总部", 1), ("分公司", 1), ("办事处", 1)]).points)
        model.recent = [(when: "2026-11-27 09:30", who: "admin", what: "update branch 2")]
        assertSnapshot(HomePage.render(Self.context(lang), model), named: "home-\(lang.rawValue)")
    }

    @Test func listWithFiltersSortAndNextPage() {
        let t = Translator(.zhCN)
        var model = ListModel(
            basePath: "/access/users", query: "张", filters: [.init(name: "branchId", label: "机构", options: [("1", "北京总部")], selected: "1")],
            columns: [.init("用户名", sortKey: "username"), .init("姓名"), .init("金额", numeric: true)], sort: "username", descending: true,
            rows: [[.text("zhangwei"), .text("张伟"), .text("1234.50")]], nextCursor: "abc", emptyText: t("list.empty"))
        model.onLaterPage = true
        assertSnapshot(
            CommonPages.list(
                Self.context(.zhCN), title: "用户", actions: [PageAction(label: "新建用户", href: "/access/users/new", primary: true)], model),
            named: "list-users")
    }

    @Test func formKeepsValuesAndShowsFieldErrors() {
        let t = Translator(.zhCN)
        var form = FormModel(
            action: "/access/users", csrf: "CSRF",
            fields: [
                .init("username", label: t("user.username"), value: "zhang\"san", required: true),
                .init("email", label: t("user.email"), kind: .email, value: "bad"),
                .init("branchId", label: t("user.branch"), kind: .select([("1", "北京总部"), ("2", "上海分公司")]), value: "2", required: true),
                .init("roleIds", label: t("user.roles"), kind: .checkboxes([("1", "管理员"), ("2", "销售代表")]), values: ["2"]),
                .init("active", label: t("common.active"), kind: .checkbox, value: "true"),
            ], hidden: [("version", "3")], submitLabel: t("action.save"), cancelHref: "/access/users")
        form.attach(error: t("error.invalid_email"), field: "email")
        assertSnapshot(CommonPages.form(Self.context(.zhCN), title: t("user.new"), form), named: "form-user")
    }

    @Test func branchTreeAndItsPrintView() {
        let roots = [
            BranchTreeNode(
                id: 1, name: "北京总部", code: "HQ", kind: "head_office", accounting: "independent", active: true, departments: ["销售部", "财务部"],
                children: [
                    BranchTreeNode(
                        id: 2, name: "成都办事处", code: "CD", kind: "sales_office", accounting: "consolidated", active: true,
                        departments: [], children: [])
                ])
        ]
        assertSnapshot(BranchTreePage.render(Self.context(.zhCN), roots: roots, canCreate: true), named: "branch-tree")
        assertSnapshot(BranchTreePage.print(.zhCN, roots: roots), named: "branch-tree-print")
    }

    @Test(arguments: [404, 403, 500])
    func errorPages(_ status: Int) {
        assertSnapshot(
            CommonPages.error(nil, lang: .en, status: status, message: "msg", requestId: status == 500 ? "req-1" : nil),
            named: "error-\(status)")
    }

    /// Money is held in fen and shown in 元, or 万元 once figures are large: a funnel of
    /// ¥180,000 never reads 18000000.
    @Test func chartsShowMoneyInYuanOrTenThousands() {
        let large = Chart.money([("方案报价", 18_000_000), ("谈判审核", 4_550_000)])
        #expect(large.unitKey == "chart.unit.wan")
        #expect(large.points.map(\.display) == ["18.00", "4.55"])
        let html = Chart.funnel(Chart.title("商机漏斗", unit: "万元"), large.points).render()
        #expect(html.contains("商机漏斗（万元）") && html.contains("18.00"))
        #expect(!html.contains("18000000"))
        let small = Chart.money([("初步接洽", 500_000)])
        #expect(small.unitKey == "chart.unit.yuan")
        #expect(small.points.map(\.display) == [Money(fen: 500_000).description])
    }

    @Test func chartsDrawEveryKind() {
        let points = Chart.counts([("线索", 120), ("商机", 60), ("报价", 25), ("成交", 10)]).points
        assertSnapshot(
            Chart.funnel("销售漏斗", points).render() + Chart.line("趋势", points).render() + Chart.donut("构成", points).render()
                + Chart.bar("对比", points).render() + Chart.donut("单项", Chart.counts([("全部", 5)]).points).render(), named: "charts")
    }
}

struct CatalogTests {
    @Test func bothLanguagesHaveTheSameKeys() {
        let zh = Set(Catalog.zhCN.keys), en = Set(Catalog.en.keys)
        #expect(zh.subtracting(en).sorted() == [], "missing in English")
        #expect(en.subtracting(zh).sorted() == [], "missing in Chinese")
        #expect(Catalog.zhCN.values.allSatisfy { !$0.isEmpty } && Catalog.en.values.allSatisfy { !$0.isEmpty })
    }

    /// Each key lives once, in one module's catalog: a key defined twice is silently shadowed
    /// (the CRM's report list once read "Movement").
    @Test func noKeyIsDefinedTwice() {
        #expect(Catalog.duplicates == [:], "defined twice")
        #expect(Catalog.modules.count == 19 && Catalog.modules.allSatisfy { !$0.entries.isEmpty })
    }

    @Test func placeholdersMatchAcrossLanguages() {
        for (key, zh) in Catalog.zhCN {
            let en = Catalog.en[key] ?? ""
            for i in 0..<4 { #expect(zh.contains("{\(i)}") == en.contains("{\(i)}"), "placeholder {\(i)} of \(key)") }
        }
    }

    /// The 360° profile: escaped data, the quick follow-up form with its check-in button, the group
    /// tree and a block of linked records.
    @Test func customerProfile() {
        let t = Translator(.zhCN)
        let model = CustomerProfileModel(
            title: "北京快普科技<有限公司>", badges: [("客户级别 A", ""), ("合作中", "ok"), ("#重点", "tag")],
            facts: [(t("common.code"), .text("C000001")), (t("partner.phone"), h("a", ["href": "tel:010-82345678"]) { "010-82345678" })],
            actions: [PageAction(label: t("action.edit"), href: "/crm/customers/1/edit")],
            contacts: [
                .init(
                    name: "王建国", title: "采购经理", phones: "13912345678", email: "wang@example.cn", wechat: "", birthday: "06-18",
                    primary: true,
                    editHref: "/crm/contacts/1/edit")
            ],
            addContactHref: "/crm/contacts/new?partnerId=1",
            activities: [
                .init(
                    kind: "拜访", when: "2026-11-26 15:30", who: "王芳", content: "上门演示 <b>库存</b>", next: "2026-12-05",
                    checkIn: ("签到位置 39.98, 116.31", "https://uri.amap.com/marker?position=116.31,39.98"))
            ],
            moreActivitiesHref: nil,
            followUp: FollowUpForm(
                action: "/crm/activities", csrf: "CSRF-TOKEN", partnerId: "1", contacts: [("1", "王建国")], kind: "visit",
                content: "已输入的内容", nextFollowUp: "2026-12-01", error: "请填写跟进内容。"),
            group: [
                .init(depth: 0, label: "华东控股", href: "/crm/customers/2", kind: "", current: false),
                .init(depth: 1, label: "北京快普科技<有限公司>", href: "/crm/customers/1", kind: "子公司", current: true),
            ],
            blocks: [.init(title: t("customer.section.orders"), columns: [t("order.number")], rows: [[.text("SO-2026-000001")]], empty: "")]
        )
        assertSnapshot(CustomerPages.profile(PageSnapshotTests.context(.zhCN), model), named: "customer-profile")
    }

    @Test func missingKeyIsVisible() {
        #expect(Translator(.en)("no.such.key") == "⟦no.such.key⟧")
        #expect(Lang.from(acceptLanguage: "fr-FR,en;q=0.5") == .en)
        #expect(Lang.from(acceptLanguage: "fr-FR") == .zhCN)
        #expect(Lang.from(acceptLanguage: "en;q=0.4,zh-TW;q=0.9") == .zhCN)
    }
}
