import Diagnostics

/// An expression node with the span of source it was parsed from.
final class Expr {
    let kind: Kind
    let span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    enum Kind {
        /// An immutable literal (number, string, bool, None, or a tuple of constants).
        case constant(Value)
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case dict([(key: Expr, value: Expr)])
        /// `obj.name`: attribute first, then item.
        case attribute(Expr, String)
        /// `obj[key]`: item first, then attribute.
        case item(Expr, Expr)
        case slice(Expr, start: Expr?, stop: Expr?, step: Expr?)
        case call(Expr, [Argument])
        case filter(Expr?, name: String, nameSpan: SourceSpan, [Argument])
        case test(Expr, name: String, nameSpan: SourceSpan, [Argument], negated: Bool)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case compare(Expr, [(op: CompareOperator, operand: Expr, span: SourceSpan)])
        case conditional(condition: Expr, then: Expr, otherwise: Expr?)
        /// `a ~ b ~ c`, joined as strings.
        case concat([Expr])
    }
}

enum Argument {
    case positional(Expr)
    case keyword(String, Expr)
    case splat(Expr)
    case keywordSplat(Expr)
}

enum UnaryOperator { case negate, plus, not }

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%",
        power = "**"
}

enum CompareOperator: String {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in"
}

/// Where an assignment stores: a name, a tuple of targets, or a namespace attribute.
indirect enum AssignTarget {
    case name(String)
    case tuple([AssignTarget])
    case namespaceAttribute(String, String)

    /// The names a target binds, for Jinja2's rule that `varargs`/`kwargs` are only caught
    /// when a macro body mentions them.
    var names: [String] {
        switch self {
        case .name(let n): return [n]
        case .tuple(let items): return items.flatMap(\.names)
        case .namespaceAttribute: return []
        }
    }
}

/// A macro's parameter list, shared by `macro`, `call` blocks and host extension tags.
struct MacroSignature {
    var parameters: [(name: String, defaultValue: Expr?)]
}

/// One statement or piece of output.
final class Node {
    let kind: Kind
    let span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    enum Kind {
        case text(String)
        case output(Expr)
        case ifBlock(branches: [(condition: Expr, body: [Node])], otherwise: [Node]?)
        case forLoop(ForLoop)
        case set(AssignTarget, Expr)
        case setBlock(AssignTarget, filters: [Expr], body: [Node])
        case macro(MacroDefinition)
        case callBlock(call: Expr, caller: MacroDefinition)
        case filterBlock(filters: [Expr], body: [Node])
        case with(assignments: [(AssignTarget, Expr)], body: [Node])
        case `do`(Expr)
        case `break`
        case `continue`
        /// `{% block name %}`: rendered where it stands (Weir has no template inheritance), and
        /// callable as `self.name()`. Unscoped blocks see only top-level names, as in Jinja2.
        case block(name: String, scoped: Bool, body: [Node])
        /// A tag registered by the host (dbt's `test`, `materialization`, `docs`, `snapshot`).
        case extensionBlock(ExtensionBlock)
    }
}

final class ForLoop {
    let target: AssignTarget
    let iterable: Expr
    let condition: Expr?
    let body: [Node]
    let otherwise: [Node]?
    let recursive: Bool
    /// Whether the body can store a name in, or keep a reference to, the scope it runs in (a
    /// `set`, a macro, a `call` block...). When it cannot, one scope serves every iteration:
    /// nothing but the loop variables it overwrites could tell the iterations' scopes apart.
    let bodyNeedsFreshScope: Bool

    init(
        target: AssignTarget, iterable: Expr, condition: Expr?, body: [Node], otherwise: [Node]?,
        recursive: Bool
    ) {
        self.target = target
        self.iterable = iterable
        self.condition = condition
        self.body = body
        self.otherwise = otherwise
        self.recursive = recursive
        self.bodyNeedsFreshScope = Self.mayBindOrCaptureScope(body)
    }

    private static func mayBindOrCaptureScope(_ nodes: [Node]) -> Bool {
        nodes.contains { node in
            switch node.kind {
            case .set, .setBlock, .macro, .callBlock, .with, .block, .extensionBlock: return true
            case .text, .output, .ifBlock, .forLoop, .filterBlock, .do, .break, .continue:
                var found = false
                node.forEachChildBody { found = found || mayBindOrCaptureScope($0) }
                return found
            }
        }
    }
}

/// A macro or a `call` block's caller: parameters, body, and what the body mentions.
final class MacroDefinition {
    let name: String
    let signature: MacroSignature
    let body: [Node]
    /// Jinja2 accepts extra positional/keyword arguments only when the body reads
    /// `varargs`/`kwargs`, and passes `caller` only when it reads `caller`.
    let catchVarargs: Bool
    let catchKwargs: Bool
    let usesCaller: Bool
    /// The whole statement, `{% macro ... %}` to `{% endmacro %}` (the node's own span is its
    /// opening tag, where errors point): dbt's `macro_sql`. Nil for `caller` blocks.
    var extent: SourceSpan?

    init(name: String, signature: MacroSignature, body: [Node]) {
        self.name = name
        self.signature = signature
        self.body = body
        var mentioned = Set<String>()
        NameCollector.collect(body, into: &mentioned)
        let parameterNames = Set(signature.parameters.map(\.name))
        self.catchVarargs = mentioned.contains("varargs") && !parameterNames.contains("varargs")
        self.catchKwargs = mentioned.contains("kwargs") && !parameterNames.contains("kwargs")
        self.usesCaller = mentioned.contains("caller") && !parameterNames.contains("caller")
    }
}

/// A host-registered block tag after parsing: its name, header and body.
public struct ExtensionBlock {
    /// The tag, such as `test` or `docs`.
    public let tag: String
    /// For macro-like tags, the macro this block defines (name chosen by the host).
    let macro: MacroDefinition?
    /// The header's first name (`{% docs my_doc %}` gives `my_doc`).
    public let name: String
    /// The literal body text, for tags whose body is kept raw (`docs`).
    public let rawBody: String?
    let body: [Node]
    public let span: SourceSpan
}
