import FluentKit
import SQLKit

/// The schema backs the invariants the services keep: money applied never above a payment,
/// installments and invoiced amounts within their totals, open amounts never below zero (never
/// above zero for a return's credit), an order line never done beyond its quantity, an approval
/// never past its last step. On PostgreSQL they are CHECK constraints (NOT VALID: rows written
/// before are not re-judged); SQLite cannot add a CHECK to a table, so triggers refuse the same
/// writes there. Also: one pending approval per document, and the state of an Idempotency-Key.
struct M012GuardInvariants: AsyncMigration {
    var name: String { "012-guard-invariants" }

    /// (table, name, condition on the new row as `{r}.column`).
    static let rules: [(String, String, String)] = [
        ("payments", "payments_applied_within_amount", "{r}.amount > 0 AND {r}.applied >= 0 AND {r}.applied <= {r}.amount"),
        ("installments", "installments_settled_within_amount", "{r}.settled >= 0 AND {r}.settled <= {r}.amount"),
        (
            "open_items", "open_items_residual_adds_up",
            "{r}.residual = {r}.amount - {r}.invoiced - {r}.settled AND (({r}.amount >= 0 AND {r}.residual >= 0) OR ({r}.amount < 0 AND {r}.residual <= 0))"
        ),
        (
            "contract_lines", "contract_lines_invoiced_within_amount",
            "{r}.invoiced_amount >= 0 AND {r}.invoiced_amount <= {r}.amount AND {r}.advance_open >= 0"
        ),
        ("order_lines", "order_lines_done_within_quantity", "{r}.done_qty >= 0 AND {r}.done_qty <= {r}.base_qty"),
        ("approvals", "approvals_step_in_range", "{r}.step_no >= 1 AND {r}.step_no <= {r}.step_count"),
        ("stock_document_lines", "stock_lines_quantities", "{r}.factor > 0 AND {r}.quantity >= 0 AND {r}.base_qty >= 0"),
        ("expense_budgets", "expense_budgets_amount", "{r}.amount >= 0"),
        ("login_throttle", "login_throttle_failures", "{r}.failures >= 0"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var statements: [String] = []
        if sql.dialect.name == "postgresql" {
            for (table, name, condition) in Self.rules {
                statements.append(
                    "ALTER TABLE \(table) ADD CONSTRAINT \(name) CHECK (\(condition.replacingOccurrences(of: "{r}.", with: ""))) NOT VALID")
            }
        } else {
            for (table, name, condition) in Self.rules {
                for event in ["INSERT", "UPDATE"] {
                    statements.append(
                        """
                        CREATE TRIGGER \(name)_\(event.lowercased()) BEFORE \(event) ON \(table)
                        WHEN NOT (\(condition.replacingOccurrences(of: "{r}.", with: "NEW.")))
                        BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: \(name)'); END
                        """)
                }
            }
        }
        statements += [
            "CREATE UNIQUE INDEX approvals_one_pending ON approvals(doc_type, doc_id) WHERE status = 'pending'",
            // A key is reserved before its request runs, marked when the request's work commits, and
            // holds the answer once it is sent (in_flight → committed → done).
            "ALTER TABLE idempotency_keys ADD COLUMN state TEXT NOT NULL DEFAULT 'done'",
            "ALTER TABLE idempotency_keys ADD COLUMN reserved_at BIGINT",
        ]
        try await DDL.run(statements, on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var statements = ["DROP INDEX approvals_one_pending"]
        if sql.dialect.name == "postgresql" {
            for (table, name, _) in Self.rules { statements.append("ALTER TABLE \(table) DROP CONSTRAINT \(name)") }
        } else {
            for (_, name, _) in Self.rules { statements += ["DROP TRIGGER \(name)_insert", "DROP TRIGGER \(name)_update"] }
        }
        try await DDL.run(statements, on: database)
    }
}
