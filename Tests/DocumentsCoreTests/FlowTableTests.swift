import DocumentsCore
import Kernel
import Testing

/// Every (state, command) pair of every document, against a table written from the glossary's
/// description of each document, not from the code: a pair the table does not list must be refused.
struct FlowTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var document: String
        var state: String
        var command: String
        var testDescription: String { "\(document): \(command) from \(state)" }
    }

    /// `document state command -> target` (`a|b` for a submission: approved|pending; `-` for a removal).
    static let table = """
        campaign planning edit -> planning
        campaign active edit -> active
        campaign planning start -> active
        campaign active complete -> completed
        campaign planning cancel -> cancelled
        campaign active cancel -> cancelled
        campaign cancelled reopen -> planning
        campaign planning cost -> planning
        campaign active cost -> active
        campaign completed cost -> completed
        campaign planning event -> planning
        campaign active event -> active
        invitation invited accept -> accepted
        invitation declined accept -> accepted
        invitation invited decline -> declined
        invitation accepted decline -> declined
        invitation invited check_in -> checked_in
        invitation accepted check_in -> checked_in
        invitation declined check_in -> checked_in
        invitation checked_in undo -> accepted
        send sending pause -> paused
        send paused resume -> sending
        send sending cancel -> cancelled
        send paused cancel -> cancelled
        send sending finish -> done
        material draft edit -> draft
        material published edit -> published
        material expired edit -> expired
        material draft publish -> published
        material expired publish -> published
        material published withdraw -> expired
        material published redraft -> draft
        material expired redraft -> draft
        approval pending approve -> approved|pending
        approval pending reject -> rejected
        approval pending return -> returned
        approval pending withdraw -> withdrawn
        quote draft edit -> draft
        quote draft submit -> approved|pending
        quote draft send -> sent
        quote approved send -> sent
        quote sent accept -> accepted
        quote sent decline -> declined
        quote pending reopen -> draft
        quote approved reopen -> draft
        quote declined reopen -> draft
        quote approved makeContract -> approved
        quote sent makeContract -> sent
        quote accepted makeContract -> accepted
        quote pending approve -> approved
        quote pending reject -> draft
        contract draft edit -> draft
        contract draft submit -> active|pending
        contract pending withdraw -> draft
        contract active complete -> completed
        contract active terminate -> terminated
        contract expired terminate -> terminated
        contract active renew -> active
        contract completed renew -> completed
        contract expired renew -> expired
        contract draft setPlan -> draft
        contract pending setPlan -> pending
        contract active setPlan -> active
        contract active makeOrder -> active
        contract active bill -> active
        contract completed bill -> completed
        contract expired bill -> expired
        contract draft delete -> -
        contract draft attach -> draft
        contract pending attach -> pending
        contract active attach -> active
        contract completed attach -> completed
        contract terminated attach -> terminated
        contract expired attach -> expired
        contract pending approve -> active
        contract pending reject -> draft
        contract active expire -> expired
        order draft edit -> draft
        order draft confirm -> confirmed|pending
        order confirmed close -> closed
        order draft cancel -> cancelled
        order pending cancel -> cancelled
        order confirmed cancel -> cancelled
        order confirmed fill -> confirmed
        order pending approve -> confirmed
        order pending reject -> draft
        order confirmed complete -> completed
        order completed reopen -> confirmed
        order draft confirmByContract -> confirmed
        stock draft edit -> draft
        stock draft post -> posted
        stock posted cancel -> cancelled
        stock draft delete -> -
        stock posted returnLines -> posted
        invoice issued cancel -> cancelled
        invoice issued settle -> issued
        payment posted cancel -> cancelled
        payment posted allocate -> posted
        expense draft edit -> draft
        expense draft submit -> approved|pending
        expense pending withdraw -> draft
        expense approved pay -> paid
        expense draft attach -> draft
        expense pending attach -> pending
        expense approved attach -> approved
        expense paid attach -> paid
        expense pending approve -> approved
        expense pending reject -> draft
        transfer in_transit receive -> received
        """

    static let expected: [String: String] = Dictionary(
        uniqueKeysWithValues: table.split(separator: "\n").map { line in
            let parts = line.split(separator: " -> ")
            return (String(parts[0]).trimmingCharacters(in: .whitespaces), String(parts[1]))
        })

    /// What a flow answers for one pair, in the table's notation, or nil when it refuses.
    static func answer<F: DocumentFlow>(_: F.Type, _ state: F.State, _ command: F.Command, _ facts: F.Facts) -> String? {
        guard let rule = try? F.check(command, from: state, facts) else { return nil }
        switch rule.effect {
        case .keeps: return state.rawValue
        case .removes: return "-"
        case .moves(let to): return to.rawValue
        case .submits(let approved, let pending): return approved.rawValue + "|" + pending.rawValue
        }
    }

    static func pairs<F: DocumentFlow>(_ name: String, _: F.Type) -> [Case] {
        F.State.allCases.flatMap { s in F.Command.allCases.map { Case(document: name, state: s.rawValue, command: $0.rawValue) } }
    }

    static let all: [Case] =
        pairs("quote", QuoteFlow.self) + pairs("contract", ContractFlow.self) + pairs("order", OrderFlow.self)
        + pairs("stock", StockDocumentFlow.self) + pairs("invoice", InvoiceFlow.self) + pairs("payment", PaymentFlow.self)
        + pairs("expense", ExpenseClaimFlow.self) + pairs("transfer", BranchTransferFlow.self) + pairs("approval", ApprovalFlow.self)
        + pairs("campaign", CampaignFlow.self) + pairs("invitation", InvitationFlow.self)
        + pairs("send", SendFlow.self) + pairs("material", MaterialFlow.self)

    static func answer(_ c: Case) -> String? {
        func run<F: DocumentFlow>(_ f: F.Type, _ facts: F.Facts) -> String? {
            answer(f, F.State(rawValue: c.state)!, F.Command(rawValue: c.command)!, facts)
        }
        return switch c.document {
        case "quote": run(QuoteFlow.self, .init(belowFloor: false, expired: false))
        case "contract": run(ContractFlow.self, NoFacts())
        case "order": run(OrderFlow.self, .init(hasDeliveries: false))
        case "stock": run(StockDocumentFlow.self, .init(isReversal: false))
        case "invoice": run(InvoiceFlow.self, .init(settled: false))
        case "payment": run(PaymentFlow.self, NoFacts())
        case "expense": run(ExpenseClaimFlow.self, NoFacts())
        case "approval": run(ApprovalFlow.self, NoFacts())
        case "campaign": run(CampaignFlow.self, NoFacts())
        case "invitation": run(InvitationFlow.self, NoFacts())
        case "send": run(SendFlow.self, NoFacts())
        case "material": run(MaterialFlow.self, NoFacts())
        default: run(BranchTransferFlow.self, NoFacts())
        }
    }

    @Test(arguments: all)
    func everyPair(_ c: Case) {
        #expect(Self.answer(c) == Self.expected["\(c.document) \(c.state) \(c.command)"])
    }

    @Test func theTableNamesOnlyRealPairs() {
        let real = Set(Self.all.map { "\($0.document) \($0.state) \($0.command)" })
        #expect(Set(Self.expected.keys).subtracting(real).isEmpty)
    }
}
