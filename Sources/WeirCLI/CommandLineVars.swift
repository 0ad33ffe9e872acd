import Diagnostics
import ProjectLoading
import ProjectModel

/// `--vars '{key: value}'`: YAML (JSON is YAML too), which must be a mapping.
enum CommandLineVars {
    static func parse(_ text: String) throws -> ConfigMap {
        let file = SourceFile(name: "--vars", text: text)
        let yaml = try YAMLReader.parse(file)
        guard case .map(let map) = yaml.value else {
            if case .scalar(.null) = yaml.kind { return ConfigMap() }
            throw Diagnostic(
                code: "W0001", message: "--vars must be a mapping of names to values", file: file, span: yaml.span,
                help: "write --vars '{name: value}'")
        }
        return map
    }
}
