import Foundation
import Testing
import Warehouse

@Suite("Errors from statements")
struct ErrorTests {
    @Test("a missing table reports SQLSTATE 42P01, the server's message and where it points")
    func undefinedTable() throws {
        try Sandbox.run { sandbox in
            let sql = "select 'é' as accent,\n       1 as one\nfrom no_such_table"
            let error = try #require(throws: WarehouseError.self) { try sandbox.connection.execute(sql) }
            #expect(error.kind == .query)
            #expect(error.sqlState == "42P01")
            #expect(error.message == #"relation "no_such_table" does not exist"#)
            #expect(error.statement == sql)
            // PostgreSQL counts characters, not bytes: `é` is one.
            #expect(error.position == 44)
            let location = try #require(error.lineAndColumn)
            #expect(location.line == 3 && location.column == 6)
            #expect(error.description == #"42P01: relation "no_such_table" does not exist"#)
        }
    }

    @Test("detail and hint come through")
    func detailAndHint() throws {
        try Sandbox.run { sandbox in
            let table = sandbox.qualified("t")
            _ = try sandbox.connection.execute("create table \(table) (id integer primary key)")
            _ = try sandbox.connection.execute("insert into \(table) values (1)")
            let duplicate = try #require(throws: WarehouseError.self) {
                try sandbox.connection.execute("insert into \(table) values (1)")
            }
            #expect(duplicate.sqlState == "23505")
            #expect(duplicate.detail == "Key (id)=(1) already exists.")

            let hinted = try #require(throws: WarehouseError.self) {
                try sandbox.connection.execute("select no_such_function(1)")
            }
            #expect(hinted.sqlState == "42883")
            #expect(hinted.hint?.contains("explicit type casts") == true)
            #expect(hinted.description.contains("\nHINT: "))
        }
    }

    @Test("after a failed statement the connection keeps working")
    func recovers() throws {
        try Sandbox.run { sandbox in
            #expect(throws: WarehouseError.self) { try sandbox.connection.execute("select 1/0") }
            let rows = try sandbox.connection.rows("select 1")
            #expect(rows == [[.integer(1)]])
        }
    }

    @Test("COPY through execute is refused, and the connection stays usable")
    func copyThroughExecute() throws {
        try Sandbox.run { sandbox in
            let table = sandbox.qualified("t")
            _ = try sandbox.connection.execute("create table \(table) (id integer)")
            for sql in ["copy \(table) from stdin", "copy \(table) to stdout"] {
                let error = try #require(throws: WarehouseError.self) { try sandbox.connection.execute(sql) }
                #expect(error.kind == .query)
                #expect(error.statement == sql)
                #expect(try sandbox.connection.rows("select 2") == [[.integer(2)]])
            }
        }
    }

    @Test("a connection the server terminated reports a connection error")
    func terminatedConnection() throws {
        try Sandbox.run { sandbox in
            let pid = try #require(sandbox.connection.rows("select pg_backend_pid()").first?.first?.text)
            let other = try TestServer.connect()
            defer { other.close() }
            _ = try other.execute("select pg_terminate_backend(\(pid))")
            let error = try #require(throws: WarehouseError.self) {
                try sandbox.connection.execute("select 1")
            }
            #expect(error.kind == .connection)
            let again = try #require(throws: WarehouseError.self) {
                try sandbox.connection.execute("select 1")
            }
            #expect(again.kind == .connection)
        }
    }

    @Test("a closed connection refuses further use; closing twice is harmless")
    func closed() throws {
        let connection = try TestServer.connect()
        connection.close()
        connection.close()
        let error = try #require(throws: WarehouseError.self) { try connection.execute("select 1") }
        #expect(error.kind == .connection)
        #expect(throws: WarehouseError.self) { try connection.schemas() }
        connection.cancel()
    }
}
