/// A result set typed as dbt types one (`dbt_common`'s `table_from_data_flat`), ready to print as
/// agate prints it (`text()`) or to write as its `to_json` does (`jsonRows`).
public struct PreviewTable: Sendable {
    /// agate's column types among those dbt's type tester tries, in its order.
    public enum ColumnType: String, Sendable {
        /// dbt's own `Integer`: every value a Python `int` (or `None`).
        case integer = "Integer"
        case number = "Number"
        case date = "Date"
        case dateTime = "DateTime"
        case boolean = "Boolean"
        case text = "Text"
    }

    /// The column names as agate keeps them: an empty one named by its position's letter, a
    /// repeated one suffixed `_2`, `_3`...
    public let columnNames: [String]
    public let columnTypes: [ColumnType]
    public let rows: [[PreviewValue]]

    /// `columnNames` as the warehouse named the columns; each row as many values.
    public init(columnNames names: [String], rows: [[PreviewValue]]) {
        // dbt builds a dict per row, keyed by name: a repeated name keeps its last value.
        let source = names.indices.map { index in names.lastIndex(of: names[index]) ?? index }
        let rows = rows.map { row in source.map { $0 < row.count ? row[$0] : .null } }
        columnNames = Self.deduplicated(names)
        // A column where the driver gave a string is text, whatever the strings look like.
        let textNames = Set(names.indices.filter { index in rows.contains { if case .text = $0[index] { true } else { false } } }.map { names[$0] })
        columnTypes = names.indices.map { index in
            if textNames.contains(names[index]) { return .text }
            let values = rows.map { $0[index] }
            return [ColumnType.integer, .number, .date, .dateTime, .boolean].first { type in values.allSatisfy { type.accepts($0) } } ?? .text
        }
        self.rows = rows
    }

    /// agate's `deduplicate(column_names, column_names=True)`.
    static func deduplicated(_ names: [String]) -> [String] {
        var final: [String] = []
        for (index, name) in names.enumerated() {
            let base = name.isEmpty ? letterName(index) : name
            var candidate = base
            var duplicates = 0
            while final.contains(candidate) {
                candidate = base + "_" + String(duplicates + 2)
                duplicates += 1
            }
            final.append(candidate)
        }
        return final
    }

    /// agate's `letter_name`: `a`...`z`, then `aa`...`zz`, then `aaa`...
    static func letterName(_ index: Int) -> String {
        let letter = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26)))
        return String(repeating: letter, count: index / 26 + 1)
    }
}

extension PreviewTable.ColumnType {
    /// Whether agate's type casts the value (what its type tester tries).
    func accepts(_ value: PreviewValue) -> Bool {
        switch (self, value) {
        case (_, .null), (.text, _): return true
        case (.integer, .integer), (.number, .integer), (.number, .real): return true
        case (.date, .date), (.dateTime, .dateTime), (.dateTime, .date), (.boolean, .boolean): return true
        default: return false
        }
    }
}
