import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// /api/v1/materials, /material-folders and /material-shares: the materials library, its
/// versions, the share links people send and the views they brought.
enum MaterialAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("material-folders", use: folders)
        authed.post("material-folders", use: createFolder)
        authed.get("materials", use: list)
        authed.post("materials", use: create)
        authed.get("materials", ":id", use: show)
        authed.put("materials", ":id", use: update)
        authed.post("materials", ":id", "transitions", use: transition)
        authed.on(.POST, "materials", ":id", "versions", body: .collect(maxSize: "21mb"), use: addVersion)
        authed.get("materials", ":id", "versions", ":number", "file", use: file)
        authed.get("materials", ":id", "shares", use: shares)
        authed.post("materials", ":id", "shares", use: share)
        authed.get("materials", ":id", "views", use: views)
        authed.post("material-shares", ":id", "revoke", use: revoke)
    }

    struct FolderDTO: Encodable {
        var id: String
        var name: String
        var parentId: String?
        init(_ f: MaterialFolderRow) {
            id = String(f.id); name = f.name; parentId = f.parentId.map(String.init)
        }
    }

    struct FolderBody: Decodable {
        var name: String?
        var parentId: String?
    }

    struct Body: Decodable {
        var title: String?
        var description: String?
        var folderId: String?
        var kind: String?
        var expiresOn: String?
        var branchId: String?
        var campaignId: String?
        var roleIds: [String]?
        /// A link material's address (its first version).
        var url: String?
        var version: Int64?
        func input() throws -> MaterialService.Input {
            .init(
                title: title, description: description, folderId: try APIID.parse(folderId, field: "folderId"), kind: kind,
                expiresOn: expiresOn, branchId: try APIID.parse(branchId, field: "branchId"),
                campaignId: try APIID.parse(campaignId, field: "campaignId"), roleIds: try APIID.parseList(roleIds, field: "roleIds"))
        }
    }

    struct MaterialDTO: Encodable {
        var id: String
        var title: String
        var description: String?
        var folderId: String?
        var kind: String
        /// As readers see it: a published material past its last day is `expired`.
        var status: String
        var expiresOn: String?
        var branchId: String?
        var campaignId: String?
        var currentVersion: Int64
        var version: Int64
        var updatedAt: String?
        init(_ m: MaterialRow, today: String) {
            id = String(m.id); title = m.title; description = m.description; folderId = m.folderId.map(String.init); kind = m.kind
            status = MaterialService.status(m, today: today).rawValue; expiresOn = m.expiresOn; branchId = m.branchId.map(String.init)
            campaignId = m.campaignId.map(String.init); currentVersion = m.currentVersion; version = m.version
            updatedAt = ISOTime.string(m.updatedAt)
        }
    }

    struct VersionDTO: Encodable {
        var number: Int64
        var fileName: String?
        var contentType: String?
        var size: Int64
        var url: String?
        var note: String?
        var createdAt: String?
        init(_ v: MaterialVersionRow) {
            number = v.number; fileName = v.fileName; contentType = v.contentType; size = v.size; url = v.url; note = v.note
            createdAt = ISOTime.string(v.createdAt)
        }
    }

    struct DetailsDTO: Encodable {
        var material: MaterialDTO
        var roleIds: [String]
        var versions: [VersionDTO]
        var views: Int64
        var visitors: Int64
        var leads: Int64
    }

    struct ShareDTO: Encodable {
        var id: String
        var materialId: String
        var userId: String
        var userName: String?
        /// The address to send (relative to the server).
        var link: String
        var expiresAt: String?
        var revokedAt: String?
        var views: Int64
        var visitors: Int64
        var leads: Int64
        init(_ s: MaterialShareRow) {
            id = String(s.id); materialId = String(s.materialId); userId = String(s.userId); userName = s.userName
            link = Paths.Shell.sharedMaterial(s.token); expiresAt = ISOTime.string(s.expiresAt);
            revokedAt = s.revokedAt.flatMap { ISOTime.string($0) }
            views = s.views; visitors = s.visitors; leads = s.leads
        }
    }

    struct ViewDTO: Encodable {
        var id: String
        var shareId: String
        var viewedAt: String?
        var sharedBy: String?
        var name: String?
        var phone: String?
        var leadId: String?
        init(_ v: MaterialViewRow) {
            id = String(v.id); shareId = String(v.shareId); viewedAt = ISOTime.string(v.viewedAt); sharedBy = v.sharedBy; name = v.name
            phone = v.phone; leadId = v.leadId.map(String.init)
        }
    }

    static func today(_ req: Request) -> String { CalendarDate.chinaDate(req.services.nowMillis) }

    static func folders(_ req: Request) async throws -> Response {
        try ListBody(items: try await MaterialService.folders(req.services).map(FolderDTO.init), nextCursor: nil).jsonResponse()
    }

    static func createFolder(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(FolderBody.self)
        let f = try await MaterialService.createFolder(
            name: b.name, parentId: try APIID.parse(b.parentId, field: "parentId"), req.services)
        return try FolderDTO(f).jsonResponse(status: .created)
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let filter = MaterialService.Filter(
            folderId: try APIID.query(req, "folderId"), q: req.query[String.self, at: "q"], status: req.query[String.self, at: "status"])
        let page = try await MaterialService.list(filter, limit: limit, cursor: cursor, req.services)
        let today = today(req)
        return try ListBody(items: page.items.map { MaterialDTO($0, today: today) }, nextCursor: page.nextCursor).jsonResponse()
    }

    static func details(_ id: Int64, _ req: Request) async throws -> DetailsDTO {
        let d = try await MaterialService.details(id, req.services)
        return DetailsDTO(
            material: MaterialDTO(d.material, today: today(req)), roleIds: d.roleIds.map(String.init),
            versions: d.versions.map(VersionDTO.init),
            views: d.figures.views, visitors: d.figures.visitors, leads: d.figures.leads)
    }

    static func show(_ req: Request) async throws -> Response {
        try await details(try req.id(), req).jsonResponse()
    }

    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .create)
        let b = try req.decodeJSON(Body.self)
        let first = b.url.map { MaterialService.NewVersion(url: $0) }
        let m = try await MaterialService.create(try b.input(), first: first, req.services)
        return try MaterialDTO(m, today: today(req)).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(Body.self)
        let m = try await MaterialService.update(id, try b.input(), version: b.version, req.services)
        return try MaterialDTO(m, today: today(req)).jsonResponse()
    }

    struct TransitionBody: Decodable {
        var action: String?
        var version: Int64?
    }

    static func transition(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let body = try req.decodeJSON(TransitionBody.self)
        guard let raw = body.action, let c = MaterialFlow.Command(rawValue: raw), MaterialFlow.transitions.contains(c) else {
            throw DomainError.invalid("action", code: "invalid_choice", args: ["action"])
        }
        return try MaterialDTO(try await MaterialService.transition(id, c, version: body.version, req.services), today: today(req))
            .jsonResponse()
    }

    /// The body is the file (`fileName` names it) for a file material; a link's new address comes as `url`.
    static func addVersion(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let data = req.body.data.map { Data(buffer: $0) }
        let v = try await MaterialService.addVersion(
            id,
            .init(
                fileName: req.query[String.self, at: "fileName"], data: data, url: req.query[String.self, at: "url"],
                note: req.query[String.self, at: "note"]), req.services)
        return try VersionDTO(v).jsonResponse(status: .created)
    }

    static func file(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .view)
        guard let number = req.parameters.get("number").flatMap(Int64.init) else { throw DomainError.notFound }
        let (v, data) = try await MaterialService.file(try req.id(), number: number, req.services)
        return AttachmentResponse.make(v, data, inline: false)
    }

    static func shares(_ req: Request) async throws -> Response {
        let d = try await MaterialService.details(try req.id(), req.services)
        return try ListBody(items: d.shares.map(ShareDTO.init), nextCursor: nil).jsonResponse()
    }

    struct ShareBody: Decodable { var days: Int64? }

    static func share(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .view)
        let b = try req.decodeJSON(ShareBody.self)
        return try ShareDTO(try await MaterialService.share(id, days: b.days, req.services)).jsonResponse(status: .created)
    }

    static func revoke(_ req: Request) async throws -> Response {
        try ShareDTO(try await MaterialService.revoke(share: try req.id(), req.services)).jsonResponse()
    }

    static func views(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await MaterialService.views(try req.id(), limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(ViewDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }
}
