import Diagnostics
import Planning
import ProjectModel
import SQLDialect
import Seeds

extension Workspace {
    /// A seed's CSV read and typed as dbt does, with `delimiter` and `column_types` from its config.
    func readSeed(_ node: ManifestNode, in parsed: Parsed, dialect: SQLDialect, warnings: ([Diagnostic]) -> Void) throws
        -> SeedInput
    {
        // Parsing has read the file already (for its checksum); its text is used, not read again.
        guard let file = parsed.compiler.sourceFile(of: node.uniqueID) else {
            throw Diagnostic(code: "W0801", message: "seed '\(node.name)' was not read while parsing")
        }
        let delimiterText = node.config["delimiter"]?.stringValue ?? ","
        guard delimiterText.count == 1, let delimiter = delimiterText.first else {
            throw Diagnostic(
                code: "W1210", message: "seed '\(node.name)' has delimiter '\(delimiterText)', which is not one character",
                help: "set `delimiter` to a single character such as ';' or '|'")
        }
        var columnTypes: [String: String] = [:]
        for (name, type) in node.config["column_types"]?.mapValue ?? ConfigMap() {
            if let type = type.stringValue { columnTypes[name] = type }
        }
        let table = try SeedTable.read(file, delimiter: delimiter, columnTypes: columnTypes)
        warnings(table.warnings)
        return SeedInput(
            columns: table.columns.map { (name: $0.name, type: SeedTable.sqlType(for: $0, dialect: dialect)) }, rows: table.rows)
    }
}
