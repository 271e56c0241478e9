import FluentKit

/// Addresses written before ChineseAddress named a municipality twice (上海市上海市浦东新区):
/// each of the four is written once.
struct M016MunicipalityAddresses: AsyncMigration {
    var name: String { "016-municipality-addresses" }

    static let municipalities = ["北京市", "上海市", "天津市", "重庆市"]

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            Self.municipalities.map { m in
                "UPDATE partners SET address = REPLACE(address, '\(m)\(m)', '\(m)') WHERE address LIKE '\(m)\(m)%'"
            }, on: database)
    }

    func revert(on database: any Database) async throws {}
}
