import Diagnostics

/// Selection's diagnostics, W05xx. `origin` names where the criterion was written
/// (`--select`, `--exclude`, `selector 'nightly'`) and `spec` is the criterion as written.
extension Diagnostic {
    /// W0501: the part before `:` is not one of dbt's methods.
    static func unknownMethod(_ name: String, spec: String, origin: String) -> Diagnostic {
        Diagnostic(
            code: "W0501", message: "\(origin) '\(spec)': '\(name)' is not a selection method",
            help: "use one of: " + SelectionMethod.names.joined(separator: ", "))
    }

    /// W0502: a criterion that does not parse (operators, depths, method arguments).
    static func malformedCriterion(_ spec: String, origin: String, problem: String, help: String? = nil)
        -> Diagnostic
    {
        Diagnostic(code: "W0502", message: "\(origin) '\(spec)': \(problem)", help: help)
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

    /// W0503: the value after `:` is not one the method understands.
    static func invalidValue(_ spec: String, origin: String, problem: String, allowed: String) -> Diagnostic {
        Diagnostic(code: "W0503", message: "\(origin) '\(spec)': \(problem)", help: allowed)
    }

    /// W0504: `--selector name` or `selector:name` names no selector of selectors.yml.
    static func unknownSelector(_ name: String, known: [String], origin: String) -> Diagnostic {
        Diagnostic(
            code: "W0504", message: "\(origin): no selector named '\(name)' in selectors.yml",
            help: known.isEmpty
                ? "selectors.yml defines no selectors" : "defined selectors: " + known.joined(separator: ", ")
        )
    }

    /// W0505: selectors.yml does not have the shape dbt expects.
    static func malformedSelectors(_ problem: String, selector: String? = nil) -> Diagnostic {
        Diagnostic(
            code: "W0505",
            message: "selectors.yml" + (selector.map { ", selector '\($0)'" } ?? "") + ": " + problem,
            help: "see https://docs.getdbt.com/reference/node-selection/yaml-selectors")
    }

    /// W0506: selectors that refer to each other in a loop.
    static func selectorCycle(_ path: [String]) -> Diagnostic {
        Diagnostic(
            code: "W0506",
            message: "selectors refer to each other in a loop: " + path.joined(separator: " → "),
            help: "remove one of the 'selector:' references")
    }

    /// W0507: a method Weir recognises but cannot answer without a previous run's artifacts.
    static func unsupportedMethod(_ name: String, spec: String, origin: String) -> Diagnostic {
        Diagnostic(
            code: "W0507",
            message: "\(origin) '\(spec)': the '\(name)' method compares with a previous run's artifacts, "
                + "which Weir does not support yet")
    }
}
