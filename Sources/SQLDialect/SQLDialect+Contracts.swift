import Foundation

/// What each warehouse does with model contracts: which constraints it enforces, how dbt names
/// a column's type when it compares a model's columns with its contract, and the statements
/// of a contracted table (dbt-postgres' `create table (...)` then `insert into ... select`).
extension SQLDialect {
    /// dbt's `ConstraintSupport`: whether a constraint type goes into the DDL and is checked there.
    public enum ConstraintSupport: Sendable {
        /// In the DDL and checked by the warehouse.
        case enforced
        /// In the DDL, but the warehouse does not check it (dbt warns unless `warn_unenforced: false`).
        case notEnforced
        /// Left out of the DDL (dbt warns unless `warn_unsupported: false`).
        case notSupported
    }

    /// The support for a constraint type (`check`, `not_null`, `unique`, `primary_key`,
    /// `foreign_key`), as the adapter's `CONSTRAINT_SUPPORT` says. PostgreSQL enforces all of
    /// them; dbt-redshift enforces `not_null` only and has no `check`; SQLite enforces all but
    /// foreign keys, which it checks only under `pragma foreign_keys = on` (off by default).
    public func constraintSupport(_ type: String) -> ConstraintSupport {
        switch (adapterType, type) {
        case ("redshift", "check"): return .notSupported
        case ("redshift", "unique"), ("redshift", "primary_key"), ("redshift", "foreign_key"):
            return .notEnforced
        case ("sqlite", "foreign_key"): return .notEnforced
        default: return .enforced
        }
    }

    /// `contract.alias_types`: dbt's `Column.translate_type` over `Column.TYPE_LABELS`, so
    /// `data_type: string` declares a `TEXT` column.
    public func aliasType(_ type: String) -> String {
        type.uppercased() == "STRING" ? "TEXT" : type
    }

    /// Whether the contract's declared types are compared as the warehouse describes them (a
    /// query of `cast(null as <type>)` columns, as dbt does). SQLite describes no type for an
    /// expression, so there the declared type's affinity is compared instead.
    public var describesDeclaredTypes: Bool { adapterType != "sqlite" }

    /// How a column's type is named when a model's columns are compared with its contract, or
    /// nil when the warehouse does not know it (SQLite's expressions), which matches any type.
    ///
    /// PostgreSQL: dbt-postgres names a result column's type with psycopg2's type caster for
    /// its OID (`INTEGER` for smallint and integer, `LONGINTEGER`, `FLOAT`, `DECIMAL`, `STRING`
    /// for every character type, `DATETIME`...), then `translate_type` (`STRING` → `TEXT`).
    /// `warehouseType` is the type's `format_type` name, which names the same OID. A type
    /// psycopg2 has no caster for keeps its own name (dbt prints `unknown type_code <oid>`).
    /// SQLite: the declared type's affinity, by SQLite's rules (datatype3.html, 3.1).
    public func contractTypeName(_ warehouseType: String) -> String? {
        if adapterType == "sqlite" { return warehouseType.isEmpty ? nil : Self.sqliteAffinity(warehouseType) }
        let name = Self.psycopg2TypeNames[warehouseType] ?? warehouseType
        return name == "STRING" ? "TEXT" : name
    }

    /// SQLite's type affinity of a declared type: the first rule that matches, in SQLite's order.
    static func sqliteAffinity(_ declared: String) -> String {
        let type = declared.uppercased()
        if type.contains("INT") { return "INTEGER" }
        if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") { return "TEXT" }
        if type.contains("BLOB") || type.isEmpty { return "BLOB" }
        if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") { return "REAL" }
        return "NUMERIC"
    }

