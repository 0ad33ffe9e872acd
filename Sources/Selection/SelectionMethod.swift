import Diagnostics
import ProjectModel

/// The part of a criterion before the `:` (`tag:nightly`, `config.materialized:table`), named as
/// dbt names its selector methods.
enum SelectionMethod: Sendable, Hashable {
    case fqn
    case tag
    case group
    case access
    case source
    case path
    case file
    case package
    /// `config.<key>[.<key>...]`, descending into maps.
    case config(keyPath: [String])
    case testName
    case testType
    case resourceType
    case exposure
    /// `metric:`, `semantic_model:` and `saved_query:`, by name as `exposure:`.
    case semantic(ResourceType)
    case version
    /// A named YAML selector (`selector:nightly`).
    case selector
    /// `unit_test:`, by name as `exposure:`.
    case unitTest
    /// `state:new`, `state:modified.body`...: compared with an earlier manifest (`--state`).
    case state
    /// `result:error`...: the status an earlier `run_results.json` gave (`--state`).
    case result
    /// `source_status:fresher`: sources loaded since `--state`'s `sources.json` (by this `sources.json`).
    case sourceStatus

    /// Every method name dbt accepts, in dbt's order, for "expected one of" messages.
    static let names = [
        "fqn", "tag", "group", "access", "source", "path", "file", "package", "config", "test_name",
        "test_type",
        "resource_type", "state", "exposure", "metric", "result", "source_status", "version",
        "semantic_model",
        "saved_query", "unit_test", "selector",
    ]

    /// dbt's choice when a criterion has no `method:`: a path if the value has a `/`, a file name
    /// if it ends in `.sql`, `.py` or `.csv`, otherwise a qualified name.
    static func inferred(from value: String) -> SelectionMethod {
        if value.contains("/") { return .path }
        let lowered = value.lowercased()
        if lowered.hasSuffix(".sql") || lowered.hasSuffix(".py") || lowered.hasSuffix(".csv") { return .file }
        return .fqn
    }

    /// Parses `name` or `name.argument...`; `spec` and `origin` are for messages.
    static func parse(_ raw: String, spec: String, origin: String) throws(Diagnostic) -> SelectionMethod {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        let arguments = Array(parts.dropFirst())
        let method: SelectionMethod
        switch name {
        case "fqn": method = .fqn
        case "tag": method = .tag
        case "group": method = .group
        case "access": method = .access
        case "source": method = .source
        case "path": method = .path
        case "file": method = .file
        case "package": method = .package
        case "config":
            guard !arguments.isEmpty, !arguments.contains(where: \.isEmpty) else {
                throw .configNeedsKey(spec: spec, origin: origin)
            }
            return .config(keyPath: arguments)
        case "test_name": method = .testName
        case "test_type": method = .testType
        case "resource_type": method = .resourceType
        case "exposure": method = .exposure
        case "version": method = .version
        case "selector": method = .selector
        case "metric": method = .semantic(.metric)
        case "semantic_model": method = .semantic(.semanticModel)
        case "saved_query": method = .semantic(.savedQuery)
        case "unit_test": method = .unitTest
        case "state": method = .state
        case "result": method = .result
        case "source_status": method = .sourceStatus
        default: throw .unknownMethod(name, spec: spec, origin: origin)
        }
        // dbt ignores arguments on other methods; a `tag.x:` is more likely a typo than intended.
        guard arguments.isEmpty else { throw .unexpectedMethodArgument(name, spec: spec, origin: origin) }
        return method
    }
}
