import Diagnostics
import Planning
import ProjectLoading
import ProjectModel
import SQLDialect
import Seeds

extension Workspace {
    /// A seed's CSV read and typed as dbt does, with `delimiter` and `column_types` from its config.
    func readSeed(_ node: ManifestNode, in parsed: Parsed, dialect: SQLDialect) throws -> SeedInput {
        let path = join(parsed.packageDirectories[node.packageName] ?? projectDirectory, node.originalFilePath)
        let bytes = try fileSystem.readFile(path)
        let text = String(decoding: bytes, as: UTF8.self)
        let file = SourceFile(name: node.originalFilePath, text: text)
        let delimiter = node.config["delimiter"]?.stringValue?.first ?? ","
        var columnTypes: [String: String] = [:]
        for (name, type) in node.config["column_types"]?.mapValue ?? ConfigMap() {
            if let type = type.stringValue { columnTypes[name] = type }
        }
        let table = try SeedTable.read(file, delimiter: delimiter, columnTypes: columnTypes)
        return SeedInput(
            columns: table.columns.map { (name: $0.name, type: SeedTable.sqlType(for: $0, dialect: dialect)) }, rows: table.rows)
    }
}
