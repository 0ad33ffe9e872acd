import Diagnostics
import Execution
import Foundation
import PostgresWarehouse
import ProjectModel
import SQLDialect
import Testing
import Warehouse
@testable import Workspace

/// The same runs on a real PostgreSQL server, which `Scripts/test.sh` starts (through
/// `Scripts/with_postgres.sh`). Without one these tests fail; they never skip.
@Suite struct PostgresRunTests {
    struct Server {
        var host: String
        var port: Int
        var user: String
        var password: String
        var database: String
    }

    static func server() throws -> Server {
        let environment = ProcessInfo.processInfo.environment
        let names = ["WEIR_TEST_PGHOST", "WEIR_TEST_PGPORT", "WEIR_TEST_PGUSER", "WEIR_TEST_PGPASSWORD", "WEIR_TEST_PGDATABASE"]
        let missing = names.filter { environment[$0] == nil }
        guard missing.isEmpty, let port = Int(environment["WEIR_TEST_PGPORT"] ?? "") else {
            Issue.record("PostgreSQL tests need a server: run them through Scripts/test.sh, which starts one (missing \(missing.joined(separator: ", ")))")
            throw CancellationError()
        }
        return Server(
            host: environment["WEIR_TEST_PGHOST"] ?? "", port: port, user: environment["WEIR_TEST_PGUSER"] ?? "",
            password: environment["WEIR_TEST_PGPASSWORD"] ?? "", database: environment["WEIR_TEST_PGDATABASE"] ?? "")
    }

    static func connect(_ server: Server, database: String? = nil) throws -> any WarehouseConnection {
        try PostgresWarehouse(
            configuration: PostgresConfiguration(
                host: server.host, port: server.port, user: server.user, password: server.password,
                dbname: database ?? server.database)
        ).connect()
    }

    /// A fresh database for one test, so tests can run side by side.
    static func project(_ name: String) throws -> (RunProject, Server, database: String) {
        let server = try server()
        let database = "weir_run_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try connect(server)
        defer { admin.close() }
        _ = try admin.execute("create database \(database)")
        var project = try RunProject(name)
        project.targetName = "postgres"
        project.environment["PGHOST"] = server.host
        project.environment["PGPORT"] = String(server.port)
        project.environment["PGUSER"] = server.user
        project.environment["PGPASSWORD"] = server.password
        project.environment["PGDATABASE"] = database
        return (project, server, database)
    }

    @Test func theExampleProjectBuildsGreenTwice() throws {
        let (project, _, _) = try Self.project("example")
        for _ in 0..<2 {
            let (outcome, _) = try project.run()
            #expect(outcome.exitStatus == 0)
            #expect(outcome.results.allSatisfy { $0.status == .success || $0.status == .pass }, "\(outcome.results.filter { $0.status != .success && $0.status != .pass }.map { "\($0.uniqueID): \($0.message ?? "")" })")
        }
    }

