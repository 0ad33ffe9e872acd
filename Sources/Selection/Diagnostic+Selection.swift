import Diagnostics

/// Selection's diagnostics, W11xx. `origin` names where the criterion was written
/// (`--select`, `--exclude`, `selector 'nightly'`) and `spec` is the criterion as written.
extension Diagnostic {
    /// W1101: the part before `:` is not one of dbt's methods.
    static func unknownMethod(_ name: String, spec: String, origin: String) -> Diagnostic {
        Diagnostic(
            code: "W1101", message: "\(origin) '\(spec)': '\(name)' is not a selection method",
            help: "use one of: " + SelectionMethod.names.joined(separator: ", "))
    }

    /// W1102: a criterion that does not parse (operators, depths, method arguments).
    static func malformedCriterion(_ spec: String, origin: String, problem: String, help: String? = nil)
        -> Diagnostic
    {
        Diagnostic(code: "W1102", message: "\(origin) '\(spec)': \(problem)", help: help)
    }

    static func incompatibleOperators(spec: String, origin: String) -> Diagnostic {
        .malformedCriterion(
            spec, origin: origin, problem: "the '@' prefix and the '+' suffix cannot be combined",
            help: "'@model' already selects model's descendants (and their ancestors); drop the '+' suffix")
    }

    static func badDepth(_ depth: String, spec: String, origin: String) -> Diagnostic {
        .malformedCriterion(
            spec, origin: origin, problem: "'\(depth)' is not a valid graph depth",
            help: "a depth is a whole number of edges, such as '2+model' or 'model+3'")
    }

    static func configNeedsKey(spec: String, origin: String) -> Diagnostic {
        .malformedCriterion(
            spec, origin: origin, problem: "the config method needs a key",
            help: "name the config key after a dot: 'config.materialized:table', 'config.meta.owner:finance'")
    }

    static func unexpectedMethodArgument(_ method: String, spec: String, origin: String) -> Diagnostic {
        .malformedCriterion(
            spec, origin: origin, problem: "only the config method takes a dotted key, not '\(method)'")
    }

    /// W1103: the value after `:` is not one the method understands.
    static func invalidValue(_ spec: String, origin: String, problem: String, allowed: String) -> Diagnostic {
        Diagnostic(code: "W1103", message: "\(origin) '\(spec)': \(problem)", help: allowed)
    }

    /// W1104: `--selector name` or `selector:name` names no selector of selectors.yml.
    static func unknownSelector(_ name: String, known: [String], origin: String) -> Diagnostic {
        Diagnostic(
            code: "W1104", message: "\(origin): no selector named '\(name)' in selectors.yml",
            help: known.isEmpty
                ? "selectors.yml defines no selectors" : "defined selectors: " + known.joined(separator: ", ")
        )
    }

    /// W1105: selectors.yml does not have the shape dbt expects.
    static func malformedSelectors(_ problem: String, selector: String? = nil) -> Diagnostic {
        Diagnostic(
            code: "W1105",
            message: "selectors.yml" + (selector.map { ", selector '\($0)'" } ?? "") + ": " + problem,
            help: "see https://docs.getdbt.com/reference/node-selection/yaml-selectors")
    }

    /// W1106: selectors that refer to each other in a loop.
    static func selectorCycle(_ path: [String]) -> Diagnostic {
        Diagnostic(
            code: "W1106",
            message: "selectors refer to each other in a loop: " + path.joined(separator: " → "),
            help: "remove one of the 'selector:' references")
    }

    /// W1108: `state:` or `result:` without `--state`.
    static func noPreviousState(spec: String, origin: String) -> Diagnostic {
        Diagnostic(
            code: "W1108", message: "\(origin) '\(spec)' compares with an earlier invocation, but no --state was given",
            help: "pass --state <dir> (or set DBT_STATE): the target directory of an earlier dbt or weir invocation")
    }

    /// W1109: `result:` with a `--state` directory that has no run_results.json.
    static func noPreviousResults(spec: String, origin: String) -> Diagnostic {
        Diagnostic(
            code: "W1109", message: "\(origin) '\(spec)': the --state directory has no run_results.json",
            help: "point --state at the target directory of an earlier run, build or test")
    }
}
