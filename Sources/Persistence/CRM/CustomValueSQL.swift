import SQLKit

/// Conditions on a record's custom field values (JSON text in its `custom_values` column): each
/// key must hold exactly the value given. The key and the value are bound; the column is one of
/// ours. One reading for segments and for every list that filters by custom fields.
public enum CustomValueSQL {
    /// ` AND <value of key> = <value>` for each pair, on `column` (`custom_values` or `p.custom_values`).
    public static func condition(_ values: [String: String], column: String, dialect: Dialect) -> SQLQueryString {
        precondition(column == "custom_values" || column == "p.custom_values", "custom values are read from custom_values")
        var q: SQLQueryString = ""
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            q +=
                dialect == .postgres
                ? " AND (CAST(\(unsafeRaw: column) AS JSONB) ->> \(bind: key)) = \(bind: value)"
                : " AND json_extract(\(unsafeRaw: column), \(bind: "$.\"" + key + "\"")) = \(bind: value)"
        }
        return q
    }
}
