import Foundation
import Kernel
import SQLKit

public struct MergeRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// What was merged: `customer`.
    public var entity: String
    public var survivorId: Int64
    public var mergedId: Int64
    public var mergedName: String
    /// The survivor as it was before (JSON of its row).
    public var survivorBefore: String
    /// The merged record as it was (JSON of its row), to put back on an undo.
    public var mergedRow: String
    /// The references moved, by `table.column`: JSON object of id arrays.
    public var moved: String
    /// Relations removed because they would have tied the survivor to itself or given it two
    /// parents (JSON array of rows); relations moved are in `moved`.
    public var relations: String
    /// The survivor's version the merge left: undo only while nobody changed it since.
    public var survivorVersion: Int64
    public var createdBy: Int64?
    public var createdAt: Int64
    public var undoneAt: Int64?
    public var undoneBy: Int64?
}

/// The writes of a merge and of its undo: references moved by id (so an undo moves back exactly
/// those), a record put back as it was, and the merge's own record.
public enum MergeQueries {
    /// Every column that refers to a customer, as `table.column`. Relations between customers are
    /// moved apart (`customer_relations`), as they may tie the survivor to itself.
    public static let customerReferences = [
        "contacts.partner_id", "activities.partner_id", "tasks.partner_id", "opportunities.partner_id", "pool_moves.partner_id",
        "leads.converted_partner_id", "quotes.partner_id", "contracts.partner_id", "orders.partner_id", "stock_documents.partner_id",
        "invoices.partner_id", "payments.partner_id", "open_items.partner_id", "expense_claims.partner_id", "sightings.buyer_id",
        "channel_reports.partner_id", "users.partner_id", "customer_relations.parent_id", "customer_relations.child_id",
    ]

    /// Every column that refers to a contact, as `table.column`.
    public static let contactReferences = [
        "activities.contact_id", "leads.converted_contact_id", "event_invitations.contact_id", "message_recipients.contact_id",
    ]

    /// Every column of a document or price that names a product, as `table.column`. Stock history
    /// (ledger, documents, batches, balances) is not here: a product with any is never merged away.
    public static let productReferences = [
        "quote_lines.product_id", "contract_lines.product_id", "order_lines.product_id", "invoice_lines.product_id",
        "open_items.product_id", "price_list_items.product_id", "sightings.product_id",
    ]

    static func split(_ ref: String) throws -> (table: String, column: String) {
        guard customerReferences.contains(ref) || contactReferences.contains(ref) || productReferences.contains(ref) else {
            throw DomainError(.badRequest, code: "invalid", field: "moved")
        }
        let parts = ref.split(separator: ".").map(String.init)
        return (parts[0], parts[1])
    }

    /// The ids of the rows that refer to a customer (or, `in contactReferences`, a contact), by reference.
    public static func references(
        to id: Int64, in columns: [String] = customerReferences, on store: Store
    ) async throws -> [String: [Int64]] {
        struct R: Decodable { var id: Int64 }
        var out: [String: [Int64]] = [:]
        for ref in columns {
            let (table, column) = try split(ref)
            let rows = try await store.all(
                "SELECT id FROM \(ident: table) WHERE \(ident: column) = \(bind: id) ORDER BY id", as: R.self)
            if !rows.isEmpty { out[ref] = rows.map(\.id) }
        }
        return out
    }

    /// Points the listed rows to `to`.
    public static func move(_ refs: [String: [Int64]], to: Int64, on store: Store) async throws {
        for (ref, ids) in refs.sorted(by: { $0.key < $1.key }) {
            let (table, column) = try split(ref)
            for chunk in ids.chunkedBinds() {
                try await store.run("UPDATE \(ident: table) SET \(ident: column) = \(bind: to) WHERE id IN (\(binds: chunk))")
            }
        }
    }

    /// How many of the listed rows still exist and still point to `id`.
    public static func stillPointing(_ refs: [String: [Int64]], at id: Int64, on store: Store) async throws -> Int {
        var n = 0
        for (ref, ids) in refs {
            let (table, column) = try split(ref)
            for chunk in ids.chunkedBinds() {
                n += Int(
                    try await store.scalar(
                        "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) = \(bind: id) AND id IN (\(binds: chunk))",
                        as: Int64.self) ?? 0)
            }
        }
        return n
    }

