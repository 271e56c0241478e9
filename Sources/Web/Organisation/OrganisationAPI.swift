import Kernel
import Persistence
import Services
import Vapor

/// /api/v1 for the organisation: list, show, create and update branches, departments, roles and
/// users. Create answers 201, a stale version 409, a record outside the scope 404.
enum OrganisationAPI {
    // MARK: branches
    static func listBranches(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]?.lowercased() ?? ""
        let rows = try await BranchService.visible(req.services).filter {
            q.isEmpty || $0.name.lowercased().contains(q) || $0.code.lowercased().contains(q)
        }
        return try pageInMemory(rows.sorted { $0.id < $1.id }, limit: limit, cursor: cursor, id: \.id).map(BranchDTO.init).jsonResponse()
    }

    static func showBranch(_ req: Request) async throws -> Response {
        try BranchDTO(try await BranchService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createBranch(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(BranchBody.self)
        return try BranchDTO(try await BranchService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateBranch(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.organisation, .edit)
        _ = try await BranchService.find(id, req.services)
        let body = try req.decodeJSON(BranchBody.self)
        return try BranchDTO(try await BranchService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    // MARK: the company's details

    struct CompanyDTO: Encodable {
        var name, taxNumber, address, phone, bankName, bankAccount, terms: String?
        var hasLogo: Bool
        init(_ p: CompanyProfile.Profile) {
            name = p.name; taxNumber = p.taxNumber; address = p.address; phone = p.phone; bankName = p.bankName
            bankAccount = p.bankAccount; terms = p.terms; hasLogo = p.hasLogo
        }
    }

    /// GET /company: what the company prints; every signed-in user (portal users too) may read it.
    static func company(_ req: Request) async throws -> Response {
        try CompanyDTO(try await CompanyProfile.get(req.store)).jsonResponse()
    }

    /// PUT /company: the whole profile; a field left out is cleared.
    static func updateCompany(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        let b = try req.decodeJSON(CompanyProfile.Input.self)
        return try CompanyDTO(try await CompanyProfile.update(b, req.services)).jsonResponse()
    }

    static func companyLogo(_ req: Request) async throws -> Response { try await CompanyPages.logo(req) }

    /// PUT /company/logo: the body is the image (PNG or JPEG).
    static func putCompanyLogo(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        let bytes = req.body.data.map { Array(buffer: $0) } ?? []
        try await CompanyProfile.setLogo(bytes, contentType: req.headers.contentType?.serialize(), req.services)
        return try CompanyDTO(try await CompanyProfile.get(req.store)).jsonResponse()
    }

    static func deleteCompanyLogo(_ req: Request) async throws -> Response {
        try await CompanyProfile.removeLogo(req.services)
        return Response(status: .noContent)
    }

    // MARK: the setup guide

    struct SetupStepDTO: Encodable { var step: String; var done: Bool; var skipped: Bool; var href: String }

    /// GET /setup: each step of the first hour and whether it is done or skipped.
    static func setup(_ req: Request) async throws -> Response {
        let steps = try await SetupGuide.status(req.services)
        return try ListBody(
            items: steps.map { SetupStepDTO(step: $0.step.rawValue, done: $0.done, skipped: $0.skipped, href: $0.step.href) },
            nextCursor: nil
        ).jsonResponse()
    }

    /// POST /setup/{step}/skip.
    static func skipSetupStep(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .edit)
        guard let step = SetupGuide.Step(rawValue: req.parameters.get("step") ?? "") else { throw DomainError.notFound }
        try await SetupGuide.skip(step, req.services)
        return try await setup(req)
    }

    // MARK: departments
    static func listDepartments(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]?.lowercased() ?? ""
        let branch = try APIID.query(req, "branchId")
        let rows = try await DepartmentService.visible(req.services).filter {
            (q.isEmpty || $0.name.lowercased().contains(q) || $0.code.lowercased().contains(q)) && (branch == nil || $0.branchId == branch)
        }
        return try pageInMemory(rows.sorted { $0.id < $1.id }, limit: limit, cursor: cursor, id: \.id).map(DepartmentDTO.init)
            .jsonResponse()
    }

    static func showDepartment(_ req: Request) async throws -> Response {
        try DepartmentDTO(try await DepartmentService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createDepartment(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(DepartmentBody.self)
        return try DepartmentDTO(try await DepartmentService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateDepartment(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.organisation, .edit)
        _ = try await DepartmentService.find(id, req.services)
        let body = try req.decodeJSON(DepartmentBody.self)
        return try DepartmentDTO(try await DepartmentService.update(id, try body.input(), version: body.version, req.services))
            .jsonResponse()
    }

    // MARK: roles
    static func listRoles(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let rows = try await RoleService.all(req.services).sorted { $0.id < $1.id }
        return try pageInMemory(rows, limit: limit, cursor: cursor, id: \.id).map(RoleDTO.init).jsonResponse()
    }

    /// The ready-made roles a company starts from: POST one to /roles as it is, or changed.
    static func roleTemplates(_ req: Request) async throws -> Response {
        _ = try req.services.require(.roles, .view)
        struct Item: Encodable { var key: String; var code: String; var name: String; var permissions: [String]; var dataScope: String }
        return try ListBody(
            items: RoleTemplates.all.map {
                Item(
                    key: $0.key, code: $0.key, name: req.t("role.template." + $0.key), permissions: $0.permissions,
                    dataScope: $0.scope.rawValue)
            }, nextCursor: nil
        ).jsonResponse()
    }

    static func showRole(_ req: Request) async throws -> Response {
        try RoleDTO(try await RoleService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createRole(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(RoleBody.self)
        return try RoleDTO(try await RoleService.create(body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateRole(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.roles, .edit)
        _ = try await RoleService.find(id, req.services)
        let body = try req.decodeJSON(RoleBody.self)
        return try RoleDTO(try await RoleService.update(id, body.input(), version: body.version, req.services)).jsonResponse()
    }

    // MARK: users
    static func listUsers(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let sortText = req.query[String.self, at: "sort"] ?? "username"
        let descending = sortText.hasPrefix("-")
        let key = descending ? String(sortText.dropFirst()) : sortText
        let sort: OrganisationQueries.UserSort
        switch key {
        case "username": sort = .username
        case "displayName": sort = .displayName
        case "createdAt": sort = .createdAt
        default: throw DomainError(.badRequest, code: "invalid_sort", field: "sort")
        }
        let activeText = req.query[String.self, at: "active"]
        let filter = OrganisationQueries.UserFilter(
            q: req.query[String.self, at: "q"], branchId: try APIID.query(req, "branchId"),
            departmentId: try APIID.query(req, "departmentId"),
            active: activeText.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil })
        let page = try await UserService.list(
            filter: filter, sort: sort, descending: descending, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map { UserDTO(row: $0) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func showUser(_ req: Request) async throws -> Response {
        try UserDTO(try await UserService.find(try req.id(), req.services)).jsonResponse()
    }

    static func createUser(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(UserBody.self)
        return try UserDTO(try await UserService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func updateUser(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.users, .edit)
        _ = try await UserService.find(id, req.services)
        let body = try req.decodeJSON(UserBody.self)
        return try UserDTO(try await UserService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    // MARK: audit
    static func listAudit(_ req: Request) async throws -> Response {
        let scope = try req.services.require(.audit, .view)
        let (limit, cursor) = try req.paging()
        let page = try await Audit.entries(filter: try AuditFilter.parse(req), scope: scope, limit: limit, cursor: cursor, on: req.store)
        return try ListBody(items: page.items.map(AuditDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    /// Small tables (the organisation has tens of branches) page in memory by id.
    static func pageInMemory<T>(_ rows: [T], limit: Int, cursor: Cursor?, id: KeyPath<T, Int64>) -> ListBody<T> {
        let after = rows.filter { cursor == nil || $0[keyPath: id] > cursor!.id }
        let items = Array(after.prefix(limit))
        let next = after.count > limit ? Cursor(key: .int(items.last![keyPath: id]), id: items.last![keyPath: id]).encoded : nil
        return ListBody(items: items, nextCursor: next)
    }
}

extension ListBody {
    func map<U>(_ f: (T) -> U) -> ListBody<U> { ListBody<U>(items: items.map(f), nextCursor: nextCursor) }
}
