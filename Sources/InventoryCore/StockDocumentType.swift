/// The one stock document model and its kinds (DESIGN.md section 5, GLOSSARY).
public enum StockDocumentType: String, Sendable, CaseIterable, Codable {
    case purchaseReceipt, salesDelivery, purchaseReturn, salesReturn, transfer, stockCount, otherReceipt, otherIssue

    /// The number prefix: PR-2026-000001.
    public var prefix: String {
        switch self {
        case .purchaseReceipt: "PR"
        case .salesDelivery: "SD"
        case .purchaseReturn: "PRR"
        case .salesReturn: "SR"
        case .transfer: "TR"
        case .stockCount: "SC"
        case .otherReceipt: "OR"
        case .otherIssue: "OI"
        }
    }

    /// Receipts name a unit cost per line.
    public var takesUnitCost: Bool { self == .purchaseReceipt || self == .otherReceipt }
    /// Deliveries name a unit price per line (revenue).
    public var takesUnitPrice: Bool { self == .salesDelivery }
    /// Returns name the line they return.
    public var returnsLineOf: StockDocumentType? {
        switch self {
        case .purchaseReturn: .purchaseReceipt
        case .salesReturn: .salesDelivery
        default: nil
        }
    }
    public var needsPartner: Bool { [.purchaseReceipt, .salesDelivery, .purchaseReturn, .salesReturn].contains(self) }
    public var partnerIsSupplier: Bool { self == .purchaseReceipt || self == .purchaseReturn }
}

/// How a ledger entry takes part in costing.
public enum EntryKind: String, Sendable, Codable {
    /// Goods in at a fixed value (purchase and other receipts).
    case receipt = "in"
    /// Goods in at the current cost (count gains).
    case gain
    /// Goods out at cost (deliveries, other issues, count losses).
    case issue = "out"
    /// A customer's return: back with the value it left with.
    case returnIn = "return_in"
    /// Back to the supplier.
    case returnOut = "return_out"
    /// A cancelled receipt leaving exactly as it came.
    case reverseIn = "reverse_in"
    /// A cancelled issue coming back exactly as it left.
    case reverseOut = "reverse_out"
    /// A transfer inside one costing scope: value moves between warehouses, the cost pool stays.
    case moveOut = "move_out"
    case moveIn = "move_in"
    /// A settlement of an issue made without stock (value only).
    case adjustment = "adjust"

    public var inbound: Bool { [.receipt, .gain, .returnIn, .reverseOut, .moveIn].contains(self) }
}