    /// How many rows outside a product merge's moved lines were made from one of them since: a
    /// delivery or receipt line of a moved order line, an order line of a moved contract line, an
    /// invoice line of a moved contract line. (Before the merge none could be: a product with stock
    /// history is never merged away, and the lines that existed were all moved.)
    public static func linesUsedSince(_ refs: [String: [Int64]], on store: Store) async throws -> Int {
        var n: Int64 = 0
        for chunk in (refs["order_lines.product_id"] ?? []).chunkedBinds() {
            n +=
                try await store.scalar(
                    "SELECT COUNT(*) AS n FROM stock_document_lines WHERE order_line_id IN (\(binds: chunk))", as: Int64.self) ?? 0
        }
        let movedOrders = Set(refs["order_lines.product_id"] ?? []), movedInvoices = Set(refs["invoice_lines.product_id"] ?? [])
        struct R: Decodable { var id: Int64; var kind: String }
        for chunk in (refs["contract_lines.product_id"] ?? []).chunkedBinds() {
            let made = try await store.all(
                """
                SELECT id, 'order' AS kind FROM order_lines WHERE contract_line_id IN (\(binds: chunk))
                UNION ALL SELECT id, 'invoice' AS kind FROM invoice_lines WHERE contract_line_id IN (\(binds: chunk))
                """, as: R.self)
            n += Int64(made.filter { !($0.kind == "order" ? movedOrders : movedInvoices).contains($0.id) }.count)
        }
        return Int(n)
    }

    public static func deleteRelation(_ id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM customer_relations WHERE id = \(bind: id)")
    }

