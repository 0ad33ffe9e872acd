import SQLDialect
import Warehouse

/// A dbt-sqlite target: every `connect()` opens a new libsqlite3 connection to the configured
/// database files, so each thread of a run gets its own connection.
public struct SQLiteWarehouse: Warehouse {
    public let configuration: SQLiteConfiguration

    public init(configuration: SQLiteConfiguration) {
        self.configuration = configuration
    }

    public var dialect: SQLDialect { .sqlite }

    public func connect() throws -> any WarehouseConnection {
        try SQLiteConnection(configuration: configuration)
    }
}
