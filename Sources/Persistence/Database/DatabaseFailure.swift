import FluentPostgresDriver
import FluentSQLiteDriver
import PostgresNIO
import SQLiteNIO

/// What a refusal of the database means to a person: a duplicate, a reference to nothing, a value
/// outside what the schema allows, or a sum too large to hold. Services check first and name the
/// field; this catches what slips past them (two writers racing for one unique key, a sum over
/// many records), so that a refusal is never a 500. Both dialects, and SQLite's own writer.
public enum DatabaseFailure: Sendable, Equatable {
    case duplicate
    case missingReference
    case outOfRange
    case overflow

    public static func of(_ error: any Error) -> DatabaseFailure? {
        switch error {
        case let e as DirectSQLiteError:
            return sqlite(extended: e.code, message: e.message)
        case let e as SQLiteError:
            switch e.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintUniqueRowIDFailed: return .duplicate
            case .constraintForeignKeyFailed: return .missingReference
            case .constraintCheckFailed, .constraintNotNullFailed, .constraintTriggerFailed: return .outOfRange
            default: return e.message.contains("integer overflow") ? .overflow : nil
            }
        case let e as PSQLError:
            switch e.serverInfo?[.sqlState] {
            case "23505": return .duplicate
            case "23503": return .missingReference
            case "23514", "23502", "22P02": return .outOfRange
            case "22003": return .overflow
            default: return nil
            }
        default:
            return nil
        }
    }

    /// SQLite's extended result codes (sqlite3.h).
    public static func sqlite(extended code: Int32, message: String) -> DatabaseFailure? {
        switch code {
        case 2067, 1555, 2579: return .duplicate  // UNIQUE, PRIMARYKEY, ROWID
        case 787: return .missingReference  // FOREIGNKEY
        case 275, 1299, 1811: return .outOfRange  // CHECK, NOTNULL, and the triggers standing in for CHECK
        default: return message.contains("integer overflow") ? .overflow : nil
        }
    }
}
