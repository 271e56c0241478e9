import Kernel
import Persistence
import Services
import Vapor

enum AuthAPI {
    struct TokenRequest: Decodable {
        var username: String?
        var password: String?
        var name: String?
    }

    struct TokenDTO: Encodable {
        var id: String
        var name: String
        var hint: String
        var createdAt: String?
        var expiresAt: String?
        var lastUsedAt: String?
        var revokedAt: String?
        var token: String?

        init(_ r: ApiTokenRow, token: String? = nil) {
            id = String(r.id); name = r.name; hint = r.hint; createdAt = ISOTime.string(r.createdAt);
            expiresAt = ISOTime.string(r.expiresAt)
            lastUsedAt = ISOTime.string(r.lastUsedAt); revokedAt = ISOTime.string(r.revokedAt); self.token = token
        }
    }

    /// POST /api/v1/auth/token: user name and password in, a bearer token out (shown once).
    static func token(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(TokenRequest.self)
        if (body.username ?? "").isEmpty { throw DomainError.required("username") }
        if (body.password ?? "").isEmpty { throw DomainError.required("password") }
        let ctx = req.services
        let outcome = try await LoginService.authenticate(username: body.username, password: body.password, ctx)
        guard let user = outcome.user else {
            await req.concord.sleep(outcome.delayMillis)
            throw LoginService.invalid
        }
        let issued = try await ApiTokenService.issue(for: user, name: body.name, ctx)
        return try TokenDTO(issued.row, token: issued.token).jsonResponse(status: .created)
    }

    struct MeDTO: Encodable {
        var user: UserDTO
        var permissions: CompactJSON.Fragment
        var branchIds: [String]
        var lang: String
    }

    /// Each permission held and its scope, as an object keyed by the permission's name, written in
    /// the names' order: the JSON writer then keeps them as they come instead of sorting some
    /// 200 keys on every call (a tenth of the request's CPU when profiled).
    struct Grants: Encodable {
        var grants: [Permission: DataScope]

        static let byName: [(permission: Permission, key: NameKey)] = Permission.all.map { ($0, NameKey($0.description)) }
            .sorted { $0.key.stringValue.utf8.lexicographicallyPrecedes($1.key.stringValue.utf8) }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: NameKey.self)
            for (permission, key) in Self.byName {
                if let scope = grants[permission] { try c.encode(scope.rawValue, forKey: key) }
            }
        }
    }

    /// The JSON of a set of grants, written once: the users of one role share it, and writing
    /// some 200 members through the encoder's containers was a fifth of `/me`'s CPU (a few
    /// hundred sets kept).
    static func permissions(_ grants: [Permission: DataScope]) throws -> CompactJSON.Fragment {
        try written.value(for: grants) { try CompactJSON.Fragment(of: Grants(grants: grants)) }
    }

    private static let written = BoundedMemo<[Permission: DataScope], CompactJSON.Fragment>(limit: 256)

    /// GET /api/v1/me: who the token belongs to and what each permission reaches.
    static func me(_ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let user = req.state.user!
        let details = UserService.Details(
            user: user, roleIds: p.roleIds,
            grantedBranchIds: p.grantedBranches.sorted())
        return try MeDTO(
            user: UserDTO(details), permissions: try permissions(p.grants),
            branchIds: p.branchTree.union(p.grantedBranches).sorted().map(String.init),
            lang: req.state.lang.rawValue
        ).jsonResponse()
    }

    static func listTokens(_ req: Request) async throws -> Response {
        let user = req.state.user!
        let (limit, cursor) = try req.paging()
        let rows = try await AccessQueries.apiTokens(ofUser: user.id, on: req.store).sorted { $0.id < $1.id }
        return try OrganisationAPI.pageInMemory(rows, limit: limit, cursor: cursor, id: \.id).map { TokenDTO($0) }.jsonResponse()
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        let id = try req.id()
        try await ApiTokenService.revoke(id, req.services)
        guard let row = try await AccessQueries.apiToken(id, on: req.store) else { throw DomainError.notFound }
        return try TokenDTO(row).jsonResponse()
    }

    struct PasswordBody: Decodable { var password: String? }
    struct OwnPasswordBody: Decodable { var currentPassword: String?; var newPassword: String? }

    /// POST /api/v1/me/password: the token's user changes their own password with the current
    /// one; every session and API token of theirs ends, this one included.
    static func changePassword(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(OwnPasswordBody.self)
        try await UserService.changeOwnPassword(current: body.currentPassword, new: body.newPassword, keepSession: nil, req.services)
        return Response(status: .noContent)
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        let id = try req.id()
        let body = try req.decodeJSON(PasswordBody.self)
        try await UserService.resetPassword(id, password: body.password, req.services)
        return try UserDTO(try await UserService.find(id, req.services)).jsonResponse()
    }
}
