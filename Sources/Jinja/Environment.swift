import Diagnostics

/// A filter: `value | name(arguments)`.
public typealias Filter = (_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value

/// A test: `value is name(arguments)`.
public typealias Test = (_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool

/// How undefined names behave, as Jinja2's `Undefined` classes do.
public enum UndefinedBehavior: Sendable {
    /// Jinja2's default `Undefined`: prints empty, iterates as empty, is falsy; attribute access,
    /// calls and arithmetic on it fail.
    case lenient
    /// Jinja2's `StrictUndefined`: any use other than `is defined` and `default` fails.
    case strict
}

/// Limits that stop runaway templates with an error instead of exhausting the machine.
public struct RenderLimits: Sendable {
    /// Nested macro calls and recursive loops (Python's recursion limit stops Jinja2 near here).
    public var maxCallDepth = 400
    /// Loop iterations in one render, over all loops.
    public var maxLoopIterations = 50_000_000
    /// Items `range()` may produce: Jinja2's sandbox `MAX_RANGE`.
    public var maxRange = 100_000
    /// Characters of output one render may produce.
    public var maxOutputBytes = 1 << 30

    public init() {}
}

/// The first part of a host block tag: `{% materialization table, adapter='postgres' %}` has
/// name `table`, option `adapter`; `{% materialization view, default %}` has flag `default`.
public struct ExtensionHeader: Sendable {
    public var name: String
    public var flags: [String] = []
    public var options: [String: Value] = [:]

    public init(name: String) { self.name = name }
}

/// A block tag the host adds, such as dbt's `{% test %}`, `{% materialization %}`, `{% docs %}`.
public struct ExtensionTag: @unchecked Sendable {
    public enum Form {
        /// The block defines a macro (with the header's optional parameter list) whose name the
        /// host derives from the header: dbt names `{% test unique(model) %}` `test_unique`.
        case macro(namer: (ExtensionHeader) -> String)
        /// The block renders nothing where it stands; the host reads it from `Template.blocks`.
        case block
    }

    public let name: String
    public let form: Form

    public init(name: String, form: Form) {
        self.name = name
        self.form = form
    }
}

/// Filters, tests, globals, extension tags and settings shared by the templates it parses.
///
/// The defaults are dbt's: Jinja2's sandboxed environment with the `do` and `loopcontrols`
/// extensions, no autoescaping, no `trim_blocks`/`lstrip_blocks`, one trailing newline dropped.
public final class Environment: @unchecked Sendable {
    public var filters: [String: Filter] { didSet { functionsGeneration += 1 } }
    public var tests: [String: Test] { didSet { functionsGeneration += 1 } }
    /// Changes whenever `filters` or `tests` do: templates keep the functions they found while
    /// parsing (rather than hash a name per application) only as long as it is the same.
    private(set) var functionsGeneration = 0
    public var globals: [String: Value]
    public var extensionTags: [String: ExtensionTag] = [:]
    public var undefinedBehavior: UndefinedBehavior = .lenient
    public var limits = RenderLimits()

    public init() {
        filters = BuiltinFilters.all
        tests = BuiltinTests.all
        globals = BuiltinGlobals.all
    }

    public func addFilter(_ name: String, _ filter: @escaping Filter) { filters[name] = filter }
    public func addTest(_ name: String, _ test: @escaping Test) { tests[name] = test }
    public func addGlobal(_ name: String, _ value: Value) { globals[name] = value }
    public func addExtensionTag(_ tag: ExtensionTag) { extensionTags[tag.name] = tag }

    /// Parses a template once; the result renders any number of times.
    ///
    /// - Parameter name: the file name shown in diagnostics.
    /// Parses `source` into a template named `name`. With `stripped`, only the text between its
    /// leading and trailing whitespace (what Python's `str.strip()` removes) is the template, as
    /// dbt reads project files; positions stay those of the whole text, so that a diagnostic
    /// points at the line of the file.
    public func parse(_ source: String, name: String, stripped: Bool = false) throws -> Template {
        let file = SourceFile(name: name, text: Lexer.normalize(source))
        let text = file.text
        let body = stripped ? text.pythonStripped : Substring(text)
        var lexer = Lexer(
            file: file,
            range: text.utf8.distance(from: text.startIndex, to: body.startIndex)
                ..< text.utf8.distance(from: text.startIndex, to: body.endIndex))
        let tokens = try lexer.tokenize()
        var parser = Parser(tokens: tokens, file: file, extensionTags: extensionTags, functions: self)
        let nodes = try parser.parseTemplate()
        return Template(file: file, nodes: nodes, environment: self)
    }

    /// Parses raw bytes, reporting invalid UTF-8 with the offset, line and column of the first bad byte.
    public func parse(bytes: [UInt8], name: String) throws -> Template {
        try parse(try Self.decodeUTF8(bytes, name: name), name: name)
    }

    static func decodeUTF8(_ bytes: [UInt8], name: String) throws -> String {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var valid = true
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error:
                valid = false
                break loop
            }
        }
        if valid { return String(decoding: bytes, as: UTF8.self) }
        // The text before the bad byte is valid, so it can be shown with a caret at the byte.
        let prefix = String(decoding: bytes[0..<offset], as: UTF8.self)
        let lineEnd = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
        let shown = prefix + String(decoding: bytes[offset..<lineEnd], as: UTF8.self)
        let file = SourceFile(name: name, text: shown)
        throw TemplateError(
            Diagnostic(
                code: "J0100",
                message:
                    "the file is not valid UTF-8: byte 0x\(String(bytes[offset], radix: 16)) at offset \(offset)",
                file: file, span: SourceSpan(start: offset, end: offset + 1),
                help: "save the file as UTF-8"))
    }
}
