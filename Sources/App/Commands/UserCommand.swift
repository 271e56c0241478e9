import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// `concord user create NAME --display-name ... --role admin`, `concord user reset-password NAME`.
/// The password comes from CONCORD_USER_PASSWORD or is generated and printed once.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create or reset-password")
        var action: String
        @Argument(name: "username")
        var username: String
        @Option(name: "display-name", help: "Full name (create)")
        var displayName: String?
        @Option(name: "branch", help: "Branch code (create; default: the head office)")
        var branch: String?
        @Option(name: "role", help: "Role code (create; default: none)")
        var role: String?
    }

    var help: String { "Creates a user or resets a password. The password comes from CONCORD_USER_PASSWORD or is generated." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let ctx = systemContext(app)
        let given = ProcessInfo.processInfo.environment["CONCORD_USER_PASSWORD"]
        let password = (given?.isEmpty == false) ? given! : ctx.tokens.token(15)
        switch signature.action {
        case "create":
            let branches = try await OrganisationQueries.branches(on: ctx.store)
            guard
                let branch = signature.branch.map({ code in branches.first { $0.code == code } })
                    ?? branches.first(where: { $0.parentId == nil })
            else {
                context.console.error("no such branch")
                throw ExitCode(1)
            }
            var roleIds: [Int64] = []
            if let code = signature.role {
                guard let role = try await OrganisationQueries.role(code: code, on: ctx.store) else {
                    context.console.error("no role with code \(code)")
                    throw ExitCode(1)
                }
                roleIds = [role.id]
            }
            let d = try await UserService.create(
                .init(
                    username: signature.username, displayName: signature.displayName ?? signature.username,
                    password: password, branchId: branch.id, roleIds: roleIds), ctx)
            context.console.print("created user \(d.user.username) (id \(d.user.id))")
        case "reset-password":
            guard let user = try await OrganisationQueries.user(username: signature.username, on: ctx.store) else {
                context.console.error("no user \(signature.username)")
                throw ExitCode(1)
            }
            try await UserService.resetPassword(user.id, password: password, ctx)
            context.console.print("password of \(user.username) reset")
        default:
            context.console.error("action must be create or reset-password")
            throw ExitCode(1)
        }
        if given?.isEmpty != false { context.console.print("password (shown once): \(password)") }
    }
}
