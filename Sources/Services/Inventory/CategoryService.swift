import Kernel
import Persistence

/// The product category tree (饮料 > 碳酸饮料).
public enum CategoryService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var parentId: Int64?
        public init(code: String? = nil, name: String? = nil, parentId: Int64? = nil) {
            self.code = code
            self.name = name
            self.parentId = parentId
        }
    }

    public static func all(_ ctx: ServiceContext) async throws -> [CategoryRow] {
        try ctx.require(.products, .view)
        return try await InventoryQueries.categories(on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> CategoryRow {
        try ctx.require(.products, .view)
        guard let c = try await InventoryQueries.categories(on: ctx.store).first(where: { $0.id == id }) else { throw DomainError.notFound }
        return c
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> CategoryRow {
        try ctx.require(.products, .create)
        return try await ctx.write { ctx in
            let (code, name) = try await validate(input, id: nil, ctx)
            let now = ctx.nowMillis
            let id = try await InventoryWrites.insertCategory(parent: input.parentId, code: code, name: name, at: now, on: ctx.store)
            try await ctx.audit(
                "create", "product_category", id,
                [
                    FieldChange("code", old: nil, new: code), FieldChange("name", old: nil, new: name),
                    FieldChange("parentId", old: nil, new: input.parentId.map(String.init)),
                ])
            return try await find(id, ctx)
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> CategoryRow {
        try ctx.require(.products, .edit)
        return try await ctx.write { ctx in
            let old = try await find(id, ctx)
            try Validate.version(version, current: old.version)
            let (code, name) = try await validate(input, id: id, ctx)
            try await InventoryWrites.updateCategory(
                id, parent: input.parentId, code: code, name: name, version: old.version, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit(
                "update", "product_category", id,
                Audit.diff(
                    ["code": old.code, "name": old.name, "parentId": old.parentId.map(String.init)],
                    ["code": code, "name": name, "parentId": input.parentId.map(String.init)]))
            return try await find(id, ctx)
        }
    }

    static func validate(_ input: Input, id: Int64?, _ ctx: ServiceContext) async throws -> (String, String) {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 100)
        let all = try await InventoryQueries.categories(on: ctx.store)
        if all.contains(where: { $0.code.lowercased() == code.lowercased() && $0.id != id }) {
            throw DomainError.duplicate("code", value: code)
        }
        if let parent = input.parentId {
            guard all.contains(where: { $0.id == parent }) else { throw DomainError.invalid("parentId", code: "not_found") }
            var cursor: Int64? = parent
            while let c = cursor {
                if c == id { throw DomainError.invalid("parentId", code: "cycle") }
                cursor = all.first { $0.id == c }?.parentId
            }
        }
        return (code, name)
    }

    /// "饮料 / 碳酸饮料" for each category.
    public static func paths(_ all: [CategoryRow]) -> [Int64: String] {
        var out: [Int64: String] = [:]
        for c in all {
            var names = [c.name]
            var cursor = c.parentId
            var guardCount = 0
            while let p = cursor, let parent = all.first(where: { $0.id == p }), guardCount < 20 {
                names.insert(parent.name, at: 0)
                cursor = parent.parentId
                guardCount += 1
            }
            out[c.id] = names.joined(separator: " / ")
        }
        return out
    }
}
