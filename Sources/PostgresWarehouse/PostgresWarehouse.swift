import SQLDialect
import Warehouse

/// A PostgreSQL target: opens libpq connections with one configuration. Redshift speaks the
/// same protocol, so a redshift target is this warehouse with the `.redshift` dialect.
public struct PostgresWarehouse: Warehouse {
    public let configuration: PostgresConfiguration
    public let dialect: SQLDialect

    public init(configuration: PostgresConfiguration, dialect: SQLDialect = .postgres) {
        self.configuration = configuration
        self.dialect = dialect
    }

    public func connect() throws -> any WarehouseConnection {
        try PostgresConnection(configuration: configuration, dialect: dialect)
    }
}
