/// The audit log as sentences in the reader's language: "修改了合同 #12", "updated contract #12".
/// An action or a record kind without words in the catalog shows as stored.
public enum AuditWords {
    /// The kinds of record the log's filter offers.
    public static let entities = [
        "customer", "contact", "lead", "opportunity", "activity", "quote", "contract", "approval", "approval_rule", "invoice",
        "collection", "payment", "sales_order", "purchase_order", "stock_document", "branch_transfer", "product", "warehouse",
        "partner", "price_list", "region", "expense_claim", "expense_budget", "branch", "department", "user", "role", "api_token",
        "company",
    ]
    /// The actions the log's filter offers.
    public static let actions = [
        "create", "update", "delete", "submit", "approve", "reject", "post", "cancel", "confirm", "issue", "settle", "assign",
        "transfer", "recycle", "login", "login_failed", "logout", "reset_password", "revoke", "export",
    ]

    public static func action(_ a: String, _ t: Translator) -> String { t.has("audit.action." + a) ? t("audit.action." + a) : a }
    public static func entity(_ e: String, _ t: Translator) -> String { t.has("audit.entity." + e) ? t("audit.entity." + e) : e }

    public static func what(action: String, entity: String, id: String?, _ t: Translator) -> String {
        t("audit.what", self.action(action, t), self.entity(entity, t), id.map { " #" + $0 } ?? "")
    }
}
