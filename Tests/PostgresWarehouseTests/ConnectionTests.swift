import Foundation
import PostgresWarehouse
import SQLDialect
import Testing
import Warehouse

@Suite("Connecting")
struct ConnectionTests {
    @Test("a closed port is a connection error")
    func refused() throws {
        var configuration = try TestServer.configuration()
        configuration.port = 1
        let error = try #require(throws: WarehouseError.self) {
            try PostgresWarehouse(configuration: configuration).connect()
        }
        #expect(error.kind == .connection)
        #expect(!error.message.isEmpty)
    }

    @Test("a wrong password is an authentication error that never shows the password")
    func wrongPassword() throws {
        var configuration = try TestServer.configuration()
        let password = "wrong-\(UUID().uuidString)"
        configuration.password = password
        let error = try #require(throws: WarehouseError.self) {
            try PostgresWarehouse(configuration: configuration).connect()
        }
        #expect(error.kind == .authentication)
        #expect(error.message.contains("password authentication failed"))
        #expect(!error.message.contains(password))
        #expect(!error.description.contains(password))
        #expect(!String(reflecting: error).contains(password))
    }

    @Test("a configuration's description leaves the password out")
    func configurationDescription() throws {
        let configuration = PostgresConfiguration(
            host: "db.example.com", port: 5433, user: "analyst", password: "hunter2-secret",
            dbname: "analytics")
        #expect(configuration.description == "postgres://analyst@db.example.com:5433/analytics")
        #expect(!String(reflecting: configuration).contains("hunter2"))
        #expect(!"\(configuration)".contains("hunter2"))
    }

    @Test("the profile's role, search_path and application name are applied to the session")
    func sessionSettings() throws {
        try Sandbox.run { sandbox in
            let role = "Weir Role \(sandbox.schema)"
            let quotedRole = SQLDialect.postgres.quote(role)
            _ = try sandbox.connection.execute(
                "create role \(quotedRole); grant \(quotedRole) to current_user")
            defer { _ = try? sandbox.connection.execute("drop role if exists \(quotedRole)") }

            var configuration = try TestServer.configuration()
            configuration.role = role
            configuration.searchPath = "\(sandbox.schema), public"
            configuration.applicationName = "weir-tests"
            let connection = try PostgresWarehouse(configuration: configuration).connect()
            defer { connection.close() }
            let row = try connection.rows(
                "select current_user, current_setting('search_path'), current_setting('application_name')")
            #expect(row == [[.text(role), .text("\(sandbox.schema), public"), .text("weir-tests")]])
        }
    }

    @Test("a role that cannot be assumed is a configuration error carrying the server's SQLSTATE")
    func badRole() throws {
        var configuration = try TestServer.configuration()
        configuration.role = "no_such_role_\(UUID().uuidString)"
        let error = try #require(throws: WarehouseError.self) {
            try PostgresWarehouse(configuration: configuration).connect()
        }
        #expect(error.kind == .configuration)
        #expect(error.sqlState == "22023")
    }

    @Test("redshift is the same driver with the redshift dialect")
    func redshiftDialect() throws {
        let warehouse = PostgresWarehouse(configuration: try TestServer.configuration(), dialect: .redshift)
        #expect(warehouse.dialect == .redshift)
        let connection = try warehouse.connect()
        defer { connection.close() }
        #expect(connection.dialect == .redshift)
        #expect(PostgresWarehouse(configuration: try TestServer.configuration()).dialect == .postgres)
    }
}
