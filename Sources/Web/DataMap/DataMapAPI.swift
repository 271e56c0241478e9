import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// /api/v1/data-map: the sources of the customers and the flow of a period; one customer's lineage.
enum DataMapAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("data-map", use: overview)
        authed.get("data-map", "customers", ":id", use: customer)
    }

    struct SourceDTO: Encodable {
        var channel: String?
        var customers: Int64
        var contacts: Int64
        var withPhone: Int64
        var withUscc: Int64
        var withRegion: Int64
        var withOwner: Int64
        var inDuplicates: Int64
    }

    struct OverviewDTO: Encodable {
        var from: String
        var to: String
        var sources: [SourceDTO]
        var flow: DataMapQueries.Flow
        var duplicatesScanned: Bool
    }

    static func overview(_ req: Request) async throws -> Response {
        let o = try await DataMapService.overview(
            from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"], req.services)
        return try OverviewDTO(
            from: o.from.text, to: o.to.text,
            sources: o.sources.map {
                SourceDTO(
                    channel: $0.channel, customers: $0.customers, contacts: $0.contacts, withPhone: $0.withPhone, withUscc: $0.withUscc,
                    withRegion: $0.withRegion, withOwner: $0.withOwner, inDuplicates: $0.inDuplicates)
            }, flow: o.flow, duplicatesScanned: o.scanned
        ).jsonResponse()
    }

    struct FieldDTO: Encodable {
        var field: String
        var channel: String?
        var via: String?
        var userId: String?
        var at: String?
    }

    struct LineageDTO: Encodable {
        var id: String
        var name: String
        var channel: String?
        var via: String?
        var createdBy: String?
        var createdAt: String?
        var fields: [FieldDTO]
    }

    static func customer(_ req: Request) async throws -> Response {
        let l = try await DataMapService.lineage(customer: try req.id(), req.services)
        return try LineageDTO(
            id: String(l.customer.id), name: l.customer.name, channel: l.origin?.channel, via: l.origin?.via,
            createdBy: l.origin?.userId.map(String.init), createdAt: ISOTime.string(l.origin?.at ?? l.customer.createdAt),
            fields: l.fields.map {
                FieldDTO(field: $0.field, channel: $0.channel, via: $0.via, userId: $0.userId.map(String.init), at: ISOTime.string($0.at))
            }
        ).jsonResponse()
    }
}
