import Diagnostics

/// A call found by reading a template without rendering it, such as `ref('orders')`.
public struct StaticCall: Sendable {
    /// The callee as written: `ref`, `config`, `adapter.dispatch`.
    public let name: String
    /// Positional arguments; nil where an argument is not a literal.
    public let arguments: [Value?]
    /// Keyword arguments in order; nil values where not literal.
    public let keywords: [(name: String, value: Value?)]
    public let span: SourceSpan

    /// Whether every argument is a literal, so the call's effect is known without rendering.
    public var isFullyLiteral: Bool {
        arguments.allSatisfy { $0 != nil } && keywords.allSatisfy { $0.value != nil }
    }
}

extension Template {
    /// Every call to a plain or dotted name in the template, with its literal arguments, found by
    /// a pass over the AST: dbt's static parser does the same for `ref`, `source` and `config`.
    /// They come in the order a render makes them, the calls in a call's arguments before it
    /// (the order of dbt's `depends_on.macros`).
    public var staticCalls: [StaticCall] { Self.staticCalls(in: nodes) }

    static func staticCalls(in nodes: [Node]) -> [StaticCall] {
        var calls: [StaticCall] = []
        ASTWalker.walk(nodes) { expr in
            guard case .call(let callee, let arguments) = expr.kind, let name = Self.dottedName(callee) else {
                return
            }
            var positional: [Value?] = []
            var keywords: [(name: String, value: Value?)] = []
            for argument in arguments {
                switch argument {
                case .positional(let e): positional.append(Self.literal(e))
                case .keyword(let key, let e): keywords.append((key, Self.literal(e)))
                case .splat, .keywordSplat: positional.append(nil)
                }
            }
            calls.append(StaticCall(name: name, arguments: positional, keywords: keywords, span: expr.span))
        }
        // A call ends after the calls in its arguments, and before the calls that follow it.
        return calls.enumerated().sorted { ($0.element.span.end, $0.offset) < ($1.element.span.end, $1.offset) }
            .map(\.element)
    }

    private static func dottedName(_ expr: Expr) -> String? {
        switch expr.kind {
        case .name(let name): return name
        case .attribute(let target, let attribute): return dottedName(target).map { "\($0).\(attribute)" }
        default: return nil
        }
    }

    /// The value of a literal expression (constants, and lists/dicts/tuples of literals).
    private static func literal(_ expr: Expr) -> Value? {
        switch expr.kind {
        case .constant(let value): return value
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = literal(item) else { return nil }
                values.append(value)
            }
            return .list(PyList(values))
        case .tuple(let items):
            var values: [Value] = []
            for item in items {
                guard let value = literal(item) else { return nil }
                values.append(value)
            }
            return .tuple(values)
        case .dict(let pairs):
            let dict = PyDict()
            for pair in pairs {
                guard let key = literal(pair.key), let value = literal(pair.value) else { return nil }
                dict[key] = value
            }
            return .dict(dict)
        case .unary(.negate, let operand):
            guard let value = literal(operand), let number = value.numeric else { return nil }
            return Arithmetic.negate(number)
        default: return nil
        }
    }
}

extension ExtensionBlock {
    /// The calls in the block's body (a snapshot's `config`, `ref`...), as `Template.staticCalls`.
    public var staticCalls: [StaticCall] { Template.staticCalls(in: body) }
}
