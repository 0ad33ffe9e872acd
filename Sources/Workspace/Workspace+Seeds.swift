import Diagnostics
import Planning
import ProjectLoading
import ProjectModel
import SQLDialect
import Seeds

extension Workspace {
    /// A seed's CSV read and typed as dbt does, with `delimiter` and `column_types` from its config.
    func readSeed(_ node: ManifestNode, in parsed: Parsed, dialect: SQLDialect, warnings: ([Diagnostic]) -> Void) throws
        -> SeedInput
    {
        let path = join(parsed.packageDirectories[node.packageName] ?? projectDirectory, node.originalFilePath)
        let bytes = try fileSystem.readFile(path)
        let text = String(decoding: bytes, as: UTF8.self)
        let file = SourceFile(name: node.originalFilePath, text: text)
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
