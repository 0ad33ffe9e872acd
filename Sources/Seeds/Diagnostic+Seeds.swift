import Diagnostics

/// Seed diagnostics, W12xx. Errors stop the seed (dbt fails on them too, or loads garbage);
/// warnings describe something dbt does silently, which Weir does the same way.
extension Diagnostic {
    /// W1201: a quoted field still open at the end of the file. Python's non-strict csv reader
    /// ends the field there, so dbt loads the rest of the file as one value; Weir stops.
    static func unterminatedQuote(file: SourceFile, at offset: Int) -> Diagnostic {
        Diagnostic(
            code: "W1201", message: "this quoted field is never closed", file: file,
            span: SourceSpan(start: offset, end: offset + 1),
            notes: [Diagnostic.Note("dbt would read everything up to the end of the file as this one value")],
            help: "close the field with '\"', and write a '\"' that is part of the value as '\"\"'")
    }

    /// W1202: a record with more fields than the header. agate raises
    /// `Row N has X values, but Table only has Y columns.` and dbt fails.
    static func tooManyFields(
        file: SourceFile, at offset: Int, fields: Int, columns: Int, delimiter: Character
    )
        -> Diagnostic
    {
        Diagnostic(
            code: "W1202", message: "this row has \(fields) fields, but the header names \(columns) columns",
            file: file, span: SourceSpan(start: offset, end: offset + 1),
            help: "remove the extra fields, or quote the value that contains '\(delimiter)'")
    }

    /// W1203 (warning): a record with fewer fields than the header; agate fills the missing
    /// columns with NULL.
    static func missingFields(
        file: SourceFile, at offset: Int, fields: Int, columns: Int, moreRows: Int, delimiter: Character
    ) -> Diagnostic {
        let padding = String(repeating: String(delimiter), count: max(columns - fields, 1))
        return Diagnostic(
            .warning, code: "W1203",
            message: "this row has \(fields) field\(fields == 1 ? "" : "s") for \(columns) columns; "
                + "the missing ones load as NULL, as dbt loads them",
            file: file, span: .at(offset),
            notes: moreRows > 0
                ? [Diagnostic.Note("\(moreRows) more row\(moreRows == 1 ? "" : "s") like this")] : [],
            help: "end the row with empty fields ('\(padding)') to make the NULLs explicit")
    }

    /// W1204 (warning): a blank line. Python's csv reader yields an empty record for it and
    /// agate pads it, so dbt inserts a row of NULLs, even for blank lines at the end.
    static func blankLine(file: SourceFile, at offset: Int, moreLines: Int) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1204", message: "this blank line loads as a row of NULLs, as dbt loads it",
            file: file, span: .at(offset),
            notes: moreLines > 0
                ? [Diagnostic.Note("\(moreLines) more blank line\(moreLines == 1 ? "" : "s") in this file")]
                : [],
            help: "delete blank lines (including those at the end of the file)")
    }

    /// W1205: no header row at all. dbt fails (agate's `next(reader)` raises StopIteration).
    static func emptySeed(file: SourceFile) -> Diagnostic {
        Diagnostic(
            code: "W1205", message: "this seed file is empty", file: file,
            help: "write a header row naming the columns, then one row per record")
    }

    /// W1206: the first line is blank. agate would take the next line as the first data row
    /// and name the columns `a`, `b`, ...; Weir stops instead.
    static func blankHeader(file: SourceFile) -> Diagnostic {
        Diagnostic(
            code: "W1206", message: "the first line of this seed is blank, so it has no header row",
            file: file,
            span: .at(0),
            notes: [Diagnostic.Note("dbt would name the columns a, b, c, ... and load the header as data")],
            help: "delete the blank line so that the column names come first")
    }

    /// W1207 (warning): agate renamed a header name, as `agate.utils.deduplicate` does: an
    /// empty name becomes the column's letter (`a`, `b`, ..., `aa`), a repeated one gets `_2`,
    /// `_3`, ...
    static func renamedColumn(file: SourceFile, at offset: Int, written: String, loadedAs name: String)
        -> Diagnostic
    {
        let problem = written.isEmpty ? "this column has no name" : "the column name '\(written)' is repeated"
        return Diagnostic(
            .warning, code: "W1207", message: "\(problem); it loads as '\(name)', as dbt names it",
            file: file,
            span: SourceSpan(start: offset, end: offset + max(written.utf8.count, 1)),
            help: "give every column a distinct name")
    }

    /// W1208 (warning): a `column_types` entry that names no column. agate warns and ignores it;
    /// so does dbt's seed materialization.
    static func unknownColumnType(file: SourceFile, column: String, columns: [String]) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1208",
            message: "column_types names '\(column)', which is not a column of this seed", file: file,
            help: "the columns are: " + columns.map { "'\($0)'" }.joined(separator: ", ")
                + " (names are matched exactly, including case)")
    }

    /// W1209: a value that type inference accepts but dbt cannot load: a number beyond Python's
    /// decimal exponent limit (`decimal.Overflow`), or a time zone offset of a day or more
    /// (Python's `isoformat` raises when the value is bound).
    static func unloadableValue(file: SourceFile, at offset: Int, length: Int, problem: String) -> Diagnostic
    {
        Diagnostic(
            code: "W1209", message: problem, file: file,
            span: SourceSpan(start: offset, end: offset + length),
            help: "correct the value, or name this column in the seed's column_types config so that it is "
                + "read as text")
    }

    /// W1210: a `delimiter` config that is not one character, or that Python's csv module
    /// cannot use (a quote or a line break).
    static func badDelimiter(file: SourceFile, _ delimiter: Character) -> Diagnostic {
        Diagnostic(
            code: "W1210",
            message: "the delimiter \(String(reflecting: String(delimiter))) cannot separate CSV fields",
            file: file,
            help: "set the seed's delimiter config to one character such as ',', ';', '|' or a tab")
    }
}
