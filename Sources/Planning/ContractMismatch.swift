/// How a model's columns differ from its contract: dbt's `assert_columns_equivalent` decides
/// whether they do, and `ContractError.get_mismatches` lists how, printed as agate prints a
/// table (`print_table(max_rows=None, max_column_width=50)`).
struct ContractMismatch {
    /// A column with its type named for the comparison (nil: unknown, which matches any type).
    struct Column {
        var name: String
        var type: String?
    }

    struct Row {
        var columnName: String
        var definitionType: String
        var contractType: String
        var reason: String
    }

    var rows: [Row]

    /// The differences between the model's columns (`model`, as the query returns them) and the
    /// contract's, or nil when they agree: same number of columns, each of the model's named in
    /// the contract with the same type.
    static func find(model: [Column], contract: [Column], sameName: (String, String) -> Bool)
        -> ContractMismatch?
    {
        func sameType(_ a: Column, _ b: Column) -> Bool {
            guard let left = a.type, let right = b.type else { return true }
            return left == right
        }
        let agrees =
            model.count == contract.count
            && model.allSatisfy { column in
                contract.first { sameName($0.name, column.name) }.map { sameType(column, $0) } ?? false
            }
        if agrees { return nil }
        var rows: [Row] = []
        for column in model {
            if let declared = contract.first(where: { sameName($0.name, column.name) }) {
                if !sameType(column, declared) {
                    rows.append(
                        Row(
                            columnName: column.name, definitionType: column.type ?? "",
                            contractType: declared.type ?? "", reason: "data type mismatch"))
                }
            } else if !contract.isEmpty {
                rows.append(
                    Row(
                        columnName: column.name, definitionType: column.type ?? "", contractType: "",
                        reason: "missing in contract"))
            }
        }
        for declared in contract where !model.contains(where: { sameName($0.name, declared.name) }) {
            rows.append(
                Row(
                    columnName: declared.name, definitionType: "", contractType: declared.type ?? "",
                    reason: "missing in definition"))
        }
        // Python's sort: stable, by code point.
        rows = rows.enumerated().sorted { a, b in
            if a.element.columnName != b.element.columnName {
                return a.element.columnName.unicodeScalars.lexicographicallyPrecedes(
                    b.element.columnName.unicodeScalars)
            }
            return a.offset < b.offset
        }.map(\.element)
        return ContractMismatch(rows: rows)
    }

    /// The table as agate prints it: a GitHub-flavoured Markdown table, text left-justified,
    /// cells longer than 50 characters cut to 47 and `...`.
    var table: String {
        let header = ["column_name", "definition_type", "contract_type", "mismatch_reason"]
        let cells = rows.map {
            [$0.columnName, $0.definitionType, $0.contractType, $0.reason].map(Self.truncated)
        }
        var widths = header.map(\.unicodeScalars.count)
        for row in cells {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.unicodeScalars.count)
            }
        }
        func line(_ row: [String]) -> String {
            "|"
                + zip(row, widths).map { cell, width in
                    " " + cell + String(repeating: " ", count: width - cell.unicodeScalars.count) + " "
                }.joined(separator: "|") + "|"
        }
        var lines = [
            line(header),
            "| " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " | ") + " |",
        ]
        lines += cells.map(line)
        return lines.joined(separator: "\n")
    }

    private static func truncated(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 50 else { return text }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars.prefix(47))
        return String(cut) + "..."
    }
}
