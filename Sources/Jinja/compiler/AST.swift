import Diagnostics

/// An expression node with the span of source it was parsed from.
final class Expr {
    let kind: Kind
    let span: SourceSpan
    /// The renderer's commonest cases with their parts in plain stored properties. Matching
    /// `kind` copies the case's payload, retaining each child (an atomic operation apiece, most
    /// of a render's time); these are read in place, through `borrowed`.
    let shape: Shape
    /// The target or left operand, a call's callee, a filter's input or a test's subject (owned
    /// through `kind`).
    let first: Unmanaged<Expr>?
    /// The right operand or the key (owned through `kind`).
    let second: Unmanaged<Expr>?
    /// The name looked up, the attribute read, or the filter or test applied.
    let name: String
    /// What a call, filter or test reads at each application; nil for other expressions (kept
    /// apart so that the other expressions, most of a template, stay small).
    let application: Application?
    /// `application`, read without retaining it.
    let unretainedApplication: Unmanaged<Application>?

    /// A call's, filter's or test's parts, read in place at each application.
    final class Application {
        /// The arguments when they are all positional, the usual case (owned through `kind`);
        /// nil when there are keywords or splats.
        let positionalArguments: [Unmanaged<Expr>]?
        /// The filter or test the environment had under the name when the template was parsed,
        /// used while its filters and tests are those it was found among (`functionsGeneration`).
        let filter: Filter?
        let test: Test?
        let generation: Int

        init(_ arguments: [Argument], filter: Filter?, test: Test?, generation: Int) {
            var references: [Unmanaged<Expr>]? = []
            references?.reserveCapacity(arguments.count)
            for argument in arguments {
                guard case .positional(let expr) = argument else {
                    references = nil
                    break
                }
                references?.append(.passUnretained(expr))
            }
            positionalArguments = references
            self.filter = filter
            self.test = test
            self.generation = generation
        }
    }

    enum Shape {
        case name, attribute, item, binary(BinaryOperator), and, or, constant, call, filter
        case test(negated: Bool)
        case other
    }

    init(_ kind: Kind, _ span: SourceSpan, filter: Filter? = nil, test: Test? = nil, generation: Int = 0) {
        self.kind = kind
        self.span = span
        application =
            switch kind {
            case .call(_, let arguments), .filter(_, _, _, let arguments), .test(_, _, _, let arguments, _):
                Application(arguments, filter: filter, test: test, generation: generation)
            default: nil
            }
        unretainedApplication = application.map { .passUnretained($0) }
        switch kind {
        case .name(let name): (shape, first, second, self.name) = (.name, nil, nil, name)
        case .attribute(let target, let name): (shape, first, second, self.name) = (.attribute, .passUnretained(target), nil, name)
        case .item(let target, let key): (shape, first, second, name) = (.item, .passUnretained(target), .passUnretained(key), "")
        case .binary(let op, let left, let right):
            (shape, first, second, name) = (.binary(op), .passUnretained(left), .passUnretained(right), "")
        case .and(let left, let right): (shape, first, second, name) = (.and, .passUnretained(left), .passUnretained(right), "")
        case .or(let left, let right): (shape, first, second, name) = (.or, .passUnretained(left), .passUnretained(right), "")
        case .constant: (shape, first, second, name) = (.constant, nil, nil, "")
        case .call(let callee, _): (shape, first, second, name) = (.call, .passUnretained(callee), nil, "")
        case .filter(let input, let name, _, _): (shape, first, second, self.name) = (.filter, input.map { .passUnretained($0) }, nil, name)
        case .test(let subject, let name, _, _, let negated):
            (shape, first, second, self.name) = (.test(negated: negated), .passUnretained(subject), nil, name)
        default: (shape, first, second, name) = (.other, nil, nil, "")
        }
    }

    /// A filter's or test's name span (errors about an unknown one point at the name).
    var functionNameSpan: SourceSpan {
        switch kind {
        case .filter(_, _, let nameSpan, _), .test(_, _, let nameSpan, _, _): return nameSpan
        default: return span
        }
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
    /// Text and output, the commonest statements, with their parts in plain stored properties
    /// (see `Expr.shape`).
    let shape: Shape
    let text: String
    /// The printed expression (owned through `kind`).
    let expression: Unmanaged<Expr>?

    enum Shape { case text, output, other }

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        switch kind {
        case .text(let text): (shape, self.text, expression) = (.text, text, nil)
        case .output(let expr): (shape, text, expression) = (.output, "", .passUnretained(expr))
        default: (shape, text, expression) = (.other, "", nil)
        }
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

/// Runs `body` with the object `reference` stands for, without retaining it: for a node's child,
/// which the node owns and so outlives the call.
@inline(__always)
func borrowed<Object: AnyObject, Result>(_ reference: Unmanaged<Object>?, _ body: (Object) throws -> Result) rethrows -> Result {
    try reference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
}

/// Runs `body` on each element of `objects` in turn, without retaining them (the array holds
/// them), until it returns something other than `normal`, which is then returned.
@inline(__always)
func forEachBorrowed<Object: AnyObject, Outcome: Equatable>(
    _ objects: [Object], until normal: Outcome, _ body: (Object) throws -> Outcome
) rethrows -> Outcome {
    try objects.withUnsafeBufferPointer { buffer in
        try buffer.withMemoryRebound(to: Unmanaged<Object>.self) { references in
            for reference in references {
                let outcome = try reference._withUnsafeGuaranteedRef(body)
                if outcome != normal { return outcome }
            }
            return normal
        }
    }
}
