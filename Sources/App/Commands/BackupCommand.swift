import Foundation
import Persistence
import Vapor

/// `concord backup FILE`: a consistent copy of the SQLite database while the server runs
/// (VACUUM INTO). For PostgreSQL, use pg_dump (README).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the copy; must not exist yet.")
        var file: String
    }

    let config: Config
    var help: String { "Copies the SQLite database to a file while the server keeps running." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard !config.usesPostgres else {
            context.console.error("DATABASE_URL names PostgreSQL: back it up with pg_dump (see the README).")
            throw ExitCode(1)
        }
        let target = signature.file
        guard !FileManager.default.fileExists(atPath: target) else {
            context.console.error("\(target) exists already; choose a new file.")
            throw ExitCode(1)
        }
        let store = Store(database: context.application.db, gate: context.application.concord.gate)
        try await store.run("VACUUM INTO \(bind: target)")
        // The backup holds every record and attachment: readable by its owner only, whatever the umask.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        context.console.print("backup written to \(target)")
    }
}

/// A command's failure after it has said why: the process exits with `code`.
public struct ExitCode: Error {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
}
