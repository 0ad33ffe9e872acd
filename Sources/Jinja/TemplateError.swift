import Diagnostics

/// A failure inside a value operation, before it is tied to a place in the template.
///
/// The renderer catches these where an expression is evaluated and turns them into a
/// `TemplateError` pointing at that expression. The cases mirror the Python exceptions
/// Jinja2 raises, so messages read the same.
public enum RuntimeFailure: Error, Sendable {
    /// Python's `TypeError`.
    case type(String)
    /// Jinja2's `UndefinedError`.
    case undefined(String)
    case zeroDivision(String)
    /// Python's `ValueError`, `KeyError`, `IndexError` and the like.
    case value(String)
    /// Jinja2's sandbox `SecurityError` (unsafe attribute, range too big).
    case security(String)
    /// A resource limit of Weir's own: recursion depth, loop iterations, output size.
    case limit(String)
    /// An error raised on purpose by template code or the host (`raise_compiler_error`).
    case raised(String)

    var code: String {
        switch self {
        case .type: return "J0201"
        case .undefined: return "J0202"
        case .zeroDivision: return "J0203"
        case .value: return "J0204"
        case .security: return "J0205"
        case .limit: return "J0206"
        case .raised: return "J0207"
        }
    }

    public var message: String {
        switch self {
        case .type(let m), .undefined(let m), .zeroDivision(let m), .value(let m), .security(let m),
            .limit(let m), .raised(let m):
            return m
        }
    }
}

/// A syntax or runtime error with the template and place it belongs to.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    /// The runtime failure this error wraps, if it is one, so hosts can tell kinds apart.
    public var failure: RuntimeFailure?

    public init(_ diagnostic: Diagnostic, failure: RuntimeFailure? = nil) {
        self.diagnostic = diagnostic
        self.failure = failure
    }

    public var message: String { diagnostic.message }
    public var location: SourceLocation? { diagnostic.location }
    public var description: String { diagnostic.description }

    static func syntax(
        _ message: String, file: SourceFile, span: SourceSpan, notes: [Diagnostic.Note] = [],
        code: String = "J0101"
    ) -> TemplateError {
        TemplateError(Diagnostic(code: code, message: message, file: file, span: span, notes: notes))
    }
}
