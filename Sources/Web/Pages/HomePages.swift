import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

enum HomePages {
    static func home(_ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let store = req.store
        let t = req.t
        let branches = p.can(.org, .view) ? try await BranchService.visible(req.services) : []
        let departments = p.can(.org, .view) ? try await DepartmentService.visible(req.services) : []
        let counts = try await OrganisationQueries.userCountsByBranch(on: store)
        let visibleBranchIDs = Set(branches.map(\.id))
        let usersByBranch = branches.map { b in Chart.Point(b.name, counts.first { $0.branchId == b.id }?.users ?? 0) }
        let kinds = BranchKind.allCases.compactMap { k -> Chart.Point? in
            let n = branches.filter { $0.kind == k.rawValue }.count
            return n == 0 ? nil : Chart.Point(t("branch.kind." + k.rawValue), Int64(n))
        }
        var recent: [(String, String, String)] = []
        if let scope = p.rowScope(.audit) {
            let page = try await Audit.entries(filter: .init(), scope: scope, limit: 8, cursor: nil, on: store)
            recent = page.items.map { (PageShell.date($0.at, req.state.lang), $0.username ?? "—", "\($0.action) \($0.entity) \($0.entityId ?? "")") }
        }
        let roles = p.can(.roles, .view) ? try await OrganisationQueries.roles(on: store).count : 0
        let model = HomeModel(branches: branches.count, departments: departments.count,
                              users: Int(counts.filter { visibleBranchIDs.contains($0.branchId) }.reduce(0) { $0 + $1.users }),
                              roles: roles, usersByBranch: usersByBranch, branchesByKind: kinds, recent: recent)
        return PageShell.page(req, HomePage.render(PageShell.context(req), model))
    }
}
