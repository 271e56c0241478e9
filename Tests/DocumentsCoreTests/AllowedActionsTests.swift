import DocumentsCore
import Kernel
import Testing

struct AllowedActionsTests {
    static func grants(_ rights: Set<String>) -> (Right) -> Bool { { rights.contains($0.description) } }

    @Test func aContractKeeperSeesTheButtonsTheirRightsAndTheStateAllow() {
        let editor = Self.grants(["contracts.view", "contracts.edit", "contracts.delete"])
        #expect(ContractFlow.allowedActions(.draft, grants: editor) == [.edit, .submit, .setPlan, .delete, .attach])
        #expect(ContractFlow.allowedActions(.pending, grants: editor) == [.withdraw, .setPlan, .attach])
        #expect(ContractFlow.allowedActions(.active, grants: editor) == [.setPlan, .attach])
        let manager = Self.grants([
            "contracts.view", "contracts.edit", "contracts.approve", "contracts.create", "orders.create", "cash.create",
        ])
        #expect(
            ContractFlow.allowedActions(.active, grants: manager) == [.complete, .terminate, .renew, .setPlan, .makeOrder, .bill, .attach])
        #expect(ContractFlow.allowedActions(.terminated, grants: manager) == [.attach])
    }

    @Test func theSystemsCommandsAreOfferedToNobody() {
        let everything: (Right) -> Bool = { _ in true }
        for s in ContractFlow.State.allCases {
            let offered = ContractFlow.allowedActions(s, grants: everything)
            #expect(!offered.contains(.approve) && !offered.contains(.reject) && !offered.contains(.expire))
        }
        for s in OrderFlow.State.allCases {
            let offered = OrderFlow.allowedActions(s, .init(hasDeliveries: false), grants: everything)
            #expect(!offered.contains(.complete) && !offered.contains(.reopen))
        }
    }

    @Test func factsTakeAButtonAwayAndNameTheReason() throws {
        let all: (Right) -> Bool = { _ in true }
        #expect(!QuoteFlow.allowedActions(.draft, .init(belowFloor: true, expired: false), grants: all).contains(.send))
        #expect(QuoteFlow.allowedActions(.draft, .init(belowFloor: false, expired: false), grants: all).contains(.send))
        #expect(!QuoteFlow.allowedActions(.approved, .init(belowFloor: true, expired: true), grants: all).contains(.send))
        #expect(throws: Refusal(code: "quote_needs_approval", state: "draft", command: "send")) {
            try QuoteFlow.check(.send, from: .draft, .init(belowFloor: true, expired: false))
        }
        #expect(throws: Refusal(code: "order_has_deliveries", state: "confirmed", command: "cancel")) {
            try OrderFlow.check(.cancel, from: .confirmed, .init(hasDeliveries: true))
        }
        #expect(throws: Refusal(code: "document_settled", state: "issued", command: "cancel")) {
            try InvoiceFlow.check(.cancel, from: .issued, .init(settled: true))
        }
    }

    @Test func aRefusedStateNamesTheDocumentsOwnError() {
        #expect(throws: Refusal(code: "contract_active_delete", state: "active", command: "delete")) {
            try ContractFlow.check(.delete, from: .active)
        }
        #expect(throws: Refusal(code: "not_draft", state: "pending", command: "delete")) { try ContractFlow.check(.delete, from: .pending) }
        #expect(throws: Refusal(code: "document_cancelled", state: "cancelled", command: "cancel")) {
            try StockDocumentFlow.check(.cancel, from: .cancelled, .init(isReversal: false))
        }
        #expect(throws: Refusal(code: "not_posted", state: "draft", command: "cancel")) {
            try StockDocumentFlow.check(.cancel, from: .draft, .init(isReversal: false))
        }
        #expect(throws: Refusal(code: "reversal_cannot_cancel", state: "posted", command: "cancel")) {
            try StockDocumentFlow.check(.cancel, from: .posted, .init(isReversal: true))
        }
        #expect(throws: Refusal(code: "invalid_transition", state: "mystery", command: "submit")) {
            try ContractFlow.next(.submit, from: "mystery")
        }
    }

    @Test func submissionsLandOnWhatTheApprovalRulesSay() throws {
        #expect(try ContractFlow.next(.submit, from: "draft", pending: true) == .pending)
        #expect(try ContractFlow.next(.submit, from: "draft", pending: false) == .active)
        #expect(try StockDocumentFlow.next(.delete, from: "draft", .init(isReversal: false)) == nil)
    }

    @Test func routesPostOnlyToAPersonsStateChanges() {
        #expect(ContractFlow.transitions == [.submit, .withdraw, .complete, .terminate])
        #expect(QuoteFlow.transitions == [.submit, .send, .accept, .decline, .reopen])
        #expect(OrderFlow.transitions == [.confirm, .close, .cancel])
        #expect(ExpenseClaimFlow.transitions == [.submit, .withdraw, .pay])
    }

    @Test func stateSetsForSQLKeepDeclarationOrder() {
        #expect(ContractFlow.stored(ContractFlow.inForce) == ["active", "completed", "expired"])
        #expect(ExpenseClaimFlow.stored(ExpenseClaimFlow.committed) == ["pending", "approved", "paid"])
        #expect(BranchTransferFlow.allStored == ["in_transit", "received"])
    }
}
