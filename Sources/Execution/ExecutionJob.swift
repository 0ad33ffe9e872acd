import Planning
import Warehouse

/// One node to run: its parents within the run, and how to turn it into a plan once its parents
/// are done (compiling then, as dbt does, so introspective queries see upstream results).
public struct ExecutionJob: Sendable {
    public var uniqueID: String
    public var parents: [String]
    public var prepare: @Sendable (_ connection: any WarehouseConnection) throws -> PreparedNode

    public init(
        uniqueID: String, parents: [String],
        prepare: @escaping @Sendable (_ connection: any WarehouseConnection) throws -> PreparedNode
    ) {
        self.uniqueID = uniqueID
        self.parents = parents
        self.prepare = prepare
    }
}

/// A node ready to execute: its plan, compiled SQL and relation name for the results.
public struct PreparedNode: Sendable {
    public var plan: NodePlan
    public var compiledCode: String?
    public var relationName: String?
    /// Tests only: dbt's severity (`error` or `warn`) and the conditions, for the verdict's message.
    public var severity = "error"
    public var warnIf = "!= 0"
    public var errorIf = "!= 0"
    /// Tests only: a result that would warn fails instead (`--warn-error`, or dbt's
    /// `LogTestResult` named by `--warn-error-options`).
    public var warningFails = false
    /// dbt's event for a test's result, by which `--warn-error-options` names it.
    public static let testWarningEvent = "LogTestResult"
    /// run_results.json's message for a node whose plan records no response (dbt's clone of a
    /// relation that is already there: `No-op`).
    public var message: String?

    public init(plan: NodePlan, compiledCode: String?, relationName: String?) {
        self.plan = plan
        self.compiledCode = compiledCode
        self.relationName = relationName
    }

    var isTest: Bool {
        plan.steps.contains {
            switch $0 {
            case .test, .unitTest: return true
            default: return false
            }
        }
    }
}
