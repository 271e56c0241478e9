import Paths
import Vapor

extension Paths.Access {
    /// The Access pages (users, roles, API tokens, one's own password): every address of the table with its handler.
    static func register(_ pages: any RoutesBuilder) {
        pages.get(myPassword, use: AccountPages.password)
        pages.post(myPassword, use: AccountPages.changePassword)
        pages.get(users, use: UserPages.list)
        pages.get(newUser, use: UserPages.new)
        pages.post(users, use: UserPages.create)
        pages.get(user, use: UserPages.show)
        pages.get(editUser, use: UserPages.edit)
        pages.post(user, use: UserPages.update)
        pages.post(userPassword, use: UserPages.resetPassword)
        pages.post(inviteUser, use: InvitePages.issue)
        pages.get(roles, use: RolePages.list)
        pages.get(newRole, use: RolePages.new)
        pages.post(roles, use: RolePages.create)
        pages.get(editRole, use: RolePages.edit)
        pages.post(role, use: RolePages.update)
        pages.get(tokens, use: { try await TokenPages.list($0) })
        pages.post(tokens, use: TokenPages.create)
        pages.post(revokeToken, use: TokenPages.revoke)
    }
}
