import Foundation
import Kernel
import Persistence
import Services

/// The demo company of `concord demo`: a Beijing head office, an independently accounted
/// Shanghai branch, a consolidated Chengdu sales office, their departments, a role for each
/// kind of person and a user in each. Later modules add their own demo data after this.
public enum DemoCompany {
    public struct Result: Sendable {
        public var loaded: Bool
        public var users: [String]
    }

    public static func load(password: String, _ ctx: ServiceContext) async throws -> Result {
        guard try await OrganisationQueries.branches(on: ctx.store).first(where: { $0.code == "SH" }) == nil else {
            return Result(loaded: false, users: [])
        }
        guard let hq = try await OrganisationQueries.headOffice(on: ctx.store) else { throw DomainError.notFound }
        _ = try await BranchService.update(
            hq.id, .init(code: hq.code, name: "北京总部", parentId: nil, kind: hq.kind, accounting: "independent", active: true),
            version: hq.version, ctx)
        let sh = try await BranchService.create(
            .init(code: "SH", name: "上海分公司", parentId: hq.id, kind: "branch", accounting: "independent"), ctx)
        let cd = try await BranchService.create(
            .init(code: "CD", name: "成都办事处", parentId: hq.id, kind: "sales_office", accounting: "consolidated"), ctx)

        func dept(_ code: String, _ name: String, _ branch: Int64, parent: Int64? = nil) async throws -> Int64 {
            try await DepartmentService.create(.init(code: code, name: name, branchId: branch, parentId: parent), ctx).id
        }
        let gm = try await dept("HQ-GM", "总经办", hq.id)
        let sales = try await dept("HQ-SALES", "销售部", hq.id)
        let ka = try await dept("HQ-KA", "大客户组", hq.id, parent: sales)
        let fin = try await dept("HQ-FIN", "财务部", hq.id)
        let wh = try await dept("HQ-WH", "仓储部", hq.id)
        let shSales = try await dept("SH-SALES", "上海销售部", sh.id)
        let shWh = try await dept("SH-WH", "上海仓库", sh.id)
        let cdSales = try await dept("CD-SALES", "成都销售组", cd.id)

        // The roles are the ready-made templates a new company is offered.
        func role(_ key: String) async throws -> Int64 {
            try await RoleService.create(RoleTemplates.input(RoleTemplates.named(key)!), ctx).id
        }
        let manager = try await role("general_manager")
        let branchManager = try await role("branch_manager")
        let salesManager = try await role("sales_manager")
        let salesRep = try await role("sales_rep")
        let finance = try await role("finance")
        let warehouse = try await role("warehouse_keeper")

        let people: [(String, String, Int64, Int64, Int64, [Int64])] = [
            ("zhangwei", "张伟", hq.id, gm, manager, []),
            ("lina", "李娜", hq.id, sales, salesManager, []),
            ("wangfang", "王芳", hq.id, ka, salesRep, []),
            ("sunli", "孙丽", hq.id, fin, finance, []),
            ("zhouqiang", "周强", hq.id, wh, warehouse, []),
            ("chenjing", "陈静", sh.id, shSales, branchManager, []),
            ("liuyang", "刘洋", sh.id, shSales, salesRep, []),
            ("wujun", "吴军", sh.id, shWh, warehouse, []),
            ("zhaolei", "赵磊", cd.id, cdSales, salesRep, [sh.id]),
        ]
        var names: [String] = []
        var ids: [String: Int64] = [:]
        for (username, display, branch, department, roleId, grants) in people {
            let d = try await UserService.create(
                .init(
                    username: username, displayName: display, email: "\(username)@demo.concord.example",
                    password: password, branchId: branch, departmentId: department,
                    managerId: username == "zhangwei" ? nil : ids["zhangwei"],
                    roleIds: [roleId], grantedBranchIds: grants), ctx)
            ids[username] = d.user.id
            names.append(username)
        }
        return Result(loaded: true, users: names)
    }
}
