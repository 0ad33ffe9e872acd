import SQLiteWarehouse
import Testing
import Warehouse

/// `execute`: statements, results and errors.
@Suite struct ExecuteTests {
    let sandbox: Sandbox
    let connection: any WarehouseConnection

    init() throws {
        sandbox = try Sandbox()
        connection = try sandbox.connect()
    }

    /// `md5()` is registered on every connection, giving the digest's bytes as the SQLite crypto
    /// extensions do: `lower(hex(md5(x)))` is PostgreSQL's `md5(x)` (dbt's `hash`, snapshots' ids).
    @Test func md5HashesTextAsPostgresDoes() throws {
        let result = try connection.execute(
            "select lower(hex(md5('abc'))), lower(hex(md5(''))), md5(null), lower(hex(md5(12))), lower(hex(md5('é|2024-01-01 09:00:00')))")
        #expect(
            result.rows == [[
                .text("900150983cd24fb0d6963f7d28e17f72"), .text("d41d8cd98f00b204e9800998ecf8427e"), .null,
                .text("c20ad4d76fe97759aa27a0c99bff6710"), .text("9f30c1b7818b6d076fb528b89366ccf0"),
            ]])
    }

    @Test func resultsCarryColumnsDeclaredTypesAndStorageClasses() throws {
        _ = try connection.execute(
            """
            create table things (id integer primary key, label text, price real, raw blob, loose);
            insert into things values (1, 'a', 1.5, x'00ff10', null);
            insert into things values (2, '', -2.0, null, 'x');
            """)
        let result = try connection.execute(
            "select id, label, price, raw, loose, id * 2 as twice from things order by id")
        #expect(
            result.columns == [
                ColumnDescription(name: "id", dataType: "INTEGER"),
                ColumnDescription(name: "label", dataType: "TEXT"),
                ColumnDescription(name: "price", dataType: "REAL"),
                ColumnDescription(name: "raw", dataType: "BLOB"),
                ColumnDescription(name: "loose", dataType: ""),
                ColumnDescription(name: "twice", dataType: ""),
            ])
        #expect(
            result.rows == [
                [.integer(1), .text("a"), .real(1.5), .text("00FF10"), .null, .integer(2)],
                [.integer(2), .text(""), .real(-2), .null, .text("x"), .integer(4)],
            ])
        #expect(result.status == "OK")
        #expect(result.rowsAffected == nil)
    }

    @Test func rowsAffectedComesFromDataChangesOnly() throws {
        #expect(try connection.execute("create table t (x integer)").rowsAffected == nil)
        #expect(try connection.execute("insert into t values (1), (2), (3)").rowsAffected == 3)
        #expect(try connection.execute("update t set x = x + 1 where x > 1").rowsAffected == 2)
        #expect(
            try connection.execute(
                "with doomed as (select 4 as x) delete from t where x in (select x from doomed)"
            )
            .rowsAffected == 1)
        // DDL after DML: `sqlite3_changes` still holds the delete's count, which is not this statement's.
        #expect(try connection.execute("delete from t; create table u (y integer)").rowsAffected == nil)
        #expect(
            try connection.execute("/* seed */ insert into u values (9) returning y").rows == [[.integer(9)]])
    }

    @Test func runsEveryStatementAndReturnsTheLast() throws {
        let result = try connection.execute(
            """
            -- a model's compiled SQL, with hooks around it
            create table a (x integer);
            insert into a values (1);
            insert into a values (2); ; 
            select count(*) as n from a;
            -- trailing comment
            /* and another */
            """)
        #expect(result.columns.map(\.name) == ["n"])
        #expect(result.rows == [[.integer(2)]])
        #expect(
            try connection.execute("select ';' as semi, 'a--b' as dashes").rows == [
                [.text(";"), .text("a--b")]
            ])
    }

    @Test(arguments: ["", "   \n\t", "-- only a comment", "/* block */ ;"])
    func textWithoutStatementsReturnsAnEmptyResult(text: String) throws {
        let result = try connection.execute(text)
        #expect(result.columns.isEmpty && result.rows.isEmpty)
        #expect(result.status == "OK")
    }

    /// The position counts characters of the whole text, so an error in the third statement after
    /// non-ASCII text still lands on the right line and column.
    @Test func errorsPointAtTheFailingTokenInTheWholeText() throws {
        let text = """
            create table t (x integer);
            -- naïve ✓ comment
            select 'héllo', nosuch from t;
            """
        let error = #expect(throws: WarehouseError.self) { try connection.execute(text) }
        #expect(error?.kind == .query)
        #expect(error?.sqlState == nil)
        #expect(error?.message == "no such column: nosuch")
        #expect(error?.statement == text)
        #expect(error?.lineAndColumn?.line == 3)
        #expect(error?.lineAndColumn?.column == 17)
        // The statements before the failing one ran.
        #expect(try connection.rows("select count(*) from t") == [[.integer(0)]])
    }

    @Test func syntaxErrorsPointAtTheTokenSQLiteComplainsAbout() throws {
        let text = "select 1;\n\nselect x\n  frm t"
        let error = #expect(throws: WarehouseError.self) { try connection.execute(text) }
        #expect(error?.message == "near \"t\": syntax error")
        #expect(error?.lineAndColumn?.line == 4)
        #expect(error?.lineAndColumn?.column == 7)
    }

    @Test func runtimeErrorsHaveTheMessageAndTheStatement() throws {
        _ = try connection.execute("create table t (x integer not null unique); insert into t values (1)")
        let error = #expect(throws: WarehouseError.self) {
            try connection.execute("insert into t values (1)")
        }
        #expect(error?.kind == .query)
        #expect(error?.message == "UNIQUE constraint failed: t.x")
        #expect(error?.statement == "insert into t values (1)")
        #expect(error?.description == "UNIQUE constraint failed: t.x")
    }

    @Test func aTableRenamedUnderAViewLeavesTheViewOnTheName() throws {
        // What the atomic swap of a table materialization does.
        _ = try connection.execute(
            """
            create table model as select 1 as v;
            create view downstream as select v from model;
            alter table model rename to model__weir_backup;
            create table model as select 2 as v;
            drop table model__weir_backup;
            """)
        #expect(try connection.rows("select v from downstream") == [[.integer(2)]])
        let definition = try connection.rows("select sql from sqlite_master where name = 'downstream'")
        #expect(definition == [[.text("CREATE VIEW downstream as select v from model")]])
    }

    @Test func transactionsSpanAttachedSchemas() throws {
        try connection.createSchema("analytics")
        _ = try connection.execute(
            """
            begin immediate;
            create table main.a (x integer);
            create table analytics.b (x integer);
            insert into analytics.b values (1);
            rollback;
            """)
        #expect(try connection.relations(inSchema: "main") == [])
        #expect(try connection.relations(inSchema: "analytics") == [])

        _ = try connection.execute("begin immediate")
        _ = try connection.execute("create table main.a (x integer)")
        _ = try connection.execute("create table analytics.b as select 1 as x")
        _ = try connection.execute("commit")
        let other = try sandbox.connect()
        defer { other.close() }
        #expect(try other.rows("select x from analytics.b") == [[.integer(1)]])
        #expect(try other.relations(inSchema: "main").map(\.name) == ["a"])
    }
}
