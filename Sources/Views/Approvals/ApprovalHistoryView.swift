import Paths

/// The approval rounds of a document: who was asked, who did what, with comments.
public enum ApprovalHistoryView {
    public struct Round: Sendable {
        public struct Action: Sendable {
            public var who: String
            public var action: String
            public var stepNo: Int64
            public var at: String
            public var comment: String?
            public init(who: String, action: String, stepNo: Int64, at: String, comment: String?) {
                self.who = who
                self.action = action
                self.stepNo = stepNo
                self.at = at
                self.comment = comment
            }
        }
        public var id: Int64
        public var status: String
        public var stepNo: Int64
        public var actions: [Action]
        /// Who the current step waits for (a pending round).
        public var waitingFor: [String]
        public init(id: Int64, status: String, stepNo: Int64, actions: [Action], waitingFor: [String]) {
            self.id = id
            self.status = status
            self.stepNo = stepNo
            self.actions = actions
            self.waitingFor = waitingFor
        }
    }

    /// `noneNeeded`: the document went on without a round (no rule applied), which the empty
    /// history says instead of "not submitted yet".
    public static func render(_ rounds: [Round], noneNeeded: Bool = false, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("approval.history") }
            if rounds.isEmpty { h("p", ["class": "empty"]) { t(noneNeeded ? "approval.not_needed" : "approval.none") } }
            for r in rounds {
                h("p") {
                    CommonPages.link(t("approval.round", String(r.id)), Paths.Approvals.approval(r.id)); " "
                    CommonPages.badge(t("approval.status." + r.status), r.status)
                }
                h("ol", ["class": "timeline"]) {
                    for a in r.actions {
                        h("li") {
                            h("strong") { a.who }; " · " + t("approval.action." + a.action)
                            if a.stepNo > 0 { " · " + t("approval.step", String(a.stepNo)) }
                            " · " + a.at
                            if a.action == "escalate", let reason = a.comment {
                                h("div", ["class": "timeline-body"]) { t("approval.escalate." + reason) }
                            } else if let c = a.comment {
                                h("div", ["class": "timeline-body"]) { c }
                            }
                        }
                    }
                    if r.status == "pending" {
                        h("li", ["class": "muted"]) { t("approval.waiting", String(r.stepNo), r.waitingFor.joined(separator: "、")) }
                    }
                }
            }
        }
    }
}
