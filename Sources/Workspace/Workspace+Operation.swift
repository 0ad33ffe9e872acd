import Artifacts
import Compiler
import Diagnostics
import Execution
import Foundation
import ProjectModel
import Warehouse

/// How `weir run-operation` ended: its one result (the macro's unique id, `success` or `error`).
public struct OperationOutcome: Sendable {
    public var result: NodeResult

    /// dbt's: 1 when the macro failed.
    public var exitStatus: Int32 { result.status == .success ? 0 : 1 }
}

extension Workspace {
    /// `weir run-operation`: calls a macro (`name`, `package.name`) with keyword arguments, as
    /// dbt's `RunOperationTask` does. Its statements run one by one, each committed as it
    /// completes (as dbt-postgres leaves them: what ran before a failure stays); the connection
    /// is opened at the first one. Writes `run_results.json` (one result, the macro's) and the
    /// manifest. A name no macro has stops the invocation (a thrown diagnostic, exit status 2).
    public func runOperation(_ name: String, arguments: ConfigMap, in parsed: Parsed) throws -> OperationOutcome {
        let compiler = parsed.compiler
        guard let macro = compiler.operationMacro(name) else { throw compiler.unknownOperation(name) }
        var result = NodeResult(uniqueID: macro.uniqueID, status: .success, threadID: "MainThread")
        // dbt times the parse as `compile`.
        let startedAt = compiler.options.runStartedAt
        result.compileStarted = startedAt
        result.compileCompleted = Date()
        result.executeStarted = result.compileCompleted
        let runner = OnDemandQueryRunner { [self] in try connect(parsed) }
        defer { runner.close() }
        compiler.queryRunner = runner
        defer { compiler.queryRunner = nil }
        do {
            try compiler.runOperation(macro, arguments: arguments)
            result.failures = 0
        } catch {
            result.status = .error
            result.failures = 1
            result.error = error
        }
        let completedAt = Date()
        result.executeCompleted = completedAt
        result.compiled = false

        var args = JSONObject()
        args["which"] = .string("run-operation")
        args["macro"] = .string(name)
        args["args"] = .object(arguments.json)
        args["target"] = .string(parsed.target.name)
        args["project_dir"] = .string(projectDirectory)
        args["vars"] = .object(configuration.cliVars.json)
        try writeRunResults([result], elapsed: completedAt.timeIntervalSince(startedAt), args: args, parsed: parsed)
        try writeManifest(parsed)
        return OperationOutcome(result: result)
    }
}

/// The warehouse for an operation's macro, connected when it first asks for it (dbt opens the
/// operation's connection at its first statement: a macro that only logs needs no warehouse).
final class OnDemandQueryRunner: QueryRunner, @unchecked Sendable {
    private let connect: () throws -> any WarehouseConnection
    private var runner: ConnectionQueryRunner?

    init(connect: @escaping () throws -> any WarehouseConnection) { self.connect = connect }

    private func connected() throws -> ConnectionQueryRunner {
        if let runner { return runner }
        let opened = ConnectionQueryRunner(try connect())
        runner = opened
        return opened
    }

    func close() { runner?.connection.close() }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable { try connected().run(sql, fetch: fetch) }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        try connected().relationExists(database: database, schema: schema, identifier: identifier)
    }

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        try connected().columns(database: database, schema: schema, identifier: identifier)
    }

    func createSchema(_ schema: String) throws { try connected().createSchema(schema) }

    func dropSchema(_ schema: String) throws { try connected().dropSchema(schema) }
}
