import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// Custom fields on the pages of leads, opportunities, contracts, products and orders: the form
/// controls (named `custom[key]`, their errors named `customFields.key`) and the facts a record's
/// page shows.
enum CustomFieldForms {
    static func fields(_ entity: CustomFieldService.Entity, values: [String: String]?, _ req: Request) async throws -> [FormModel.Field] {
        try await CustomFieldService.active(entity, req.services).map {
            CustomerWebPages.customField($0, value: values?[$0.fieldKey], req.t)
        }
    }

    /// A record's values by their fields' labels, in the fields' order.
    static func values(_ entity: CustomFieldService.Entity, json: String, _ req: Request) async throws -> [(String, String)] {
        let values = CustomFieldService.decode(json)
        guard !values.isEmpty else { return [] }
        return try await CustomFieldService.active(entity, req.services).compactMap { f in values[f.fieldKey].map { (f.label, $0) } }
    }

    static func facts(_ entity: CustomFieldService.Entity, json: String, _ req: Request) async throws -> [(String, Node)] {
        try await values(entity, json: json, req).map { ($0.0, Node.text($0.1)) }
    }

    /// A list's filters for the entity's choice fields (`cf.<key>`), each as the request has it.
    static func filters(_ entity: CustomFieldService.Entity, _ req: Request) async throws -> [ListModel.Filter] {
        try await CustomFieldService.active(entity, req.services).filter { $0.kind == "choice" }.map { f in
            ListModel.Filter(
                name: "cf." + f.fieldKey, label: f.label, options: f.choices.map { ($0, $0) },
                selected: req.query[String.self, at: "cf." + f.fieldKey])
        }
    }

    /// An export's columns for the entity's active fields, after its own: one per field, headed by its label.
    static func columns<Row: Sendable>(
        _ entity: CustomFieldService.Entity, _ req: Request, json: @escaping @Sendable (Row) -> String?
    ) async throws -> [ExportColumn<Row>] {
        try await CustomFieldService.active(entity, req.services).map { f in
            let key = f.fieldKey
            return .text(f.label) { row in json(row).flatMap { CustomFieldService.decode($0)[key] } }
        }
    }
}
