/// One column of a seed: its name as dbt names it, what dbt infers for it, and the type the
/// seed's `column_types` config gives it instead.
public struct SeedColumn: Sendable, Hashable {
    /// The header name after agate's renaming: an empty name becomes the column's letter
    /// (`a`, `b`, ...), a repeated one gets `_2`, `_3`, ...
    public var name: String
    /// `.text` for a column named in `column_types` (dbt forces those to agate's Text).
    public var inferredType: SeedType
    /// The `column_types` entry for this column, used verbatim as its SQL type.
    public var sqlTypeOverride: String?
    /// The longest non-NULL value of a text column in UTF-8 bytes (nil when every value is NULL,
    /// and for other types): dbt-redshift declares text columns `varchar(<this>)`.
    public var longestValueByteCount: Int?

    public init(
        name: String, inferredType: SeedType, sqlTypeOverride: String? = nil,
        longestValueByteCount: Int? = nil
    ) {
        self.name = name
        self.inferredType = inferredType
        self.sqlTypeOverride = sqlTypeOverride
        self.longestValueByteCount = longestValueByteCount
    }
}
