import Foundation
import Kernel
import SQLKit

/// A folder of the materials library.
public struct MaterialFolderRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var parentId: Int64?
    public var createdAt: Int64
}

/// A marketing material: a file or a link, its status, who may see it and its current version.
public struct MaterialRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var folderId: Int64?
    public var title: String
    public var description: String?
    /// `file` or `link` (a video or a page elsewhere).
    public var kind: String
    /// `MaterialFlow.State`.
    public var status: String
    /// The last day it may go out ('YYYY-MM-DD'); past it, it reads as expired.
    public var expiresOn: String?
    /// Seen only by the people of this branch and its sub-branches (nil: everyone).
    public var branchId: Int64?
    public var campaignId: Int64?
    /// The version shares and downloads serve; 0 while none was uploaded.
    public var currentVersion: Int64
    public var ownerId: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// One version of a material: a file kept in `attachment_contents`, or a link.
public struct MaterialVersionRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var materialId: Int64
    public var number: Int64
    public var fileName: String?
    public var contentType: String?
    public var size: Int64
    public var storedName: String?
    public var url: String?
    public var note: String?
    public var uploadedBy: Int64?
    public var createdAt: Int64
}

/// A person's share link of a material, with what it brought.
public struct MaterialShareRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var materialId: Int64
    public var userId: Int64
    public var userName: String?
    public var token: String
    public var expiresAt: Int64
    public var revokedAt: Int64?
    public var createdAt: Int64
    public var views: Int64
    public var visitors: Int64
    public var leads: Int64
}

/// One look at a shared material, with what the visitor left.
public struct MaterialViewRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var shareId: Int64
    public var visitor: String
    public var viewedAt: Int64
    public var name: String?
    public var phone: String?
    public var leadId: Int64?
    /// Who shared the link it came through.
    public var sharedBy: String?
}

public enum MaterialQueries {
    /// Who reads the library: editors see everything; others the published materials of their
    /// branch (or its parents) and roles.
    public struct Reader: Sendable {
        public var branches: [Int64]
        public var roles: [Int64]
        public init(branches: [Int64], roles: [Int64]) {
            self.branches = branches
            self.roles = roles
        }
    }

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

    public static func folders(on store: Store) async throws -> [MaterialFolderRow] {
        try await store.all("SELECT * FROM material_folders ORDER BY name, id", as: MaterialFolderRow.self)
    }

    public static func folder(_ id: Int64, on store: Store) async throws -> MaterialFolderRow? {
        try await store.first("SELECT * FROM material_folders WHERE id = \(bind: id)", as: MaterialFolderRow.self)
    }

    public static func material(_ id: Int64, on store: Store) async throws -> MaterialRow? {
        try await store.first("SELECT * FROM materials WHERE id = \(bind: id)", as: MaterialRow.self)
    }

    /// The condition a reader's materials meet (nil reader: every material).
    static func visible(_ reader: Reader?, today: String) -> SQLQueryString {
        guard let r = reader else { return "1 = 1" }
        var q: SQLQueryString = "m.status = 'published' AND (m.expires_on IS NULL OR m.expires_on >= \(bind: today))"
        q += " AND (m.branch_id IS NULL"
        if !r.branches.isEmpty { q += " OR m.branch_id IN (\(binds: r.branches.map { $0 as any Encodable & Sendable }))" }
        q += ") AND (NOT EXISTS (SELECT 1 FROM material_roles mr WHERE mr.material_id = m.id)"
        if !r.roles.isEmpty {
            q +=
                " OR EXISTS (SELECT 1 FROM material_roles mr WHERE mr.material_id = m.id AND mr.role_id IN (\(binds: r.roles.map { $0 as any Encodable & Sendable })))"
        }
        return q + ")"
    }

