import Kernel
import SQLKit

/// Writes to the customer master and the CRM's tables, inside the services' transactions.
public enum CRMWrites {
    /// The partner that stands for a branch in the other branches' books: customer and supplier,
    /// `nameKey` its name normalised for duplicate search.
    public static func insertInternalPartner(
        code: String, name: String, nameKey: String, branch: Int64, at now: Int64, on store: Store
    ) async throws -> PartnerRow {
        let row = try await store.first(
            """
            INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, branch_id, active, version, created_at, updated_at, status,
                internal_branch_id)
            VALUES (\(bind: code), \(bind: name), \(bind: nameKey), \(bind: name), 'company', \(bind: true), \(bind: true), \(bind: branch),
                \(bind: true), 1, \(bind: now), \(bind: now), 'active', \(bind: branch))
            RETURNING *
            """, as: PartnerRow.self)
        guard let row else { throw DomainError.notFound }
        return row
    }

    // MARK: follow-ups

    /// A follow-up as recorded; answers it as stored.
    public static func insertActivity(
        partner: Int64?, contact: Int64?, lead: Int64?, opportunity: Int64?, kind: String, content: String, occurredAt: Int64,
        nextFollowUp: String?,
        latitude: Int64?, longitude: Int64?, accuracy: Int64?, owner: Int64?, branch: Int64, department: Int64?, at now: Int64,
        on store: Store
    ) async throws -> ActivityRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO activities (partner_id, contact_id, lead_id, opportunity_id, kind, content, occurred_at, next_follow_up, latitude, longitude,
                    accuracy_m, owner_id, branch_id, department_id, created_at)
                VALUES (\(bind: partner), \(bind: contact), \(bind: lead), \(bind: opportunity), \(bind: kind),
                    \(bind: content), \(bind: occurredAt), \(bind: nextFollowUp), \(bind: latitude), \(bind: longitude), \(bind: accuracy),
                    \(bind: owner), \(bind: branch), \(bind: department), \(bind: now))
                RETURNING *
                """, as: ActivityRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// The customer's latest follow-up and the next planned one.
    /// Keeps the date a record was first made in the system it came from (an import's 建档日期).
    /// A customer made from a lead carries the campaign that brought the lead.
    public static func attribute(partner id: Int64, fromLead lead: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE partners SET campaign_id = (SELECT campaign_id FROM leads WHERE id = \(bind: lead)) WHERE id = \(bind: id)")
    }

    public static func backdate(partner id: Int64, createdAt: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE partners SET created_at = \(bind: createdAt) WHERE id = \(bind: id) AND created_at > \(bind: createdAt)")
    }

    public static func followedUp(partner id: Int64, at occurred: Int64, next: String?, on store: Store) async throws {
        try await store.run(
            """
            UPDATE partners SET last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < \(bind: occurred)
                THEN \(bind: occurred) ELSE last_activity_at END,
                next_follow_up = COALESCE(\(bind: next), next_follow_up)
            WHERE id = \(bind: id)
            """)
    }

    /// A lead followed up is being worked.
    public static func followedUp(lead id: Int64, at occurred: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE leads SET last_activity_at = \(bind: occurred), status = CASE WHEN status IN ('new', 'assigned') THEN 'working' ELSE status END
            WHERE id = \(bind: id)
            """)
    }

    // MARK: contacts

    /// A contact as validated.
    public struct Contact: Sendable {
        public var name: String
        public var title: String?
        public var mobile: String?
        public var phone: String?
        public var email: String?
        public var wechat: String?
        public var birthday: String?
        public var birthdayMd: String?
        public var isPrimary: Bool
        public var note: String?
        public var searchText: String
        public var phoneDigits: String?
        public var customValues: String
        public init(
            name: String, title: String?, mobile: String?, phone: String?, email: String?, wechat: String?, birthday: String?,
            birthdayMd: String?,
            isPrimary: Bool, note: String?, searchText: String, phoneDigits: String?, customValues: String
        ) {
            self.name = name
            self.title = title
            self.mobile = mobile
            self.phone = phone
            self.email = email
            self.wechat = wechat
            self.birthday = birthday
            self.birthdayMd = birthdayMd
            self.isPrimary = isPrimary
            self.note = note
            self.searchText = searchText
            self.phoneDigits = phoneDigits
            self.customValues = customValues
        }
    }

    /// No contact of the customer is its primary one any more.
    public static func clearPrimary(ofPartner id: Int64, on store: Store) async throws {
        try await store.run("UPDATE contacts SET is_primary = \(bind: false) WHERE partner_id = \(bind: id)")
    }

    public static func insert(_ v: Contact, partner: Int64, primary: Bool, at now: Int64, on store: Store) async throws -> ContactRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO contacts (partner_id, name, title, mobile, phone, email, wechat, birthday, birthday_md, is_primary, note, search_text, phone_digits,
                    custom_values, version, created_at, updated_at)
                VALUES (\(bind: partner), \(bind: v.name), \(bind: v.title), \(bind: v.mobile), \(bind: v.phone), \(bind: v.email), \(bind: v.wechat),
                    \(bind: v.birthday), \(bind: v.birthdayMd), \(bind: primary), \(bind: v.note), \(bind: v.searchText), \(bind: v.phoneDigits),
                    \(bind: v.customValues), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: ContactRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Changes the contact if still at `version`; answers it as stored (nil: it moved on).
    public static func update(
        contact id: Int64, _ v: Contact, primary: Bool, version: Int64, at now: Int64, on store: Store
    ) async throws
        -> ContactRow?
    {
        try await store.first(
            """
            UPDATE contacts SET name = \(bind: v.name), title = \(bind: v.title), mobile = \(bind: v.mobile), phone = \(bind: v.phone),
                email = \(bind: v.email), wechat = \(bind: v.wechat), birthday = \(bind: v.birthday), birthday_md = \(bind: v.birthdayMd),
                is_primary = \(bind: primary), note = \(bind: v.note),
                search_text = \(bind: v.searchText), phone_digits = \(bind: v.phoneDigits), custom_values = \(bind: v.customValues),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: ContactRow.self)
    }

    /// Whether a follow-up or a converted lead refers to the contact.
    public static func contactInUse(_ id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            SELECT id FROM activities WHERE contact_id = \(bind: id) UNION ALL SELECT id FROM leads WHERE converted_contact_id = \(bind: id) LIMIT 1
            """, as: R.self) != nil
    }

    public static func delete(contact id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        try await store.delete("DELETE FROM contacts WHERE id = \(bind: id)", inUse: inUse())
    }

    // MARK: custom fields and relations

    public static func customField(entity: String, key: String, on store: Store) async throws -> CustomFieldRow? {
        try await store.first(
            "SELECT * FROM custom_fields WHERE entity = \(bind: entity) AND field_key = \(bind: key)", as: CustomFieldRow.self)
    }

    public static func insertCustomField(
        entity: String, key: String, label: String, kind: String, options: String?, required: Bool, sortOrder: Int64, active: Bool,
        onWebForm: Bool, at now: Int64, on store: Store
    ) async throws -> CustomFieldRow {
        store.setupChanged()
        guard
            let row = try await store.first(
                """
                INSERT INTO custom_fields (entity, field_key, label, kind, options, required, sort_order, active, on_web_form, version,
                    created_at, updated_at)
                VALUES (\(bind: entity), \(bind: key), \(bind: label), \(bind: kind), \(bind: options), \(bind: required),
                        \(bind: sortOrder), \(bind: active), \(bind: onWebForm), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: CustomFieldRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Keeps a record's custom field values (JSON) on it, in the caller's transaction. `table` is
    /// one of the tables that carry them.
    public static func setCustomValues(_ json: String, table: String, id: Int64, on store: Store) async throws {
        precondition(["leads", "opportunities", "contracts", "products", "orders"].contains(table), "custom values live on \(table)?")
        try await store.run("UPDATE \(ident: table) SET custom_values = \(bind: json) WHERE id = \(bind: id)")
    }

    public static func updateCustomField(
        _ id: Int64, label: String, options: String?, required: Bool, sortOrder: Int64, active: Bool, onWebForm: Bool, version: Int64,
        at now: Int64, on store: Store
    ) async throws -> CustomFieldRow? {
        store.setupChanged()
        return try await store.first(
            """
            UPDATE custom_fields SET label = \(bind: label), options = \(bind: options), required = \(bind: required),
                sort_order = \(bind: sortOrder), active = \(bind: active), on_web_form = \(bind: onWebForm), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: CustomFieldRow.self)
    }

    public static func insertRelation(
        parent: Int64, child: Int64, kind: String, note: String?, at now: Int64, on store: Store
    ) async throws
        -> CustomerRelationRow
    {
        guard
            let row = try await store.first(
                """
                INSERT INTO customer_relations (parent_id, child_id, kind, note, created_at)
                VALUES (\(bind: parent), \(bind: child), \(bind: kind), \(bind: note), \(bind: now))
                RETURNING *
                """, as: CustomerRelationRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func deleteRelation(_ id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM customer_relations WHERE id = \(bind: id)")
    }

    /// A customer went into or out of a pool, or from one owner to another.
    public static func recordPoolMove(
        partner: Int64, pool: Int64?, action: String, from: Int64?, to: Int64?, reason: String?, by user: Int64?, at now: Int64,
        on store: Store
    ) async throws {
        try await store.run(
            """
            INSERT INTO pool_moves (partner_id, pool_id, action, from_owner_id, to_owner_id, reason, at, by_user_id)
            VALUES (\(bind: partner), \(bind: pool), \(bind: action), \(bind: from), \(bind: to), \(bind: reason), \(bind: now),
                    \(bind: user))
            """)
    }

    // MARK: partners

    /// A partner (customer or supplier) as validated.
    public struct Partner: Sendable {
        public var code: String
        public var name: String
        public var nameKey: String
        public var searchText: String
        public var kind: String
        public var isCustomer: Bool
        public var isSupplier: Bool
        public var uscc: String?
        public var phone: String?
        public var phoneDigits: String?
        public var email: String?
        public var address: String?
        public var branchId: Int64
        public var ownerId: Int64?
        public var departmentId: Int64?
        public var active: Bool
        public init(
            code: String, name: String, nameKey: String, searchText: String, kind: String, isCustomer: Bool, isSupplier: Bool,
            uscc: String?,
            phone: String?, phoneDigits: String?, email: String?, address: String?, branchId: Int64, ownerId: Int64?, departmentId: Int64?,
            active: Bool
        ) {
            self.code = code
            self.name = name
            self.nameKey = nameKey
            self.searchText = searchText
            self.kind = kind
            self.isCustomer = isCustomer
            self.isSupplier = isSupplier
            self.uscc = uscc
            self.phone = phone
            self.phoneDigits = phoneDigits
            self.email = email
            self.address = address
            self.branchId = branchId
            self.ownerId = ownerId
            self.departmentId = departmentId
            self.active = active
        }
    }

    public static func insert(_ v: Partner, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, uscc, phone, email, address, branch_id, owner_id,
                active, version, created_at, updated_at, phone_digits, assigned_at, department_id)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: v.nameKey), \(bind: v.searchText), \(bind: v.kind), \(bind: v.isCustomer),
                \(bind: v.isSupplier), \(bind: v.uscc), \(bind: v.phone), \(bind: v.email), \(bind: v.address), \(bind: v.branchId), \(bind: v.ownerId),
                \(bind: v.active), 1, \(bind: now), \(bind: now), \(bind: v.phoneDigits), \(bind: v.ownerId == nil ? nil : now),
                \(bind: v.departmentId))
            """)
    }

    public static func update(partner id: Int64, _ v: Partner, version: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE partners SET code = \(bind: v.code), name = \(bind: v.name), name_key = \(bind: v.nameKey), search_text = \(bind: v.searchText),
                kind = \(bind: v.kind), is_customer = \(bind: v.isCustomer), is_supplier = \(bind: v.isSupplier), uscc = \(bind: v.uscc),
                phone = \(bind: v.phone), email = \(bind: v.email), address = \(bind: v.address), branch_id = \(bind: v.branchId),
                owner_id = \(bind: v.ownerId), active = \(bind: v.active), phone_digits = \(bind: v.phoneDigits),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    // MARK: customers

    /// A customer as validated (owner, pool and branch are set apart).
    public struct Customer: Sendable {
        public var code: String?
        public var name: String
        public var nameKey: String
        public var kind: String
        public var isSupplier: Bool
        public var uscc: String?
        public var phone: String?
        public var email: String?
        public var address: String?
        public var industry: String?
        public var level: String?
        public var source: String?
        public var status: String
        public var tags: String
        public var province: String?
        public var city: String?
        public var district: String?
        public var street: String?
        public var latitude: Int64?
        public var longitude: Int64?
        public var website: String?
        public var creditLimit: Int64?
        public var poolExempt: Bool
        public var phoneDigits: String?
        public var customValues: String
        public var note: String?
        public var regionId: Int64?
        public init(
            code: String?, name: String, nameKey: String, kind: String, isSupplier: Bool, uscc: String?, phone: String?, email: String?,
            address: String?, industry: String?, level: String?, source: String?, status: String, tags: String, province: String?,
            city: String?, district: String?, street: String?, latitude: Int64?, longitude: Int64?, website: String?, creditLimit: Int64?,
            poolExempt: Bool, phoneDigits: String?, customValues: String, note: String?, regionId: Int64?
        ) {
            self.code = code
            self.name = name
            self.nameKey = nameKey
            self.kind = kind
            self.isSupplier = isSupplier
            self.uscc = uscc
            self.phone = phone
            self.email = email
            self.address = address
            self.industry = industry
            self.level = level
            self.source = source
            self.status = status
            self.tags = tags
            self.province = province
            self.city = city
            self.district = district
            self.street = street
            self.latitude = latitude
            self.longitude = longitude
            self.website = website
            self.creditLimit = creditLimit
            self.poolExempt = poolExempt
            self.phoneDigits = phoneDigits
            self.customValues = customValues
            self.note = note
            self.regionId = regionId
        }

        /// Contacts' phones and e-mails join in when the customer is saved (CustomerSearch.refresh).
        public func searchText(_ code: String) -> String {
            CustomerSearch.text(name: name, code: code, tags: tags, phones: [phone], emails: [email])
        }
    }

    /// A new customer (with its owner, or in a pool); answers it as stored.
    public static func insert(
        _ v: Customer, code: String, branch: Int64, owner: Int64?, department: Int64?, pool: Int64?, at now: Int64, on store: Store
    ) async throws -> PartnerRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO partners (code, name, name_key, search_text, kind, is_customer, is_supplier, uscc, phone, email, address, branch_id, owner_id,
                    active, version, created_at, updated_at, industry, level, source, status, tags, province, city, district, street, latitude, longitude,
                    website, credit_limit, department_id, pool_id, pool_exempt, assigned_at, phone_digits, custom_values, note, region_id)
                VALUES (\(bind: code), \(bind: v.name), \(bind: v.nameKey), \(bind: v.searchText(code)), \(bind: v.kind), \(bind: true), \(bind: v.isSupplier),
                    \(bind: v.uscc), \(bind: v.phone), \(bind: v.email), \(bind: v.address), \(bind: branch), \(bind: owner), \(bind: true), 1, \(bind: now),
                    \(bind: now), \(bind: v.industry), \(bind: v.level), \(bind: v.source), \(bind: v.status), \(bind: v.tags), \(bind: v.province),
                    \(bind: v.city), \(bind: v.district), \(bind: v.street), \(bind: v.latitude), \(bind: v.longitude), \(bind: v.website),
                    \(bind: v.creditLimit), \(bind: department), \(bind: pool), \(bind: v.poolExempt), \(bind: owner == nil ? nil : now),
                    \(bind: v.phoneDigits), \(bind: v.customValues), \(bind: v.note), \(bind: v.regionId))
                RETURNING *
                """, as: PartnerRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Changes a customer's data if still at `version`; answers it as stored (nil: it moved on).
    public static func update(
        customer id: Int64, _ v: Customer, code: String, version: Int64, at now: Int64, on store: Store
    ) async throws
        -> PartnerRow?
    {
        try await store.first(
            """
            UPDATE partners SET code = \(bind: code), name = \(bind: v.name), name_key = \(bind: v.nameKey), search_text = \(bind: v.searchText(code)),
                kind = \(bind: v.kind), is_supplier = \(bind: v.isSupplier), uscc = \(bind: v.uscc), phone = \(bind: v.phone), email = \(bind: v.email),
                address = \(bind: v.address), industry = \(bind: v.industry), level = \(bind: v.level), source = \(bind: v.source),
                status = \(bind: v.status), tags = \(bind: v.tags), province = \(bind: v.province), city = \(bind: v.city),
                district = \(bind: v.district), street = \(bind: v.street), latitude = \(bind: v.latitude), longitude = \(bind: v.longitude),
                website = \(bind: v.website), credit_limit = \(bind: v.creditLimit), pool_exempt = \(bind: v.poolExempt),
                phone_digits = \(bind: v.phoneDigits), custom_values = \(bind: v.customValues), note = \(bind: v.note), region_id = \(bind: v.regionId),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: PartnerRow.self)
    }

    /// How many records of any kind refer to a customer.
    public static func references(toCustomer id: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT (SELECT COUNT(*) FROM contacts WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM activities WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM stock_documents WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM orders WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM opportunities WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM customer_relations
                    WHERE parent_id = \(bind: id) OR child_id = \(bind: id)) + (SELECT COUNT(*) FROM pool_moves WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM quotes WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM contracts WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM invoices WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM payments WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM users WHERE partner_id = \(bind: id)) + (SELECT COUNT(*) FROM expense_claims WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM sightings WHERE buyer_id = \(bind: id)) + (SELECT COUNT(*) FROM channel_reports WHERE partner_id = \(bind: id))
                 + (SELECT COUNT(*) FROM leads WHERE converted_partner_id = \(bind: id)) AS n
            """, as: Int64.self) ?? 0
    }

    public static func delete(customer id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        try await store.delete("DELETE FROM partners WHERE id = \(bind: id)", inUse: inUse())
    }

    /// A customer changes hands or goes into or out of a pool (`owner` nil: released, into `pool`);
    /// answers it as stored (nil: it moved on since `version`).
    public static func setOwner(
        ofCustomer id: Int64, version: Int64, owner: Int64?, department: Int64?, pool: Int64?, previousOwner: Int64?, releasedAt: Int64?,
        at now: Int64, on store: Store
    ) async throws -> PartnerRow? {
        try await store.first(
            """
            UPDATE partners SET owner_id = \(bind: owner), department_id = \(bind: department), pool_id = \(bind: pool),
                assigned_at = \(bind: owner == nil ? nil : now), previous_owner_id = COALESCE(\(bind: previousOwner), previous_owner_id),
                released_at = \(bind: owner == nil ? now : releasedAt), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: PartnerRow.self)
    }
}
