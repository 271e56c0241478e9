import Foundation
import Kernel
import Persistence
import Services

struct BranchDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var parentId: String?
    var kind: String
    var accounting: String
    var active: Bool
    var version: Int64
    var createdAt: String?
    var updatedAt: String?
    var defaultWarehouseId: String?

    init(_ r: BranchRow) {
        defaultWarehouseId = APIID.string(r.defaultWarehouseId)
        id = String(r.id); code = r.code; name = r.name; parentId = APIID.string(r.parentId); kind = r.kind
        accounting = r.accounting; active = r.active; version = r.version
        createdAt = ISOTime.string(r.createdAt); updatedAt = ISOTime.string(r.updatedAt)
    }
}

struct BranchBody: Decodable {
    var code: String?
    var name: String?
    var parentId: String?
    var kind: String?
    var accounting: String?
    var active: Bool?
    var defaultWarehouseId: String?
    var version: Int64?

    func input() throws -> BranchService.Input {
        BranchService.Input(
            code: code, name: name, parentId: try APIID.parse(parentId, field: "parentId"), kind: kind, accounting: accounting,
            active: active, defaultWarehouseId: try APIID.parse(defaultWarehouseId, field: "defaultWarehouseId"))
    }
}

struct DepartmentDTO: Encodable {
    var id: String
    var branchId: String
    var parentId: String?
    var code: String
    var name: String
    var active: Bool
    var version: Int64
    var createdAt: String?
    var updatedAt: String?

    init(_ r: DepartmentRow) {
        id = String(r.id); branchId = String(r.branchId); parentId = APIID.string(r.parentId); code = r.code; name = r.name
        active = r.active; version = r.version; createdAt = ISOTime.string(r.createdAt); updatedAt = ISOTime.string(r.updatedAt)
    }
}

struct DepartmentBody: Decodable {
    var code: String?
    var name: String?
    var branchId: String?
    var parentId: String?
    var active: Bool?
    var version: Int64?

    func input() throws -> DepartmentService.Input {
        DepartmentService.Input(
            code: code, name: name, branchId: try APIID.parse(branchId, field: "branchId"),
            parentId: try APIID.parse(parentId, field: "parentId"), active: active)
    }
}

struct RoleDTO: Encodable {
    var id: String
    var code: String
    var name: String
    var permissions: [String]
    var dataScope: String
    var builtin: Bool
    var version: Int64
    var createdAt: String?
    var updatedAt: String?

    init(_ r: RoleRow) {
        id = String(r.id); code = r.code; name = r.name
        permissions = r.permissions == "*" ? ["*"] : Permission.parseList(r.permissions).map(\.description).sorted()
        dataScope = r.dataScope; builtin = r.builtin; version = r.version
        createdAt = ISOTime.string(r.createdAt); updatedAt = ISOTime.string(r.updatedAt)
    }
}

struct RoleBody: Decodable {
    var code: String?
    var name: String?
    var permissions: [String]?
    var dataScope: String?
    var version: Int64?

    func input() -> RoleService.Input { RoleService.Input(code: code, name: name, permissions: permissions, dataScope: dataScope) }
}

struct UserDTO: Encodable {
    var id: String
    var username: String
    var displayName: String
    var email: String?
    var phone: String?
    var branchId: String
    var departmentId: String?
    var managerId: String?
    var locale: String?
    var active: Bool
    var roleIds: [String]
    var grantedBranchIds: [String]
    var version: Int64
    var createdAt: String?
    var updatedAt: String?
    var lastLoginAt: String?

    init(_ d: UserService.Details) {
        let u = d.user
        id = String(u.id); username = u.username; displayName = u.displayName; email = u.email; phone = u.phone
        branchId = String(u.branchId); departmentId = APIID.string(u.departmentId); managerId = APIID.string(u.managerId)
        locale = u.locale; active = u.active; roleIds = d.roleIds.map(String.init); grantedBranchIds = d.grantedBranchIds.map(String.init)
        version = u.version; createdAt = ISOTime.string(u.createdAt); updatedAt = ISOTime.string(u.updatedAt);
        lastLoginAt = ISOTime.string(u.lastLoginAt)
    }

    /// List rows carry no role or grant lists (one query per page, not per row).
    init(row u: UserRow) {
        self.init(UserService.Details(user: u, roleIds: [], grantedBranchIds: []))
    }
}

struct UserBody: Decodable {
    var username: String?
    var displayName: String?
    var email: String?
    var phone: String?
    var password: String?
    var branchId: String?
    var departmentId: String?
    var managerId: String?
    var locale: String?
    var active: Bool?
    var roleIds: [String]?
    var grantedBranchIds: [String]?
    var version: Int64?

    func input() throws -> UserService.Input {
        UserService.Input(
            username: username, displayName: displayName, email: email, phone: phone, password: password,
            branchId: try APIID.parse(branchId, field: "branchId"), departmentId: try APIID.parse(departmentId, field: "departmentId"),
            managerId: try APIID.parse(managerId, field: "managerId"), locale: locale, active: active,
            roleIds: try APIID.parseList(roleIds, field: "roleIds"),
            grantedBranchIds: try APIID.parseList(grantedBranchIds, field: "grantedBranchIds"))
    }
}

struct AuditDTO: Encodable {
    var id: String
    var at: String?
    var userId: String?
    var username: String?
    var ip: String?
    var requestId: String?
    var action: String
    var entity: String
    var entityId: String?
    var changes: [FieldChange]

    init(_ a: AuditRow) {
        id = String(a.id); at = ISOTime.string(a.at); userId = APIID.string(a.userId); username = a.username; ip = a.ip
        requestId = a.requestId; action = a.action; entity = a.entity; entityId = a.entityId
        changes = (try? JSONDecoder().decode([FieldChange].self, from: Data(a.changes.utf8))) ?? []
    }
}
