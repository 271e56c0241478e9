import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence

/// 市场资料: brochures, price sheets, case studies (files, kept in the database like attachments)
/// and videos or pages elsewhere (links), in folders, with versions. Those who run marketing
/// (`marketing.edit`) prepare and publish them; everyone with `marketing.view` reads the published
/// ones meant for their branch and roles, and sends them out through a link of their own
/// (`/m/<secret>`, expiring, revocable) that counts every look. A visitor who leaves a phone
/// number there becomes a lead owned by the person who shared, of the material's campaign.
public enum MaterialService {
    public enum Kind: String, Sendable, CaseIterable { case file, link }

    /// Files up to 20 MB: a brochure with photographs is bigger than a contract's scan.
    public static let maxBytes = 20 * 1024 * 1024

    public struct Input: Sendable, Equatable {
        public var title: String?
        public var description: String?
        public var folderId: Int64?
        /// `file` or `link`; fixed at creation.
        public var kind: String?
        public var expiresOn: String?
        public var branchId: Int64?
        public var campaignId: Int64?
        public var roleIds: [Int64]?
        public init(
            title: String? = nil, description: String? = nil, folderId: Int64? = nil, kind: String? = nil, expiresOn: String? = nil,
            branchId: Int64? = nil, campaignId: Int64? = nil, roleIds: [Int64]? = nil
        ) {
            self.title = title
            self.description = description
            self.folderId = folderId
            self.kind = kind
            self.expiresOn = expiresOn
            self.branchId = branchId
            self.campaignId = campaignId
            self.roleIds = roleIds
        }
    }

    /// A new version: a file (name and bytes) for a file material, an address for a link.
    public struct NewVersion: Sendable {
        public var fileName: String?
        public var data: Data?
        public var url: String?
        public var note: String?
        public init(fileName: String? = nil, data: Data? = nil, url: String? = nil, note: String? = nil) {
            self.fileName = fileName
            self.data = data
            self.url = url
            self.note = note
        }
    }

    /// A material's page: it, its versions, the share links the reader may see and what they brought.
    public struct Details: Sendable {
        public var material: MaterialRow
        public var status: MaterialFlow.State
        public var roleIds: [Int64]
        public var versions: [MaterialVersionRow]
        public var shares: [MaterialShareRow]
        public var figures: MaterialQueries.Figures
        /// Whether the reader manages the library (sees every link, edits, publishes).
        public var manages: Bool
        public var actions: [MaterialFlow.Command]
        public var branchName: String?
        public var campaign: CampaignRow?
        public var roleNames: [String]
    }

    // MARK: reading

    static func today(_ ctx: ServiceContext) -> String { CalendarDate.chinaDate(ctx.nowMillis) }

    /// The status a reader sees: a published material past its last day reads as expired.
    public static func status(_ m: MaterialRow, today: String) -> MaterialFlow.State {
        let s = MaterialFlow.State(rawValue: m.status) ?? .draft
        if s == .published, let last = m.expiresOn, last < today { return .expired }
        return s
    }

    static func manages(_ ctx: ServiceContext) -> Bool { ctx.principal?.can(.marketing, .edit) ?? true }

