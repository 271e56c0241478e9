/// A unit of the organisation tree (GLOSSARY: 总部, 分公司, 办事处, 门店).
public enum BranchKind: String, Sendable, CaseIterable, Codable {
    case headOffice = "head_office"
    case branch
    case salesOffice = "sales_office"
    case store
}

/// 独立核算 or 非独立核算.
public enum AccountingMode: String, Sendable, CaseIterable, Codable {
    case independent
    case consolidated
}