    /// A relation put back with its own id.
    public static func restore(relation r: CustomerRelationRow, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO customer_relations (id, parent_id, child_id, kind, note, created_at)
            VALUES (\(bind: r.id), \(bind: r.parentId), \(bind: r.childId), \(bind: r.kind), \(bind: r.note), \(bind: r.createdAt))
            """)
    }

    /// A partner put back exactly as it was, its own id included.
    public static func restore(partner p: PartnerRow, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO partners (id, code, name, name_key, search_text, kind, is_customer, is_supplier, uscc, phone, email, address,
                branch_id, owner_id, active, version, created_at, updated_at, industry, level, source, status, tags, internal_branch_id,
                region_id, province, city, district, street, latitude, longitude, website, credit_limit, department_id, pool_id,
                pool_exempt, assigned_at, previous_owner_id, released_at, last_activity_at, next_follow_up, last_won_at, phone_digits,
                custom_values, note, campaign_id)
            VALUES (\(bind: p.id), \(bind: p.code), \(bind: p.name), \(bind: p.nameKey), \(bind: p.searchText), \(bind: p.kind),
                \(bind: p.isCustomer), \(bind: p.isSupplier), \(bind: p.uscc), \(bind: p.phone), \(bind: p.email), \(bind: p.address),
                \(bind: p.branchId), \(bind: p.ownerId), \(bind: p.active), \(bind: p.version), \(bind: p.createdAt), \(bind: p.updatedAt),
                \(bind: p.industry), \(bind: p.level), \(bind: p.source), \(bind: p.status), \(bind: p.tags), \(bind: p.internalBranchId),
                \(bind: p.regionId), \(bind: p.province), \(bind: p.city), \(bind: p.district), \(bind: p.street), \(bind: p.latitude),
                \(bind: p.longitude), \(bind: p.website), \(bind: p.creditLimit), \(bind: p.departmentId), \(bind: p.poolId),
                \(bind: p.poolExempt), \(bind: p.assignedAt), \(bind: p.previousOwnerId), \(bind: p.releasedAt), \(bind: p.lastActivityAt),
                \(bind: p.nextFollowUp), \(bind: p.lastWonAt), \(bind: p.phoneDigits), \(bind: p.customValues), \(bind: p.note),
                \(bind: p.campaignId))
            """)
    }

    /// Writes every field of `p` over the stored partner (its id), the version one past `version`;
    /// nil when the stored version is no longer `version`.
    public static func overwrite(partner p: PartnerRow, version: Int64, at now: Int64, on store: Store) async throws -> PartnerRow? {
        try await store.first(
            """
            UPDATE partners SET code = \(bind: p.code), name = \(bind: p.name), name_key = \(bind: p.nameKey), search_text = \(bind: p.searchText),
                kind = \(bind: p.kind), is_customer = \(bind: p.isCustomer), is_supplier = \(bind: p.isSupplier), uscc = \(bind: p.uscc),
                phone = \(bind: p.phone), email = \(bind: p.email), address = \(bind: p.address), branch_id = \(bind: p.branchId),
                owner_id = \(bind: p.ownerId), active = \(bind: p.active), industry = \(bind: p.industry), level = \(bind: p.level),
                source = \(bind: p.source), status = \(bind: p.status), tags = \(bind: p.tags), region_id = \(bind: p.regionId),
                province = \(bind: p.province), city = \(bind: p.city), district = \(bind: p.district), street = \(bind: p.street),
                latitude = \(bind: p.latitude), longitude = \(bind: p.longitude), website = \(bind: p.website),
                credit_limit = \(bind: p.creditLimit), department_id = \(bind: p.departmentId), pool_id = \(bind: p.poolId),
                pool_exempt = \(bind: p.poolExempt), assigned_at = \(bind: p.assignedAt), previous_owner_id = \(bind: p.previousOwnerId),
                released_at = \(bind: p.releasedAt), last_activity_at = \(bind: p.lastActivityAt), next_follow_up = \(bind: p.nextFollowUp),
                last_won_at = \(bind: p.lastWonAt), phone_digits = \(bind: p.phoneDigits), custom_values = \(bind: p.customValues),
                note = \(bind: p.note), campaign_id = \(bind: p.campaignId), version = \(bind: version + 1), updated_at = \(bind: now)
            WHERE id = \(bind: p.id) AND version = \(bind: version)
            RETURNING *
            """, as: PartnerRow.self)
    }

    public static func delete(partner id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM partners WHERE id = \(bind: id)")
    }

    /// Whether a partner other than `id` holds this code or USCC (an undo cannot put a record back
    /// over one created since).
    public static func taken(code: String, uscc: String?, except id: Int64, on store: Store) async throws -> Bool {
        try await store.scalar(
            """
            SELECT COUNT(*) AS n FROM partners WHERE id <> \(bind: id) AND (code = \(bind: code) OR uscc = \(bind: uscc ?? "\u{1}"))
            """, as: Int64.self) ?? 0 > 0
    }

    public static func insert(
        entity: String, survivor: Int64, merged: Int64, mergedName: String, survivorBefore: String, mergedRow: String, moved: String,
        relations: String, survivorVersion: Int64, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO merges (entity, survivor_id, merged_id, merged_name, survivor_before, merged_row, moved, relations, survivor_version,
                created_by, created_at)
            VALUES (\(bind: entity), \(bind: survivor), \(bind: merged), \(bind: mergedName), \(bind: survivorBefore), \(bind: mergedRow),
                \(bind: moved), \(bind: relations), \(bind: survivorVersion), \(bind: user), \(bind: now))
            """)
    }

    public static func merge(_ id: Int64, on store: Store) async throws -> MergeRow? {
        try await store.first("SELECT * FROM merges WHERE id = \(bind: id)", as: MergeRow.self)
    }

    /// Merges newest first; `survivor` narrows to those into one record.
    public static func merges(entity: String, survivor: Int64?, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<MergeRow>
    {
        var q: SQLQueryString = "SELECT * FROM merges WHERE entity = \(bind: entity)"
        if let survivor { q += " AND survivor_id = \(bind: survivor)" }
        if let cursor { q += " AND id < \(bind: cursor.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        return Cursor.page(try await store.all(q, as: MergeRow.self), limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Marks a merge undone; false when it already was.
    public static func markUndone(_ id: Int64, by user: Int64?, at now: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE merges SET undone_at = \(bind: now), undone_by = \(bind: user) WHERE id = \(bind: id) AND undone_at IS NULL RETURNING id
            """, as: R.self) != nil
    }

    /// Merges later than `id` into the same survivor that are still in force: an older merge is
    /// undone only after them.
    public static func laterMerges(than id: Int64, survivor: Int64, entity: String, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT COUNT(*) AS n FROM merges WHERE entity = \(bind: entity) AND id > \(bind: id) AND undone_at IS NULL
            AND (survivor_id = \(bind: survivor) OR merged_id = \(bind: survivor))
            """, as: Int64.self) ?? 0
    }

    // MARK: contacts

    /// An event both contacts are invited to (one invitation per person and event): its name.
    public static func sharedInvitation(_ a: Int64, _ b: Int64, on store: Store) async throws -> String? {
        struct R: Decodable { var name: String }
        return try await store.first(
            """
            SELECT e.name FROM event_invitations x JOIN event_invitations y ON y.event_id = x.event_id
            JOIN campaign_events e ON e.id = x.event_id
            WHERE x.contact_id = \(bind: a) AND y.contact_id = \(bind: b) LIMIT 1
            """, as: R.self)?.name
    }

    /// A contact put back exactly as it was, its own id included.
    public static func restore(contact c: ContactRow, on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO contacts (id, partner_id, name, title, mobile, phone, email, wechat, birthday, birthday_md, is_primary, note,
                search_text, phone_digits, custom_values, version, created_at, updated_at)
            VALUES (\(bind: c.id), \(bind: c.partnerId), \(bind: c.name), \(bind: c.title), \(bind: c.mobile), \(bind: c.phone),
                \(bind: c.email), \(bind: c.wechat), \(bind: c.birthday), \(bind: c.birthdayMd), \(bind: c.isPrimary), \(bind: c.note),
                \(bind: c.searchText), \(bind: c.phoneDigits), \(bind: c.customValues), \(bind: c.version), \(bind: c.createdAt),
                \(bind: c.updatedAt))
            """)
    }

    /// Writes every field of `c` over the stored contact, the version one past `version`; nil when
    /// the stored version is no longer `version`.
    public static func overwrite(contact c: ContactRow, version: Int64, at now: Int64, on store: Store) async throws -> ContactRow? {
        try await store.first(
            """
            UPDATE contacts SET partner_id = \(bind: c.partnerId), name = \(bind: c.name), title = \(bind: c.title),
                mobile = \(bind: c.mobile), phone = \(bind: c.phone), email = \(bind: c.email), wechat = \(bind: c.wechat),
                birthday = \(bind: c.birthday), birthday_md = \(bind: c.birthdayMd), is_primary = \(bind: c.isPrimary),
                note = \(bind: c.note), search_text = \(bind: c.searchText), phone_digits = \(bind: c.phoneDigits),
                custom_values = \(bind: c.customValues), version = \(bind: version + 1), updated_at = \(bind: now)
            WHERE id = \(bind: c.id) AND version = \(bind: version)
            RETURNING *
            """, as: ContactRow.self)
    }

    public static func delete(contact id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM contacts WHERE id = \(bind: id)")
    }

    // MARK: products

    /// Whether a product has stock history: a document line, a ledger entry, a balance, a batch,
    /// costing, a stock level, channel stock or a transfer line.
    public static func stockHistory(_ product: Int64, on store: Store) async throws -> Bool {
        for table in [
            "stock_document_lines", "stock_entries", "stock_balances", "batches", "costing_states", "stock_levels", "channel_reports",
            "branch_transfer_lines",
        ] {
            if try await store.scalar(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(ident: table) WHERE product_id = \(bind: product) LIMIT 1) x", as: Int64.self)
                ?? 0 > 0
            {
                return true
            }
        }
        return false
    }

    /// A price list holding both products in one unit (one item per product and unit): its code.
    public static func sharedPriceList(_ a: Int64, _ b: Int64, on store: Store) async throws -> String? {
        struct R: Decodable { var code: String }
        return try await store.first(
            """
            SELECT l.code FROM price_list_items x JOIN price_list_items y ON y.list_id = x.list_id AND y.unit = x.unit
            JOIN price_lists l ON l.id = x.list_id WHERE x.product_id = \(bind: a) AND y.product_id = \(bind: b) LIMIT 1
            """, as: R.self)?.code
    }

    /// A product and its units put back exactly as they were, its own id included.
    public static func restore(product p: ProductRow, units: [ProductUnitRow], on store: Store) async throws {
        try await store.run(
            """
            INSERT INTO products (id, code, name, spec, search_text, category_id, base_unit, costing_method, tracking, tax_rate,
                purchase_price, sale_price, floor_price, standard_cost, active, version, created_at, updated_at, shelf_life_days,
                custom_values)
            VALUES (\(bind: p.id), \(bind: p.code), \(bind: p.name), \(bind: p.spec), \(bind: p.searchText), \(bind: p.categoryId),
                \(bind: p.baseUnit), \(bind: p.costingMethod), \(bind: p.tracking), \(bind: p.taxRate), \(bind: p.purchasePrice),
                \(bind: p.salePrice), \(bind: p.floorPrice), \(bind: p.standardCost), \(bind: p.active), \(bind: p.version),
                \(bind: p.createdAt), \(bind: p.updatedAt), \(bind: p.shelfLifeDays), \(bind: p.customValues ?? "{}"))
            """)
        try await setUnits(units, of: p.id, on: store)
    }

    /// A product's units replaced by these (the barcodes with them).
    public static func setUnits(_ units: [ProductUnitRow], of product: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM product_units WHERE product_id = \(bind: product)")
        for u in units {
            try await store.run(
                """
                INSERT INTO product_units (product_id, name, factor, barcode)
                VALUES (\(bind: product), \(bind: u.name), \(bind: u.factor), \(bind: u.barcode))
                """)
        }
    }

    /// Writes every field of `p` over the stored product, the version one past `version`; nil when
    /// the stored version is no longer `version`.
    public static func overwrite(product p: ProductRow, version: Int64, at now: Int64, on store: Store) async throws -> ProductRow? {
        try await store.first(
            """
            UPDATE products SET code = \(bind: p.code), name = \(bind: p.name), spec = \(bind: p.spec), search_text = \(bind: p.searchText),
                category_id = \(bind: p.categoryId), base_unit = \(bind: p.baseUnit), costing_method = \(bind: p.costingMethod),
                tracking = \(bind: p.tracking), tax_rate = \(bind: p.taxRate), purchase_price = \(bind: p.purchasePrice),
                sale_price = \(bind: p.salePrice), floor_price = \(bind: p.floorPrice), standard_cost = \(bind: p.standardCost),
                active = \(bind: p.active), shelf_life_days = \(bind: p.shelfLifeDays), custom_values = \(bind: p.customValues ?? "{}"),
                version = \(bind: version + 1), updated_at = \(bind: now)
            WHERE id = \(bind: p.id) AND version = \(bind: version)
            RETURNING *
            """, as: ProductRow.self)
    }

    /// A product without stock history deleted, its units with it.
    public static func delete(product id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM product_units WHERE product_id = \(bind: id)")
        try await store.run("DELETE FROM products WHERE id = \(bind: id)")
    }

    /// Whether a product other than `id` holds this code, or a unit of another product one of these barcodes.
    public static func taken(productCode code: String, barcodes: [String], except id: Int64, on store: Store) async throws -> Bool {
        if try await store.scalar("SELECT COUNT(*) AS n FROM products WHERE id <> \(bind: id) AND code = \(bind: code)", as: Int64.self)
            ?? 0 > 0
        {
            return true
        }
        guard !barcodes.isEmpty else { return false }
        return try await store.scalar(
            """
            SELECT COUNT(*) AS n FROM product_units WHERE product_id <> \(bind: id)
            AND barcode IN (\(binds: barcodes.map { $0 as any Encodable & Sendable }))
            """, as: Int64.self) ?? 0 > 0
    }
}