    /// Materials, the newest first, a page at a time.
    public static func materials(
        _ f: Filter, reader: Reader?, today: String, limit: Int, after: Int64?, on store: Store
    ) async throws -> [MaterialRow] {
        var q: SQLQueryString = "SELECT m.* FROM materials m WHERE " + visible(reader, today: today)
        if let folder = f.folderId { q += " AND m.folder_id = \(bind: folder)" }
        if let s = f.status, !s.isEmpty { q += " AND m.status = \(bind: s)" }
        if let text = f.q?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + text + "%"
            q += " AND (m.title LIKE \(bind: like) OR m.description LIKE \(bind: like))"
        }
        if let a = after { q += " AND m.id < \(bind: a)" }
        q += " ORDER BY m.id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: MaterialRow.self)
    }

    /// Whether a reader may see a material now.
    public static func sees(_ id: Int64, reader: Reader?, today: String, on store: Store) async throws -> Bool {
        try await store.scalar(
            "SELECT COUNT(*) AS value FROM materials m WHERE m.id = \(bind: id) AND " + visible(reader, today: today), as: Int64.self)
            ?? 0 > 0
    }

    public static func roles(of material: Int64, on store: Store) async throws -> [Int64] {
        struct R: Decodable { var roleId: Int64 }
        return try await store.all(
            "SELECT role_id FROM material_roles WHERE material_id = \(bind: material) ORDER BY role_id", as: R.self
        ).map(\.roleId)
    }

    public static func versions(of material: Int64, on store: Store) async throws -> [MaterialVersionRow] {
        try await store.all(
            "SELECT * FROM material_versions WHERE material_id = \(bind: material) ORDER BY number DESC", as: MaterialVersionRow.self)
    }

    public static func version(_ material: Int64, number: Int64, on store: Store) async throws -> MaterialVersionRow? {
        try await store.first(
            "SELECT * FROM material_versions WHERE material_id = \(bind: material) AND number = \(bind: number)",
            as: MaterialVersionRow.self)
    }

    static let shareColumns: SQLQueryString = """
        SELECT s.id, s.material_id, s.user_id, u.display_name AS user_name, s.token, s.expires_at, s.revoked_at, s.created_at,
            (SELECT COUNT(*) FROM material_views v WHERE v.share_id = s.id) AS views,
            (SELECT COUNT(DISTINCT v.visitor) FROM material_views v WHERE v.share_id = s.id) AS visitors,
            (SELECT COUNT(*) FROM material_views v WHERE v.share_id = s.id AND v.lead_id IS NOT NULL) AS leads
        FROM material_shares s LEFT JOIN users u ON u.id = s.user_id
        """

    /// A material's share links (one person's when named), the newest first.
    public static func shares(of material: Int64, user: Int64?, on store: Store) async throws -> [MaterialShareRow] {
        var q = shareColumns + " WHERE s.material_id = \(bind: material)"
        if let u = user { q += " AND s.user_id = \(bind: u)" }
        return try await store.all(q + " ORDER BY s.id DESC LIMIT 200", as: MaterialShareRow.self)
    }

    public static func share(_ id: Int64, on store: Store) async throws -> MaterialShareRow? {
        try await store.first(shareColumns + " WHERE s.id = \(bind: id)", as: MaterialShareRow.self)
    }

    public static func share(token: String, on store: Store) async throws -> MaterialShareRow? {
        try await store.first(shareColumns + " WHERE s.token = \(bind: token)", as: MaterialShareRow.self)
    }

    /// A material's views (through one person's links when named), the latest first.
    public static func views(
        of material: Int64, user: Int64?, limit: Int, after: Int64?, on store: Store
    ) async throws -> [MaterialViewRow] {
        var q: SQLQueryString = """
            SELECT v.id, v.share_id, v.visitor, v.viewed_at, v.name, v.phone, v.lead_id, u.display_name AS shared_by
            FROM material_views v JOIN material_shares s ON s.id = v.share_id LEFT JOIN users u ON u.id = s.user_id
            WHERE s.material_id = \(bind: material)
            """
        if let u = user { q += " AND s.user_id = \(bind: u)" }
        if let a = after { q += " AND v.id < \(bind: a)" }
        return try await store.all(q + " ORDER BY v.id DESC LIMIT \(literal: limit)", as: MaterialViewRow.self)
    }

    /// A material's figures: views, distinct visitors, leads (through one person's links when named).
    public struct Figures: Decodable, Sendable, Equatable {
        public var views: Int64
        public var visitors: Int64
        public var leads: Int64
    }

    public static func figures(of material: Int64, user: Int64?, on store: Store) async throws -> Figures {
        var q: SQLQueryString = """
            SELECT COUNT(*) AS views, COUNT(DISTINCT v.visitor) AS visitors,
                COALESCE(SUM(CASE WHEN v.lead_id IS NULL THEN 0 ELSE 1 END), 0) AS leads
            FROM material_views v JOIN material_shares s ON s.id = v.share_id WHERE s.material_id = \(bind: material)
            """
        if let u = user { q += " AND s.user_id = \(bind: u)" }
        return try await store.first(q, as: Figures.self) ?? Figures(views: 0, visitors: 0, leads: 0)
    }

    /// The visitor's latest look through a share link.
    public static func lastView(share: Int64, visitor: String, on store: Store) async throws -> MaterialViewRow? {
        try await store.first(
            """
            SELECT id, share_id, visitor, viewed_at, name, phone, lead_id, NULL AS shared_by FROM material_views
            WHERE share_id = \(bind: share) AND visitor = \(bind: visitor) ORDER BY id DESC LIMIT 1
            """, as: MaterialViewRow.self)
    }

    /// Whether someone already left this phone number through the share link.
    public static func phoneLeft(share: Int64, phone: String, on store: Store) async throws -> Bool {
        try await store.scalar(
            "SELECT COUNT(*) AS value FROM material_views WHERE share_id = \(bind: share) AND phone = \(bind: phone)", as: Int64.self)
            ?? 0 > 0
    }
}

public enum MaterialWrites {
    public struct Material: Sendable {
        public var folderId: Int64?
        public var title: String
        public var description: String?
        public var kind: String
        public var expiresOn: String?
        public var branchId: Int64?
        public var campaignId: Int64?
        public init(
            folderId: Int64?, title: String, description: String?, kind: String, expiresOn: String?, branchId: Int64?, campaignId: Int64?
        ) {
            self.folderId = folderId
            self.title = title
            self.description = description
            self.kind = kind
            self.expiresOn = expiresOn
            self.branchId = branchId
            self.campaignId = campaignId
        }
    }

