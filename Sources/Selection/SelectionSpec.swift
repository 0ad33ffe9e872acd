import Diagnostics

/// A parsed selection: criteria combined by set operations, as dbt's `SelectionSpec` tree.
indirect enum SelectionSpec: Sendable, Hashable {
    case criterion(SelectionCriterion)
    case group(SelectionGroup)
}

/// Components combined by one set operation.
struct SelectionGroup: Sendable, Hashable {
    enum Operation: Sendable, Hashable {
        case union, intersection
        /// The first component minus the others.
        case difference
    }

    var operation: Operation
    var components: [SelectionSpec]
    /// How tests left out by the components' own modes are reconsidered once the components are
    /// combined; nil: the request's mode. dbt gives command-line groups the request's mode and
    /// YAML groups `eager`, which reconsiders nothing.
    var indirectSelection: IndirectSelection?
    /// The argument as written when an empty result should be reported (command-line arguments).
    var reportIfEmpty: String?

    init(
        _ operation: Operation, _ components: [SelectionSpec], indirectSelection: IndirectSelection? = .eager,
        reportIfEmpty: String? = nil
    ) {
        self.operation = operation
        self.components = components
        self.indirectSelection = indirectSelection
        self.reportIfEmpty = reportIfEmpty
    }
}

extension SelectionSpec {
    /// What dbt selects when `--select` is not given: every node, source and exposure (tests come
    /// along through their qualified names).
    static let defaultIncludes = ["fqn:*", "source:*", "exposure:*", "metric:*", "semantic_model:*"]

    /// `--select` minus `--exclude`. Each argument is split at spaces into a union, and each part
    /// at commas into an intersection, as dbt's command line does.
    static func commandLine(select: [String], exclude: [String]) throws(Diagnostic) -> SelectionSpec {
        let included =
            select.isEmpty
            ? try union(of: defaultIncludes, origin: "--select", reportingEmpty: false)
            : try union(of: select, origin: "--select", reportingEmpty: true)
        let excluded = try union(of: exclude, origin: "--exclude", reportingEmpty: true)
        return .group(SelectionGroup(.difference, [included, excluded]))
    }

    private static func union(of arguments: [String], origin: String, reportingEmpty: Bool) throws(Diagnostic)
        -> SelectionSpec
    {
        var components: [SelectionSpec] = []
        // dbt splits at single spaces only; the empty pieces of doubled spaces can match nothing,
        // so they are skipped rather than reported.
        for argument in arguments {
            for raw in argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                var criteria: [SelectionSpec] = []
                for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
                    criteria.append(.criterion(try SelectionCriterion(parsing: String(part), origin: origin)))
                }
                components.append(
                    .group(
                        SelectionGroup(
                            .intersection, criteria, indirectSelection: nil,
                            reportIfEmpty: reportingEmpty ? raw : nil)))
            }
        }
        return .group(SelectionGroup(.union, components, indirectSelection: nil))
    }
}