    /// psycopg2's `extensions.string_types` (the names of its type casters), by the
    /// `format_type` name of each OID it registers.
    static let psycopg2TypeNames: [String: String] = [
        "boolean": "BOOLEAN", "bytea": "BINARY", "\"char\"": "STRING", "name": "STRING",
        "bigint": "LONGINTEGER",
        "smallint": "INTEGER", "integer": "INTEGER", "text": "STRING", "oid": "ROWID", "json": "JSON",
        "json[]": "JSONARRAY", "cidr[]": "CIDRARRAY", "real": "FLOAT", "double precision": "FLOAT",
        "interval": "INTERVAL", "unknown": "UNKNOWN", "boolean[]": "BOOLEANARRAY", "bytea[]": "BINARYARRAY",
        "\"char\"[]": "STRINGARRAY", "name[]": "STRINGARRAY", "smallint[]": "INTEGERARRAY",
        "int2vector[]": "INTEGERARRAY", "integer[]": "INTEGERARRAY", "text[]": "STRINGARRAY",
        "oidvector[]": "ROWIDARRAY", "character[]": "STRINGARRAY", "character varying[]": "STRINGARRAY",
        "bigint[]": "LONGINTEGERARRAY", "real[]": "FLOATARRAY", "double precision[]": "FLOATARRAY",
        "oid[]": "ROWIDARRAY", "macaddr[]": "MACADDRARRAY", "inet[]": "INETARRAY", "character": "STRING",
        "character varying": "STRING", "date": "DATE", "time without time zone": "TIME",
        "timestamp without time zone": "DATETIME", "timestamp without time zone[]": "DATETIMEARRAY",
        "date[]": "DATEARRAY", "time without time zone[]": "TIMEARRAY",
        "timestamp with time zone": "DATETIMETZ", "timestamp with time zone[]": "DATETIMETZARRAY",
        "interval[]": "INTERVALARRAY", "numeric[]": "DECIMALARRAY", "time with time zone": "TIME",
        "time with time zone[]": "TIMEARRAY", "numeric": "DECIMAL", "jsonb": "JSONB", "jsonb[]": "JSONBARRAY",
        // psycopg2's range casters: `NumericRange` ones are named "type".
        "int4range": "type", "int4range[]": "typeARRAY", "numrange": "type", "numrange[]": "typeARRAY",
        "tsrange": "tsrange", "tsrange[]": "tsrangeARRAY", "tstzrange": "tstzrange",
        "tstzrange[]": "tstzrangeARRAY",
        "daterange": "daterange", "daterange[]": "daterangeARRAY", "int8range": "type",
        "int8range[]": "typeARRAY",
    ]

    /// dbt's `get_empty_schema_sql`: one row of typed nulls named as the contract names them,
    /// which the warehouse describes to say what the declared types are.
    public func emptySchemaQuery(_ columns: [(name: String, type: String)]) -> String {
        "select\n" + columns.map { "    cast(null as \($0.type)) as \($0.name)" }.joined(separator: ",\n")
    }

    /// A contracted table: dbt's `create table <relation> (<columns and constraints>)` and the
    /// `insert into <relation> (<columns>) select <columns> from (<sql>) as model_subq` that
    /// fills it, sent as one text (PostgreSQL runs it as one implicit transaction, so a row
    /// that breaks a constraint leaves no table behind). `definitions` are the column lines
    /// (`id int not null primary key`) then the model-level constraints.
    public func createContractedTable(
        _ relation: RelationName, definitions: [String], columns: [String], sql: String, header: String? = nil
    ) -> String {
        let list = columns.joined(separator: ", ")
        let select = "select \(list)\nfrom (\n\(sql)\n) as model_subq"
        // dbt-postgres parenthesizes the select; SQLite's insert takes a bare one.
        let source = adapterType == "sqlite" ? select : "(\n\(select)\n)"
        return prefixed(
            header,
            createTable(relation, lines: definitions)
                + ";\ninsert into \(render(relation)) (\(list))\n\(source)")
    }

    /// `create table <relation> (<lines>)`, one definition a line.
    public func createTable(_ relation: RelationName, lines: [String]) -> String {
        "create table \(render(relation)) (\n" + lines.map { "    " + $0 }.joined(separator: ",\n") + "\n)"
    }
}