    /// A model whose name is longer than PostgreSQL's 63 bytes builds, and builds again: its
    /// temporary and backup relations are cut to fit beside it (as dbt cuts them), and the
    /// relation the server keeps under the cut name is found the second time.
    @Test func aModelNamedBeyondTheIdentifierLimitBuildsTwice() throws {
        let (project, server, database) = try Self.project("shop")
        let name = "a_model_whose_name_runs_on_well_past_the_sixty_three_bytes_postgres_keeps"
        try "select 1 as id\n".write(toFile: project.directory + "/models/\(name).sql", atomically: true, encoding: .utf8)
        try "{{ config(materialized='view') }}\nselect * from {{ ref('\(name)') }}\n"
            .write(toFile: project.directory + "/models/reads_it.sql", atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let (outcome, _) = try project.run(.run, select: ["+reads_it"], fullRefresh: false)
            #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        }
        let connection = try Self.connect(server, database: database)
        #expect(try rows(connection, "select id from shop.reads_it") == [["1"]])
        #expect(try rows(connection, "select count(*) from pg_tables where tablename like '%weir%'") == [["0"]])
    }

    /// `run_query` gives dates and timestamps as Python's `date` and `datetime`, as psycopg2
    /// gives them to dbt: they print as Python prints them and have their fields.
    @Test func datesAndTimestampsOfAQueryAreDatetimes() throws {
        let (project, server, database) = try Self.project("shop")
        try """
            {%- if execute -%}
            {%- set row = run_query("select timestamptz '2024-03-01 10:20:30.5+00' as t, date '2024-03-01' as d, timestamp '2024-03-01 10:20:30' as n, 'x' as s").rows[0] -%}
            select '{{ row['t'] }} {{ row['t'].year }} {{ row['d'] }} {{ row['d'] is string }} {{ row['n'] }} {{ row['s'] }}' as described
            {%- else -%}
            select 1 as parsing
            {%- endif %}
            """.write(toFile: project.directory + "/models/described.sql", atomically: true, encoding: .utf8)
        let (outcome, _) = try project.run(.run, select: ["described"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        let connection = try Self.connect(server, database: database)
        #expect(
            try rows(connection, "select described from shop.described")
                == [["2024-03-01 10:20:30.500000+00:00 2024 2024-03-01 False 2024-03-01 10:20:30 x"]])
    }

    /// `adapter.get_columns_in_relation` describes columns as dbt-postgres does: the base type
    /// with its size or precision apart, `text` and unsized `varchar` kept as they are.
    @Test func columnsOfARelationReadAsDbtPostgresDescribesThem() throws {
        let (project, server, database) = try Self.project("shop")
        let connection = try Self.connect(server, database: database)
        _ = try connection.execute("create schema if not exists shop")
        _ = try connection.execute(
            "create table shop.typed (t text, v varchar(10), u varchar, n numeric(10,2), i integer, ts timestamp, a int[])")
        try """
            {%- if execute -%}
            {%- set described = [] -%}
            {%- for column in adapter.get_columns_in_relation(api.Relation.create(schema='shop', identifier='typed')) -%}
            {%- do described.append(column.name ~ ':' ~ column.dtype ~ ':' ~ column.data_type ~ ':' ~ column.char_size
                ~ ':' ~ column.numeric_precision ~ ':' ~ column.numeric_scale ~ ':' ~ column.is_string() ~ ':' ~ column.is_number()) -%}
            {%- endfor -%}
            select '{{ described | join(' ') }}' as described
            {%- else -%}
            select 1 as parsing
            {%- endif %}
            """.write(toFile: project.directory + "/models/described.sql", atomically: true, encoding: .utf8)
        let (outcome, _) = try project.run(.run, select: ["described"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        #expect(
            try rows(connection, "select described from shop.described") == [[
                "t:text:text:None:None:None:True:False v:character varying:character varying(10):10:None:None:True:False"
                    + " u:character varying:character varying:None:None:None:True:False"
                    + " n:numeric:numeric(10,2):None:10:2:False:True i:integer:integer:None:32:0:False:True"
                    + " ts:timestamp without time zone:timestamp without time zone:None:None:None:False:False"
                    + " a:ARRAY:ARRAY:None:None:None:False:False",
            ]])
    }

    /// `persist_docs` comments on the documented columns the relation has, as dbt-postgres'
    /// `alter_column_comment` does: a documented column the model does not select is skipped
    /// (it had failed the build), and a name is quoted only when its column says `quote: true`.
    @Test func persistedColumnDocsSkipColumnsTheRelationLacks() throws {
        let (project, server, database) = try Self.project("shop")
        try "{{ config(materialized='table', persist_docs={'relation': true, 'columns': true}) }}\nselect 1 as id, 2 as \"Mixed\"\n"
            .write(toFile: project.directory + "/models/documented.sql", atomically: true, encoding: .utf8)
        try """
            version: 2
            models:
              - name: documented
                description: The documented table
                columns:
                  - {name: id, description: The key}
                  - {name: Mixed, description: Quoted, quote: true}
                  - {name: tag, description: Not selected by the model}
            """.write(toFile: project.directory + "/models/documented.yml", atomically: true, encoding: .utf8)
        let (outcome, _) = try project.run(.run, select: ["documented"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        let connection = try Self.connect(server, database: database)
        #expect(
            try rows(
                connection,
                "select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute a where a.attrelid = 'shop.documented'::regclass and a.attnum > 0 order by a.attnum"
            ) == [["id", "The key"], ["Mixed", "Quoted"]])
    }

    @Test func aFailingModelKeepsItsOldRelationOnPostgres() throws {
        let (project, server, database) = try Self.project("shop")
        try project.run()
        let (outcome, byID) = try project.run(vars: ConfigMap([("break", .bool(true))]))
        #expect(outcome.exitStatus == 1)
        #expect(byID["model.shop.fragile"]?.status == .error)
        #expect(byID["model.shop.after_fragile"]?.status == .skipped)
        let error = byID["model.shop.fragile"]?.error as? WarehouseError
        #expect(error?.sqlState == "42P01")
        #expect(error?.lineAndColumn != nil, "the server's position maps to a line of the statement")
        let connection = try Self.connect(server, database: database)
        #expect(try rows(connection, "select count(*) from shop.fragile") == [["6"]])
        #expect(try connection.relations(inSchema: "shop").filter { $0.name.contains("__weir") }.isEmpty)
    }

    @Test(arguments: ["delete+insert", "merge", "append"])
    func incrementalStrategiesOnPostgres(strategy: String) throws {
        let (project, server, database) = try Self.project("shop")
        let vars: (Int) -> ConfigMap = { ConfigMap([("max_order_id", .int($0)), ("strategy", .string(strategy))]) }
        try project.run(.build, vars: vars(3))
        let (outcome, _) = try project.run(.run, select: ["stg_orders", "orders_incremental"], vars: vars(6))
        #expect(outcome.exitStatus == 0)
        let connection = try Self.connect(server, database: database)
        let count = try rows(connection, "select count(*) from shop.orders_incremental")
        #expect(count == [[strategy == "append" ? "8" : "6"]])
    }

    @Test func thePlanRunWithPsqlLeavesTheWarehouseAsBuildDoes() throws {
        let (built, server, builtDatabase) = try Self.project("shop")
        try built.run()
        let (planned, _, plannedDatabase) = try Self.project("shop")
        _ = try planned.plan()
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = server.host
        environment["PGPORT"] = String(server.port)
        environment["PGUSER"] = server.user
        environment["PGPASSWORD"] = server.password
        environment["PGDATABASE"] = plannedDatabase
        let (status, log) = try runProgram(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", planned.directory + "/target/plan.sql"], environment: environment)
        #expect(status == 0, "\(log)")
        let expected = try Self.connect(server, database: builtDatabase)
        let actual = try Self.connect(server, database: plannedDatabase)
        let relations = { (connection: any WarehouseConnection) in
            try connection.relations(inSchema: "shop").map { "\($0.name) \($0.kind)" }.sorted()
        }
        #expect(try relations(actual) == relations(expected))
        for table in ["customers", "orders_incremental", "raw_customers", "stg_orders"] {
            let query = "select * from shop.\(table) order by 1"
            #expect(try rows(actual, query) == rows(expected, query))
        }
    }

    @Test func aSecondRunOnTheSameTargetIsRefused() throws {
        let (project, server, database) = try Self.project("shop")
        let holder = try Self.connect(server, database: database)
        defer { holder.close() }
        _ = try holder.execute("select pg_advisory_lock(\(RunLock.fnv1a("weir:\(database):shop")))")
        #expect {
            try project.run()
        } throws: { error in
            (error as? Diagnostic)?.code == "W1401"
        }
    }

    @Test func aWrongPasswordIsReportedWithoutThePassword() throws {
        var (project, _, _) = try Self.project("shop")
        let secret = "not-the-password-\(UUID().uuidString)"
        project.environment["PGPASSWORD"] = secret
        #expect {
            try project.run()
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == "W1403" && !diagnostic.description.contains(secret)
                && diagnostic.help?.contains("password") == true
        }
    }

    /// The run commands start connecting while the project is parsed; a parse error must not
    /// then wait for a server that never answers (libpq has no timeout unless one is set).
    @Test(.timeLimit(.minutes(1))) func aParseErrorDoesNotWaitForTheConnectionsOpenedAhead() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        try #require(bound)
        // Accepted by the kernel, never answered: the connection attempts wait forever.
        var project = try RunProject("shop")
        project.targetName = "postgres"
        project.environment["PGHOST"] = "127.0.0.1"
        project.environment["PGPORT"] = String(UInt16(bigEndian: address.sin_port))
        project.environment["PGUSER"] = "nobody"
        project.environment["PGPASSWORD"] = "unused"
        project.environment["PGDATABASE"] = "unused"
        try "select {{ 1 +  }}".write(toFile: project.directory + "/models/broken.sql", atomically: true, encoding: .utf8)
        #expect {
            try project.run()
        } throws: { error in
            (error as? Diagnostic)?.file?.name.hasSuffix("broken.sql") == true
        }
    }

    @Test func aRefusedConnectionStopsTheInvocation() throws {
        var (project, _, _) = try Self.project("shop")
        project.environment["PGPORT"] = "1"
        #expect {
            try project.run()
        } throws: { error in
            (error as? Diagnostic)?.code == "W1403"
        }
    }
}
