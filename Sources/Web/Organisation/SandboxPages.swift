import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 演示环境 from the real database's side: an administrator loads the demo company into a
/// database of its own (once; it stays for the next visit) and goes in; anyone in it leaves it.
/// Inside, every page and API call works on the sandbox alone.
enum SandboxPages {
    /// Loads the sandbox when it is not yet there and answers its demo users' password. Only an
    /// administrator of the real database (`organisation.edit`) does this, never from inside it.
    static func ensureLoaded(_ req: Request) async throws -> String {
        guard let sandbox = req.concord.sandbox, !req.state.sandbox else { throw DomainError.notFound }
        try companyWide(req)
        let store = req.store
        if sandbox.ready, let pw = try await Settings.get(Sandbox.passwordSetting, on: store) { return pw }
        let password = try await sandbox.load(req.application)
        try await req.services.write { ctx in
            try await Settings.set(Sandbox.passwordSetting, password, on: ctx.store)
            try await ctx.audit("load", "sandbox", nil, [FieldChange("path", old: nil, new: sandbox.path)])
        }
        return password
    }

    static func enter(_ req: Request) async throws -> Response {
        if req.state.sandbox { return req.redirect(to: Paths.Shell.home(), redirectType: .normal) }
        _ = try await ensureLoaded(req)
        let response = req.redirect(to: Paths.Shell.login(), redirectType: .normal)
        response.cookies[Sandbox.cookie] = HTTPCookies.Value(
            string: "sandbox", path: "/", isSecure: req.concord.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Back to the real database (where the person is still signed in as before).
    static func leave(_ req: Request) async throws -> Response {
        let response = req.redirect(to: Paths.Shell.home(), redirectType: .normal)
        response.cookies[Sandbox.cookie] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), path: "/", isSecure: req.concord.secureCookies, isHTTPOnly: true,
            sameSite: .lax)
        return response
    }

    struct Status: Encodable {
        var loaded: Bool
        var password: String?
        var users: [String]
        var header: String
    }

    /// GET /api/v1/sandbox: whether the demo company is loaded, and its users' password.
    static func status(_ req: Request) async throws -> Response {
        guard let sandbox = req.concord.sandbox, !req.state.sandbox else { throw DomainError.notFound }
        try companyWide(req)
        let password = sandbox.ready ? try await Settings.get(Sandbox.passwordSetting, on: req.store) : nil
        return try Status(loaded: password != nil, password: password, users: password == nil ? [] : demoUsers, header: Sandbox.header)
            .jsonResponse()
    }

    /// POST /api/v1/sandbox: loads it (when not yet there); then `X-Concord-Sandbox: 1` on a request reaches it.
    static func load(_ req: Request) async throws -> Response {
        let password = try await ensureLoaded(req)
        return try Status(loaded: true, password: password, users: demoUsers, header: Sandbox.header).jsonResponse()
    }

    /// Whoever manages the organisation company-wide (an administrator, not a branch's manager).
    static func companyWide(_ req: Request) throws {
        guard try req.services.require(.organisation, .edit) == .all else {
            throw DomainError(.forbidden, code: "forbidden", args: ["organisation.edit"])
        }
    }

    static let demoUsers = ["zhangwei", "lina", "wangfang", "sunli", "zhouqiang", "chenjing", "liuyang", "wujun", "zhaolei"]
}
