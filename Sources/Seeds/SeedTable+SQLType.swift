import SQLDialect

extension SeedTable {
    /// The SQL type dbt's seed materialization declares for a column: the `column_types`
    /// override when there is one (`column_override.get(col_name, inferred_type)` in
    /// `create_csv_table`), else the adapter's `convert_type` for the inferred type.
    ///
    /// - PostgreSQL: dbt's `SQLAdapter` defaults (dbt-postgres overrides none): `integer`,
    ///   `float8`, `boolean`, `date`, `timestamp without time zone`, `text`.
    /// - Redshift: the same, except text is `varchar(<longest value in bytes>)`, or
    ///   `varchar(64)` when every value is NULL (dbt-redshift's `convert_text_type`).
    /// - SQLite (dbt-sqlite 1.10): `INT`, `REAL`, `INT` for booleans, `TEXT` for dates,
    ///   datetimes and text; an untested column keeps the base class's lower-case `integer`.
    public static func sqlType(for column: SeedColumn, dialect: SQLDialect) -> String {
        if let override = column.sqlTypeOverride { return override }
        switch dialect.adapterType {
        case SQLDialect.sqlite.adapterType:
            switch column.inferredType {
            case .untested: return "integer"
            case .integer, .boolean: return "INT"
            case .number: return "REAL"
            case .date, .datetime, .text: return "TEXT"
            }
        case SQLDialect.redshift.adapterType where column.inferredType == .text:
            return "varchar(\(column.longestValueByteCount ?? 64))"
        default:
            switch column.inferredType {
            case .untested, .integer: return "integer"
            case .number: return "float8"
            case .boolean: return "boolean"
            case .date: return "date"
            case .datetime: return "timestamp without time zone"
            case .text: return "text"
            }
        }
    }
}
