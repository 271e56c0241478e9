import Foundation
import Kernel
import Persistence
import Spreadsheets

/// The two files a list exports to.
public enum ExportFormat: String, Sendable, CaseIterable {
    case xlsx, csv

    public var contentType: String {
        switch self {
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: return "text/csv; charset=utf-8"
        }
    }
}

/// One column of an export: its header in the reader's language and the cell of each row.
public struct ExportColumn<Row>: Sendable {
    public var header: String
    public var cell: @Sendable (Row) -> SpreadsheetWriter.Cell
    public init(_ header: String, _ cell: @escaping @Sendable (Row) -> SpreadsheetWriter.Cell) {
        self.header = header
        self.cell = cell
    }

    /// Text, or an empty cell for nil.
    public static func text(_ header: String, _ value: @escaping @Sendable (Row) -> String?) -> ExportColumn {
        ExportColumn(header) { row in value(row).map(SpreadsheetWriter.Cell.text) ?? .empty }
    }

    /// An amount in fen, written as yuan with two decimals.
    public static func money(_ header: String, _ fen: @escaping @Sendable (Row) -> Int64?) -> ExportColumn {
        ExportColumn(header) { row in fen(row).map { .money(Money(fen: $0).description) } ?? .empty }
    }

    /// An instant (epoch milliseconds) as its day in China time.
    public static func day(_ header: String, _ millis: @escaping @Sendable (Row) -> Int64?) -> ExportColumn {
        ExportColumn(header) { row in millis(row).map { .date(CalendarDate.chinaDate($0)) } ?? .empty }
    }

    /// A calendar day already written `yyyy-MM-dd`.
    public static func date(_ header: String, _ text: @escaping @Sendable (Row) -> String?) -> ExportColumn {
        ExportColumn(header) { row in text(row).map { CalendarDate($0) != nil ? .date($0) : .text($0) } ?? .empty }
    }
}

/// A finished export, ready to send.
public struct ExportFile: Sendable {
    public var data: Data
    /// The file's name without extension, in the reader's language (`客户-2026-12-06`).
    public var baseName: String
    public var format: ExportFormat
    public var rows: Int
    public var fileName: String { baseName + "." + format.rawValue }
    public init(data: Data, baseName: String, format: ExportFormat, rows: Int) {
        self.data = data
        self.baseName = baseName
        self.format = format
        self.rows = rows
    }
}

/// Exports a list as it is on screen: the same filters, the same scope (the rows the user may
/// view), every page of it. Needs the module's `export` permission and leaves an audit entry
/// naming the filters and the number of rows.
public enum ExportService {
    /// Rows one export may hold; a larger list must be narrowed by its filters first.
    public static let rowLimit = 100_000
    static let pageSize = 500

    /// - Parameters:
    ///   - entity: the audit's entity (`customers`).
    ///   - title: the sheet's and file's name in the reader's language.
    ///   - filter: the list's query as the user gave it, for the audit.
    ///   - fetch: one page of the list from a cursor, scoped as the list is.
    public static func export<Row: Sendable>(
        _ module: Module, entity: String, title: String, format: ExportFormat, columns: [ExportColumn<Row>], filter: String,
        _ ctx: ServiceContext, fetch: (Cursor?, Int) async throws -> Page<Row>
    ) async throws -> ExportFile {
        try ctx.require(module, .export)
        var rows: [[SpreadsheetWriter.Cell]] = []
        var cursor: Cursor?
        repeat {
            let page = try await fetch(cursor, pageSize)
            rows += page.items.map { row in columns.map { $0.cell(row) } }
            guard rows.count <= rowLimit else {
                throw DomainError(.invalid, code: "export_too_large", field: "q", args: [String(rowLimit)])
            }
            cursor = page.nextCursor.flatMap(Cursor.init(encoded:))
        } while cursor != nil
        let sheet = SpreadsheetWriter.Sheet(name: title, header: columns.map(\.header), rows: rows)
        let data: Data
        switch format {
        case .xlsx: data = try SpreadsheetWriter.xlsx([sheet], modified: ctx.now)
        case .csv: data = SpreadsheetWriter.csv(sheet)
        }
        let count = rows.count
        try await ctx.write { tx in
            try await tx.audit(
                "export", entity, nil,
                [
                    FieldChange("format", old: nil, new: format.rawValue), FieldChange("rows", old: nil, new: String(count)),
                    FieldChange("filter", old: nil, new: filter.isEmpty ? nil : filter),
                ])
        }
        return ExportFile(data: data, baseName: title + "-" + CalendarDate.today(ctx.clock).text, format: format, rows: count)
    }
}