    public static func insertFolder(name: String, parent: Int64?, at now: Int64, on store: Store) async throws -> MaterialFolderRow {
        guard
            let row = try await store.first(
                "INSERT INTO material_folders (name, parent_id, created_at) VALUES (\(bind: name), \(bind: parent), \(bind: now)) RETURNING *",
                as: MaterialFolderRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func insert(_ m: Material, status: String, owner: Int64?, at now: Int64, on store: Store) async throws -> MaterialRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO materials (folder_id, title, description, kind, status, expires_on, branch_id, campaign_id, current_version,
                    owner_id, version, created_at, updated_at)
                VALUES (\(bind: m.folderId), \(bind: m.title), \(bind: m.description), \(bind: m.kind), \(bind: status),
                    \(bind: m.expiresOn), \(bind: m.branchId), \(bind: m.campaignId), 0, \(bind: owner), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: MaterialRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Answers the material as stored, or nil when it moved on since `version`.
    public static func update(_ id: Int64, _ m: Material, version: Int64, at now: Int64, on store: Store) async throws -> MaterialRow? {
        try await store.first(
            """
            UPDATE materials SET folder_id = \(bind: m.folderId), title = \(bind: m.title), description = \(bind: m.description),
                expires_on = \(bind: m.expiresOn), branch_id = \(bind: m.branchId), campaign_id = \(bind: m.campaignId),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: MaterialRow.self)
    }

    public static func setStatus(_ id: Int64, _ status: String, version: Int64, at now: Int64, on store: Store) async throws -> MaterialRow?
    {
        try await store.first(
            """
            UPDATE materials SET status = \(bind: status), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: MaterialRow.self)
    }

    public static func setRoles(_ id: Int64, _ roles: [Int64], on store: Store) async throws {
        try await store.run("DELETE FROM material_roles WHERE material_id = \(bind: id)")
        for r in roles { try await store.run("INSERT INTO material_roles (material_id, role_id) VALUES (\(bind: id), \(bind: r))") }
    }

    public struct Version: Sendable {
        public var fileName: String?
        public var contentType: String?
        public var data: Data?
        public var storedName: String?
        public var url: String?
        public var note: String?
        public init(fileName: String?, contentType: String?, data: Data?, storedName: String?, url: String?, note: String?) {
            self.fileName = fileName
            self.contentType = contentType
            self.data = data
            self.storedName = storedName
            self.url = url
            self.note = note
        }
    }

    /// Adds the next version (its bytes beside the attachments') and makes it the current one;
    /// nil when the material moved on since `version`.
    public static func addVersion(
        _ id: Int64, _ v: Version, version: Int64, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> (MaterialRow, MaterialVersionRow)? {
        guard
            let m = try await store.first(
                """
                UPDATE materials SET current_version = current_version + 1, version = version + 1, updated_at = \(bind: now)
                WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
                """, as: MaterialRow.self)
        else { return nil }
        if let data = v.data, let stored = v.storedName { try await Attachments.keep(stored, data, on: store) }
        guard
            let row = try await store.first(
                """
                INSERT INTO material_versions (material_id, number, file_name, content_type, size, stored_name, url, note, uploaded_by,
                    created_at)
                VALUES (\(bind: id), \(bind: m.currentVersion), \(bind: v.fileName), \(bind: v.contentType),
                    \(bind: Int64(v.data?.count ?? 0)), \(bind: v.storedName), \(bind: v.url), \(bind: v.note), \(bind: user), \(bind: now))
                RETURNING *
                """, as: MaterialVersionRow.self)
        else { throw StoreError.noRowReturned }
        return (m, row)
    }

    public static func insertShare(
        material: Int64, user: Int64, token: String, expiresAt: Int64, at now: Int64, on store: Store
    ) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO material_shares (material_id, user_id, token, expires_at, created_at)
            VALUES (\(bind: material), \(bind: user), \(bind: token), \(bind: expiresAt), \(bind: now))
            """)
    }

    /// Revokes a link; false when it was already revoked.
    public static func revokeShare(_ id: Int64, by user: Int64?, at now: Int64, on store: Store) async throws -> Bool {
        try await store.scalar(
            """
            UPDATE material_shares SET revoked_at = \(bind: now), revoked_by = \(bind: user)
            WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id AS value
            """, as: Int64.self) != nil
    }

    public static func insertView(share: Int64, visitor: String, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            "INSERT INTO material_views (share_id, visitor, viewed_at) VALUES (\(bind: share), \(bind: visitor), \(bind: now))")
    }

    /// What a visitor left on their look: name, phone and the lead it became (if one).
    public static func leave(view: Int64, name: String, phone: String, lead: Int64?, on store: Store) async throws {
        try await store.run(
            "UPDATE material_views SET name = \(bind: name), phone = \(bind: phone), lead_id = \(bind: lead) WHERE id = \(bind: view)")
    }
}