    /// Who reads: nil for those who manage the library (and the system), who see everything.
    static func reader(_ ctx: ServiceContext) async throws -> MaterialQueries.Reader? {
        try ctx.require(.marketing, .view)
        guard let p = ctx.principal, !manages(ctx) else { return nil }
        // A material meant for a branch is for its sub-branches' people too.
        let parents = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: ctx.store).map { ($0.id, $0.parentId) })
        var chain: [Int64] = []
        var at: Int64? = p.branchId
        while let b = at, !chain.contains(b) {
            chain.append(b)
            at = parents[b] ?? nil
        }
        return .init(branches: chain, roles: p.roleIds)
    }

    public static func folders(_ ctx: ServiceContext) async throws -> [MaterialFolderRow] {
        try ctx.require(.marketing, .view)
        return try await MaterialQueries.folders(on: ctx.store)
    }

    /// What a material may be shown to, for those who prepare them: every branch and role by name.
    public static func audiences(_ ctx: ServiceContext) async throws -> (branches: [BranchRow], roles: [RoleRow]) {
        try ctx.require(.marketing, .edit)
        return (try await OrganisationQueries.branches(on: ctx.store), try await OrganisationQueries.roles(on: ctx.store))
    }

    public static func createFolder(name: String?, parentId: Int64?, _ ctx: ServiceContext) async throws -> MaterialFolderRow {
        try ctx.require(.marketing, .edit)
        let name = try Validate.required(name, "name", max: 60)
        return try await ctx.write { tx in
            if let p = parentId, try await MaterialQueries.folder(p, on: tx.store) == nil {
                throw DomainError.invalid("parentId", code: "not_found")
            }
            let siblings = try await MaterialQueries.folders(on: tx.store).filter { $0.parentId == parentId }
            if siblings.contains(where: { $0.name == name }) { throw DomainError.invalid("name", code: "folder_exists", args: [name]) }
            let row = try await MaterialWrites.insertFolder(name: name, parent: parentId, at: tx.nowMillis, on: tx.store)
            try await tx.audit("create", "material_folder", row.id, [FieldChange("name", old: nil, new: name)])
            return row
        }
    }

    /// What the library is narrowed by: a folder, words of the title or description, a status.
    public struct Filter: Sendable {
        public var folderId: Int64?
        public var q: String?
        public var status: String?
        public init(folderId: Int64? = nil, q: String? = nil, status: String? = nil) {
            self.folderId = folderId
            self.q = q
            self.status = status
        }
    }

    public static func list(_ filter: Filter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<MaterialRow> {
        let r = try await reader(ctx)
        if let s = filter.status, !s.isEmpty, MaterialFlow.State(rawValue: s) == nil {
            throw DomainError(.badRequest, code: "wrong_type", field: "status", args: ["status"])
        }
        let rows = try await MaterialQueries.materials(
            .init(folderId: filter.folderId, q: filter.q, status: filter.status), reader: r, today: today(ctx), limit: limit + 1,
            after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// A material the reader may see (404 otherwise: a draft is nobody's business but marketing's).
    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> MaterialRow {
        let r = try await reader(ctx)
        guard let m = try await MaterialQueries.material(id, on: ctx.store),
            try await MaterialQueries.sees(id, reader: r, today: today(ctx), on: ctx.store)
        else { throw DomainError.notFound }
        return m
    }

    public static func details(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let m = try await find(id, ctx)
        let all = manages(ctx)
        let mine = all ? nil : ctx.principal?.userId
        let state = status(m, today: today(ctx))
        let roleIds = try await MaterialQueries.roles(of: id, on: ctx.store)
        let roleNames = try await OrganisationQueries.roles(on: ctx.store).filter { roleIds.contains($0.id) }.map(\.name)
        return Details(
            material: m, status: state, roleIds: roleIds,
            versions: try await MaterialQueries.versions(of: id, on: ctx.store),
            shares: try await MaterialQueries.shares(of: id, user: mine, on: ctx.store),
            figures: try await MaterialQueries.figures(of: id, user: mine, on: ctx.store), manages: all,
            actions: MaterialFlow.allowedActions(MaterialFlow.State(rawValue: m.status) ?? .draft, NoFacts()) {
                ctx.principal?.can($0.module, $0.action) ?? true
            }, branchName: try await m.branchId.asyncMap { try await OrganisationQueries.branch($0, on: ctx.store)?.name } ?? nil,
            campaign: try await m.campaignId.asyncMap { try await MarketingQueries.campaign($0, on: ctx.store) } ?? nil,
            roleNames: roleNames)
    }

    /// The views of a material (through the reader's own links unless they manage the library).
    public static func views(_ id: Int64, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<MaterialViewRow> {
        _ = try await find(id, ctx)
        let mine = manages(ctx) ? nil : ctx.principal?.userId
        let rows = try await MaterialQueries.views(of: id, user: mine, limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// A version's file (the current one unless `number` names another), for a reader who may see the material.
    public static func file(_ id: Int64, number: Int64?, _ ctx: ServiceContext) async throws -> (MaterialVersionRow, Data) {
        let m = try await find(id, ctx)
        guard let v = try await MaterialQueries.version(id, number: number ?? m.currentVersion, on: ctx.store) else {
            throw DomainError.notFound
        }
        return (v, try await bytes(v, ctx.store))
    }

    static func bytes(_ v: MaterialVersionRow, _ store: Store) async throws -> Data {
        guard let stored = v.storedName, let data = try await Attachments.contents(stored, on: store) else { throw DomainError.notFound }
        return data
    }

    // MARK: writing

    struct Valid {
        var material: MaterialWrites.Material
        var roles: [Int64]
    }

    static func validate(_ i: Input, kind: String, _ ctx: ServiceContext) async throws -> Valid {
        let title = try Validate.required(i.title, "title", max: 100)
        let description = try Validate.optional(i.description, "description", max: 2000)
        let expires = try i.expiresOn.flatMap { $0.isEmpty ? nil : try Validate.date($0, "expiresOn") }
        if let f = i.folderId, try await MaterialQueries.folder(f, on: ctx.store) == nil {
            throw DomainError.invalid("folderId", code: "not_found")
        }
        if let b = i.branchId, try await OrganisationQueries.branch(b, on: ctx.store) == nil {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        if let c = i.campaignId {
            guard let row = try await MarketingQueries.campaign(c, on: ctx.store), CampaignFlow.open.contains(stored: row.status) else {
                throw DomainError.invalid("campaignId", code: "not_found")
            }
        }
        let roles = (i.roleIds ?? []).isEmpty ? [] : try Validate.picked(i.roleIds ?? [], "roleIds", max: 50)
        for r in roles where try await OrganisationQueries.role(r, on: ctx.store) == nil {
            throw DomainError.invalid("roleIds", code: "not_found", args: [String(r)])
        }
        return Valid(
            material: .init(
                folderId: i.folderId, title: title, description: description, kind: kind, expiresOn: expires, branchId: i.branchId,
                campaignId: i.campaignId), roles: roles)
    }

    static func snapshot(_ m: MaterialRow, roles: [Int64]) -> [String: String?] {
        [
            "title": m.title, "description": m.description, "folderId": m.folderId.map(String.init), "expiresOn": m.expiresOn,
            "branchId": m.branchId.map(String.init), "campaignId": m.campaignId.map(String.init),
            "roleIds": roles.map(String.init).joined(separator: " "),
        ]
    }

    /// A new material, a draft; its first version comes with it when given (a file's bytes or a link's address).
    public static func create(_ input: Input, first: NewVersion?, _ ctx: ServiceContext) async throws -> MaterialRow {
        try ctx.require(.marketing, .create)
        let kind = try Validate.oneOf(input.kind ?? Kind.file.rawValue, "kind", as: Kind.self)
        let v = try await validate(input, kind: kind.rawValue, ctx)
        let version = try first.map { try checked($0, kind: kind, ctx) }
        return try await ctx.write { tx in
            var m = try await MaterialWrites.insert(
                v.material, status: MaterialFlow.State.draft.rawValue, owner: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await MaterialWrites.setRoles(m.id, v.roles, on: tx.store)
            try await tx.audit("create", "material", m.id, branch: m.branchId, Audit.diff([:], snapshot(m, roles: v.roles)))
            if let version { m = try await add(version, to: m, tx).0 }
            return m
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> MaterialRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { tx in
            guard let old = try await MaterialQueries.material(id, on: tx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            _ = try flow(.edit, old)
            let v = try await validate(input, kind: old.kind, tx)
            let oldRoles = try await MaterialQueries.roles(of: id, on: tx.store)
            guard let row = try await MaterialWrites.update(id, v.material, version: old.version, at: tx.nowMillis, on: tx.store) else {
                throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1)
            }
            try await MaterialWrites.setRoles(id, v.roles, on: tx.store)
            try await tx.audit(
                "update", "material", id, branch: row.branchId, Audit.diff(snapshot(old, roles: oldRoles), snapshot(row, roles: v.roles)))
            return row
        }
    }

    static func flow(_ command: MaterialFlow.Command, _ m: MaterialRow) throws -> MaterialFlow.State {
        try MaterialFlow.target(command, from: m.status, number: m.title)
    }

    /// Publishes, withdraws (expired) or takes back to draft. Publishing asks for a version to serve.
    public static func transition(
        _ id: Int64, _ command: MaterialFlow.Command, version: Int64?, _ ctx: ServiceContext
    ) async throws -> MaterialRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { tx in
            guard let old = try await MaterialQueries.material(id, on: tx.store) else { throw DomainError.notFound }
            if let version { try Validate.version(version, current: old.version) }
            let to = try flow(command, old)
            if to == .published {
                guard old.currentVersion > 0 else { throw DomainError(.conflict, code: "material_has_no_version", args: [old.title]) }
                if let last = old.expiresOn, last < today(tx) {
                    throw DomainError(.conflict, code: "material_past_expiry", field: "expiresOn", args: [old.title, last])
                }
            }
            guard let row = try await MaterialWrites.setStatus(id, to.rawValue, version: old.version, at: tx.nowMillis, on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1) }
            try await tx.audit(
                command.rawValue, "material", id, branch: row.branchId, [FieldChange("status", old: old.status, new: row.status)])
            return row
        }
    }

    static func checked(_ v: NewVersion, kind: Kind, _ ctx: ServiceContext) throws -> MaterialWrites.Version {
        let note = try Validate.optional(v.note, "note", max: 200)
        switch kind {
        case .link:
            guard let text = try Validate.optional(v.url, "url", max: 500), let u = URL(string: text),
                let scheme = u.scheme?.lowercased(), scheme == "https" || scheme == "http", u.host?.isEmpty == false
            else { throw DomainError(.invalid, code: "invalid_url", field: "url", args: ["url"]) }
            return .init(fileName: nil, contentType: nil, data: nil, storedName: nil, url: text, note: note)
        case .file:
            let (name, ext, type) = try AttachmentService.checked(fileName: v.fileName, data: v.data ?? Data(), maxBytes: maxBytes)
            let stored = "m-" + ctx.tokens.token(24).filter { $0.isLetter || $0.isNumber } + "." + ext
            return .init(fileName: name, contentType: type, data: v.data, storedName: stored, url: nil, note: note)
        }
    }

    static func add(_ v: MaterialWrites.Version, to m: MaterialRow, _ tx: ServiceContext) async throws -> (MaterialRow, MaterialVersionRow)
    {
        guard
            let (row, version) = try await MaterialWrites.addVersion(
                m.id, v, version: m.version, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
        else { throw DomainError.staleVersion(expected: Int(m.version), actual: Int(m.version) + 1) }
        try await tx.audit(
            "version", "material", m.id, branch: m.branchId,
            [FieldChange("version", old: String(m.currentVersion), new: String(row.currentVersion) + " " + (v.fileName ?? v.url ?? ""))])
        return (row, version)
    }

    /// A new version, served from now on by the material's page and every share link.
    public static func addVersion(_ id: Int64, _ v: NewVersion, _ ctx: ServiceContext) async throws -> MaterialVersionRow {
        try ctx.require(.marketing, .edit)
        guard let m = try await MaterialQueries.material(id, on: ctx.store) else { throw DomainError.notFound }
        let version = try checked(v, kind: Kind(rawValue: m.kind) ?? .file, ctx)
        return try await ctx.write { tx in
            guard let fresh = try await MaterialQueries.material(id, on: tx.store) else { throw DomainError.notFound }
            _ = try flow(.edit, fresh)
            return try await add(version, to: fresh, tx).1
        }
    }

    // MARK: share links

    /// The reader's own link to a published material they may see, good for `days` (1–365, 30 by default).
    public static func share(_ id: Int64, days: Int64?, _ ctx: ServiceContext) async throws -> MaterialShareRow {
        let m = try await find(id, ctx)
        guard let user = ctx.principal?.userId else { throw DomainError.forbidden }
        guard status(m, today: today(ctx)) == .published else {
            throw DomainError(.conflict, code: "material_not_published", args: [m.title])
        }
        let d = days ?? 30
        guard (1...365).contains(d) else { throw DomainError.invalid("days", code: "out_of_range", args: ["days", "1", "365"]) }
        return try await ctx.write { tx in
            let token = tx.tokens.token(24)
            let sid = try await MaterialWrites.insertShare(
                material: id, user: user, token: token, expiresAt: tx.nowMillis + d * 86_400_000, at: tx.nowMillis, on: tx.store)
            try await tx.audit("share", "material", id, branch: m.branchId, [FieldChange("share", old: nil, new: String(sid))])
            guard let row = try await MaterialQueries.share(sid, on: tx.store) else { throw DomainError.notFound }
            return row
        }
    }

    /// Stops a link: its sharer, or whoever manages the library.
    public static func revoke(share shareId: Int64, _ ctx: ServiceContext) async throws -> MaterialShareRow {
        try ctx.require(.marketing, .view)
        return try await ctx.write { tx in
            guard let s = try await MaterialQueries.share(shareId, on: tx.store),
                let m = try await MaterialQueries.material(s.materialId, on: tx.store),
                manages(tx) || s.userId == tx.principal?.userId
            else { throw DomainError.notFound }
            guard try await MaterialWrites.revokeShare(shareId, by: tx.principal?.userId, at: tx.nowMillis, on: tx.store) else {
                throw DomainError(.conflict, code: "share_revoked", args: [m.title])
            }
            try await tx.audit("revoke", "material_share", shareId, branch: m.branchId, [FieldChange("material", old: nil, new: m.title)])
            guard let row = try await MaterialQueries.share(shareId, on: tx.store) else { throw DomainError.notFound }
            return row
        }
    }

    // MARK: the public page

    /// What a share link opens: the material and its current version.
    public struct Opened: Sendable {
        public var share: MaterialShareRow
        public var material: MaterialRow
        public var version: MaterialVersionRow
        public var sharedBy: String
    }

    /// The visitor's mark: a random word kept in a cookie, nothing about the person.
    public static func isVisitorMark(_ s: String) -> Bool {
        (16...40).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// A link that is live: not revoked, not past its date, its material published and within its
    /// own dates. 404 for a link that is not one, 409 `share_gone` for one that was. Every look counts
    /// against the visitor's address (60 in ten minutes, then 429), so links cannot be guessed by trying.
    public static func open(token: String, ip: String?, _ system: ServiceContext) async throws -> Opened {
        let now = system.nowMillis
        let count = try await system.write { tx in
            try await AccessWrites.countFailure("material:" + (ip ?? "-"), at: now, forgetBefore: now - 10 * 60_000, on: tx.store)
        }
        guard (count?.failures ?? 0) <= 60 else { throw DomainError(.tooManyRequests, code: "rsvp_busy") }
        guard token.count >= 16, let s = try await MaterialQueries.share(token: token, on: system.store),
            let m = try await MaterialQueries.material(s.materialId, on: system.store)
        else { throw DomainError.notFound }
        guard s.revokedAt == nil, s.expiresAt > now, status(m, today: today(system)) == .published,
            let v = try await MaterialQueries.version(m.id, number: m.currentVersion, on: system.store)
        else { throw DomainError(.conflict, code: "share_gone") }
        return Opened(share: s, material: m, version: v, sharedBy: s.userName ?? "")
    }

    /// Counts a look at a live link (a visitor's reloads within half an hour count once).
    public static func view(token: String, visitor: String, ip: String?, _ system: ServiceContext) async throws -> Opened {
        let o = try await open(token: token, ip: ip, system)
        guard isVisitorMark(visitor) else { return o }
        try await system.write { tx in
            if let last = try await MaterialQueries.lastView(share: o.share.id, visitor: visitor, on: tx.store),
                tx.nowMillis - last.viewedAt < 30 * 60_000
            {
                return
            }
            _ = try await MaterialWrites.insertView(share: o.share.id, visitor: visitor, at: tx.nowMillis, on: tx.store)
        }
        return o
    }

    /// The file behind a live link.
    public static func publicFile(token: String, ip: String?, _ system: ServiceContext) async throws -> (MaterialVersionRow, Data) {
        let o = try await open(token: token, ip: ip, system)
        return (o.version, try await bytes(o.version, system.store))
    }

    /// A visitor leaves name and phone: a new lead owned by the sharer (of the material's
    /// campaign), or, when the number is already a lead's or a customer's, a notice to the sharer.
    /// Answers whether a lead was made. Five per address per ten minutes.
    public static func leave(
        token: String, visitor: String, name: String?, phone: String?, company: String?, ip: String?, _ system: ServiceContext
    ) async throws -> Bool {
        let o = try await open(token: token, ip: ip, system)
        let now = system.nowMillis
        let count = try await system.write { tx in
            try await AccessWrites.countFailure("material-lead:" + (ip ?? "-"), at: now, forgetBefore: now - 10 * 60_000, on: tx.store)
        }
        guard (count?.failures ?? 0) <= 5 else { throw DomainError(.tooManyRequests, code: "web_form_busy") }
        let name = try Validate.required(name, "name", max: 60)
        guard let phone = try Validate.phone(phone) else { throw DomainError.required("phone") }
        let company = try Validate.optional(company, "company", max: 100)
        let mark = isVisitorMark(visitor) ? visitor : "-" + system.tokens.token(16)
        let ctx = system.through("material", via: "material_share:\(o.share.id)")
        if try await MaterialQueries.phoneLeft(share: o.share.id, phone: phone, on: system.store) { return false }
        let sharer = try await OrganisationQueries.user(o.share.userId, on: system.store)
        let campaign = try await o.material.campaignId.asyncMap { id in
            try await MarketingQueries.campaign(id, on: system.store).flatMap {
                CampaignFlow.open.contains(stored: $0.status) ? $0.id : nil
            }
        }
        let source = try await CRMSettings.values(.sources, system.store).first {
            $0.contains("资料") || $0.contains("分享") || $0.lowercased().contains("material")
        }
        return try await ctx.write { tx in
            let viewId: Int64
            if let last = try await MaterialQueries.lastView(share: o.share.id, visitor: mark, on: tx.store) {
                viewId = last.id
            } else {
                viewId = try await MaterialWrites.insertView(share: o.share.id, visitor: mark, at: tx.nowMillis, on: tx.store)
            }
            let lead: LeadRow?
            do {
                lead = try await LeadService.create(
                    .init(
                        company: company ?? name, contactName: name, phone: phone, source: source, note: "市场资料《\(o.material.title)》",
                        ownerId: sharer?.active == true ? sharer?.id : nil, branchId: sharer?.branchId, campaignId: campaign ?? nil), tx)
            } catch is LeadService.DuplicateFound {
                lead = nil
                try await NotificationService.send(
                    [
                        .init(
                            userId: o.share.userId, kind: "notify.material.known_visitor", args: [name, phone, o.material.title],
                            link: Paths.Marketing.material(o.material.id))
                    ], tx.store, at: tx.nowMillis)
            }
            try await MaterialWrites.leave(view: viewId, name: name, phone: phone, lead: lead?.id, on: tx.store)
            return lead != nil
        }
    }
}
