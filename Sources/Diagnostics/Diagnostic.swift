/// One problem found in user input, with a stable code and the place it points at.
///
/// Every stage reports through this type so that YAML, Jinja, graph and warehouse errors all
/// render the same way: `file:line:column: error[CODE]: message`, then a caret snippet.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// A secondary place, such as where an unclosed block was opened.
    public struct Note: Sendable {
        public var message: String
        public var file: SourceFile?
        public var span: SourceSpan?

        public init(_ message: String, file: SourceFile? = nil, span: SourceSpan? = nil) {
            self.message = message
            self.file = file
            self.span = span
        }
    }

    public var severity: Severity
    /// A stable identifier such as `J0101`, documented in COMPATIBILITY.md.
    public var code: String
    public var message: String
    public var file: SourceFile?
    public var span: SourceSpan?
    public var notes: [Note]
    /// What the user can do about it, printed last.
    public var help: String?
    /// For a warning dbt also gives: the name of dbt's event for it (`NoNodesForSelectionCriteria`),
    /// by which `--warn-error-options` names it. Nil for warnings of Weir's own.
    public var event: String?

    public init(
        _ severity: Severity = .error, code: String, message: String, file: SourceFile? = nil,
        span: SourceSpan? = nil, notes: [Note] = [], help: String? = nil, event: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.span = span
        self.notes = notes
        self.help = help
        self.event = event
    }

    /// The line and column of the primary span, when there is one.
    public var location: SourceLocation? {
        guard let file, let span else { return nil }
        return file.location(of: span.start)
    }

    public var description: String { DiagnosticRenderer().render(self) }
}
