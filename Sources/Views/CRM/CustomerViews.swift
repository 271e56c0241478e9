import Paths

/// The pieces of a customer's profile that act or leave the page: call, mail, website and map
/// links; handing the customer over or releasing it to the pool; the printable profile.
public enum CustomerViews {
    public static func phone(_ v: String) -> Node { h("a", ["href": "tel:" + v]) { v } }
    public static func email(_ v: String) -> Node { h("a", ["href": "mailto:" + v]) { v } }
    public static func website(_ v: String) -> Node { h("a", ["href": v, "rel": "noopener nofollow", "target": "_blank"]) { v } }
    /// Opens a map site in a new tab.
    public static func map(_ text: String, href: String) -> Node { h("a", ["href": href, "rel": "noopener", "target": "_blank"]) { text } }

    /// Hand the customer to someone the reader reaches.
    public static func transferForm(customerId: Int64, to people: [(id: Int64, name: String)], csrf: String, _ t: Translator) -> Node {
        h("form", ["method": "post", "action": Paths.CRM.transferCustomer(customerId), "class": "inline-form transfer-form"]) {
            Layout.csrfField(csrf)
            h("label", ["for": "transfer-owner"]) { t("customer.transfer_to") }
            h("select", ["id": "transfer-owner", "name": "ownerId"]) { for u in people { h("option", ["value": String(u.id)]) { u.name } } }
            h("button", ["type": "submit"]) { t("customer.transfer") }
        }
    }

    /// Release the customer to the pool, saying why.
    public static func releaseForm(customerId: Int64, csrf: String, _ t: Translator) -> Node {
        h(
            "form",
            [
                "method": "post", "action": Paths.CRM.releaseCustomer(customerId), "class": "inline-form",
                "data-confirm": t("pool.release_confirm"),
            ]
        ) {
            Layout.csrfField(csrf)
            h("label", ["for": "release-reason"]) { t("pool.release_reason") }
            h("input", ["id": "release-reason", "name": "reason", "required": "", "maxlength": "200", "size": "16"])
            h("button", ["type": "submit"]) { t("pool.release") }
        }
    }

    /// The printable one-page profile: facts and contacts (name, title, phones, e-mail).
    public static func print(_ lang: Lang, name: String, facts: [(String, Node)], contacts: [[String]]) -> String {
        let t = Translator(lang)
        return Layout.print(lang, title: name) {
            h("h1") { name }
            CommonPages.factList(facts)
            h("h2") { t("customer.section.contacts") }
            let keys = ["common.name", "contact.title", "partner.phone", "user.email"]
            h("table", ["class": "data"]) {
                h("thead") { h("tr") { for k in keys { h("th") { t(k) } } } }
                h("tbody") {
                    for c in contacts { h("tr") { for (k, v) in zip(keys, c) { h("td", ["data-label": t(k)]) { v } } } }
                }
            }
        }
    }
}
