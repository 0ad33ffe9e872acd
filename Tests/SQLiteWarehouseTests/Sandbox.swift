import Foundation
import SQLiteWarehouse
import Warehouse

/// A temporary directory holding one project's database files, removed when the test ends.
final class Sandbox {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weir-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// `main` at `main.db` and new schemas under `schemas/`: the usual dbt-sqlite profile.
    func warehouse(_ extra: [String: String] = [:], schemaDirectory: String? = "schemas") -> SQLiteWarehouse {
        var schemasAndPaths = ["main": path("main.db")]
        for (schema, file) in extra { schemasAndPaths[schema] = path(file) }
        return SQLiteWarehouse(
            configuration: SQLiteConfiguration(
                schemasAndPaths: schemasAndPaths, schemaDirectory: schemaDirectory.map(path), busyTimeout: 30)
        )
    }

    func connect() throws -> any WarehouseConnection { try warehouse().connect() }
}

extension WarehouseConnection {
    /// The rows of a query, for assertions.
    func rows(_ sql: String) throws -> [[WarehouseValue]] { try execute(sql).rows }
}

/// Runs `body` on its own thread (SQLite connections are used one thread at a time) and hands
/// back its result when `wait()` is called.
final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    init(_ body: @escaping () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.start()
    }

    /// Whether the body has finished, without waiting.
    var isFinished: Bool {
        guard done.wait(timeout: .now()) == .success else { return false }
        done.signal()
        return true
    }

    func wait() throws -> Value {
        done.wait()
        done.signal()
        guard let result else { throw CancellationError() }
        return try result.get()
    }
}
