import Diagnostics
import Warehouse

/// A seed CSV read as dbt reads it (`agate_helper.from_csv` with the seed's `column_types` and
/// `delimiter` config): its columns and types, and its rows, cast as they are loaded.
public struct SeedTable: Sendable {
    public var columns: [SeedColumn]
    /// One array per data row, one value per column. NULL for empty and `null` cells and for
    /// the columns a short row leaves out; see `SeedType` for how each type's values look.
    public var rows: SeedRows
    /// Things dbt does silently that a user may not expect (renamed columns, short rows, blank
    /// lines loading as NULL rows, unused `column_types`), as W12xx warnings.
    public var warnings: [Diagnostic]

    init(columns: [SeedColumn], rows: SeedRows, warnings: [Diagnostic]) {
        self.columns = columns
        self.rows = rows
        self.warnings = warnings
    }

    /// Reads a seed file's text.
    ///
    /// - Parameters:
    ///   - file: the seed file; its text is parsed, and diagnostics point into it.
    ///   - delimiter: the seed's `delimiter` config (default `,`); one character.
    ///   - columnTypes: the seed's `column_types` config, column name to SQL type. Those
    ///     columns are read as text (so `007` stays `007`) and declared with the given type.
    /// - Throws: a W12xx `Diagnostic` when the file cannot be read as dbt would load it.
    public static func read(
        _ file: SourceFile, delimiter: Character = ",", columnTypes: [String: String] = [:]
    ) throws(Diagnostic) -> SeedTable {
        try SeedReader(file: file, delimiter: delimiter, columnTypes: columnTypes).read()
    }
}
