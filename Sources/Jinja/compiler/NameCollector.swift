/// Walks statements and expressions, calling back for every expression, so that analyses
/// (the names a macro body reads, the calls a template makes) share one traversal.
enum ASTWalker {
    static func walk(_ nodes: [Node], _ visit: (Expr) -> Void) {
        for node in nodes { walk(node, visit) }
    }

    static func walk(_ node: Node, _ visit: (Expr) -> Void) {
        switch node.kind {
        case .text, .break, .continue, .block: break
        case .output(let expr), .do(let expr), .set(_, let expr): walk(expr, visit)
        case .ifBlock(let branches, _): branches.forEach { walk($0.condition, visit) }
        case .forLoop(let loop):
            walk(loop.iterable, visit)
            if let condition = loop.condition { walk(condition, visit) }
        case .setBlock(_, let filters, _), .filterBlock(let filters, _): filters.forEach { walk($0, visit) }
        case .macro(let definition): walkDefaults(definition, visit)
        case .callBlock(let call, let caller):
            walk(call, visit)
            walkDefaults(caller, visit)
        case .with(let assignments, _): assignments.forEach { walk($0.1, visit) }
        case .extensionBlock(let block): if let macro = block.macro { walkDefaults(macro, visit) }
        }
        node.forEachChildBody { walk($0, visit) }
    }

    private static func walkDefaults(_ definition: MacroDefinition, _ visit: (Expr) -> Void) {
        for parameter in definition.signature.parameters {
            if let defaultValue = parameter.defaultValue { walk(defaultValue, visit) }
        }
    }

    static func walk(_ expr: Expr, _ visit: (Expr) -> Void) {
        visit(expr)
        switch expr.kind {
        case .constant, .name: break
        case .list(let items), .tuple(let items), .concat(let items): items.forEach { walk($0, visit) }
        case .dict(let pairs):
            for pair in pairs {
                walk(pair.key, visit)
                walk(pair.value, visit)
            }
        case .attribute(let target, _): walk(target, visit)
        case .item(let target, let key):
            walk(target, visit)
            walk(key, visit)
        case .slice(let target, let start, let stop, let step):
            walk(target, visit)
            for part in [start, stop, step] { if let part { walk(part, visit) } }
        case .call(let callee, let arguments):
            walk(callee, visit)
            walk(arguments, visit)
        case .filter(let input, _, _, let arguments):
            if let input { walk(input, visit) }
            walk(arguments, visit)
        case .test(let subject, _, _, let arguments, _):
            walk(subject, visit)
            walk(arguments, visit)
        case .unary(_, let operand): walk(operand, visit)
        case .binary(_, let left, let right), .and(let left, let right), .or(let left, let right):
            walk(left, visit)
            walk(right, visit)
        case .compare(let first, let operations):
            walk(first, visit)
            operations.forEach { walk($0.operand, visit) }
        case .conditional(let condition, let then, let otherwise):
            walk(condition, visit)
            walk(then, visit)
            if let otherwise { walk(otherwise, visit) }
        }
    }

    private static func walk(_ arguments: [Argument], _ visit: (Expr) -> Void) {
        for argument in arguments {
            switch argument {
            case .positional(let e), .keyword(_, let e), .splat(let e), .keywordSplat(let e): walk(e, visit)
            }
        }
    }
}

/// The names a macro body reads, for Jinja2's `varargs`/`kwargs`/`caller` detection.
enum NameCollector {
    static func collect(_ nodes: [Node], into names: inout Set<String>) {
        var found = Set<String>()
        ASTWalker.walk(nodes) { expr in
            if case .name(let name) = expr.kind { found.insert(name) }
        }
        names.formUnion(found)
    }
}
