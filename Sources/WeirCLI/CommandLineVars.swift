import Diagnostics
import ProjectLoading
import ProjectModel

/// `--vars '{key: value}'` (and `run-operation --args`): YAML (JSON is YAML too), which must be a
/// mapping.
enum CommandLineVars {
    static func parse(_ text: String, option: String = "--vars") throws -> ConfigMap {
        let file = SourceFile(name: option, text: text)
        let yaml = try YAMLReader.parse(file)
        guard case .map(let map) = yaml.value else {
            if case .scalar(.null) = yaml.kind { return ConfigMap() }
            throw Diagnostic(
                code: "W0001", message: "\(option) must be a mapping of names to values", file: file, span: yaml.span,
                help: "write \(option) '{name: value}'")
        }
        return map
    }
}
