/// The type dbt infers for a seed column: the agate type its type tester settles on, with
/// agate's `Number` split the way every adapter's `convert_number_type` splits it.
///
/// dbt's tester (`agate_helper.build_type_tester`) tries, in this order: its own `Integer`,
/// `Number`, `Date` (`%Y-%m-%d`), `DateTime` (`%Y-%m-%d %H:%M:%S`), `ISODateTime`, `Boolean`
/// (`true`/`false` only) and `Text`, and keeps the first that accepts every value of the column.
/// dbt's `Integer` accepts only Python `int`s, never a CSV string, so every numeric column is a
/// `Number`; whether it is declared as an integer or a float depends on agate's `MaxPrecision`.
public enum SeedType: String, Sendable, Hashable, CaseIterable {
    /// No cell was there to test: a seed with only a header, or rows that all stop before this
    /// column. Nothing rules out agate's first candidate, dbt's `Integer`, which adapters declare
    /// with `convert_integer_type`. Every value is NULL.
    case untested
    /// A `Number` column with no decimal places (`1`, `1.0`, `1e3`, `$5`, `1,000`, and all-NULL
    /// columns): `integer` on PostgreSQL, `INT` on SQLite.
    case integer
    /// A `Number` column with decimal places (`1.5`, `1e-2`), or with more than 28 significant
    /// whole digits: `float8`, `REAL`.
    case number
    /// `true`/`false` in any case (agate's Boolean with dbt's `true_values=("true",)`); `yes`,
    /// `t` and `1` are not booleans.
    case boolean
    /// Every value matches `%Y-%m-%d` (`2024-1-2` does too).
    case date
    /// Every value matches `%Y-%m-%d %H:%M:%S`, or every value is an ISO 8601 datetime with a
    /// `T` (`2024-01-02T03:04:05Z`); a column mixing the two forms is text.
    case datetime
    case text
}
