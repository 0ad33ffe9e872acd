/// What Jinja2's compiler works out before rendering (`Expr.as_const`): an output whose
/// expression is constant is written into the compiled template as text. Rendering as text, it
/// makes no difference; dbt's native rendering shows it: `"{{ 1 + 1 }}"` gives `'2'` there,
/// while `"{{ x + 1 }}"` gives a number.
extension Expr {
    /// The value Jinja2 folds this expression to, or nil when it needs the render: a name, a
    /// call, a filter that reads the context (`map`, `select`...) or one the host added, a value
    /// Jinja2 would not write as a literal (an object), or an evaluation that fails (which then
    /// fails when rendered, as in Jinja2).
    func foldedConstant(_ evaluate: (Expr) throws -> Value) -> Value? {
        switch kind {
        case .constant(let value): return value
        case .name, .call: return nil
        case .and(let left, let right):
            guard let value = left.foldedConstant(evaluate) else { return nil }
            return value.isTruthy ? right.foldedConstant(evaluate) : value
        case .or(let left, let right):
            guard let value = left.foldedConstant(evaluate) else { return nil }
            return value.isTruthy ? value : right.foldedConstant(evaluate)
        case .conditional(let condition, let then, let otherwise):
            guard let test = condition.foldedConstant(evaluate) else { return nil }
            return test.isTruthy ? then.foldedConstant(evaluate) : otherwise?.foldedConstant(evaluate)
        case .filter(let operand, let name, _, let arguments):
            guard operand != nil, BuiltinFilters.all[name] != nil, !Self.contextFilters.contains(name) else { return nil }
            return evaluatedIfConstant(children: [operand].compactMap { $0 } + arguments.map(\.expression), evaluate)
        case .test(let operand, let name, _, let arguments, _):
            guard BuiltinTests.all[name] != nil else { return nil }
            return evaluatedIfConstant(children: [operand] + arguments.map(\.expression), evaluate)
        case .list(let items), .tuple(let items), .concat(let items):
            return evaluatedIfConstant(children: items, evaluate)
        case .dict(let pairs): return evaluatedIfConstant(children: pairs.flatMap { [$0.key, $0.value] }, evaluate)
        case .attribute(let target, _): return evaluatedIfConstant(children: [target], evaluate)
        case .item(let target, let key): return evaluatedIfConstant(children: [target, key], evaluate)
        case .slice(let target, let start, let stop, let step):
            return evaluatedIfConstant(children: [target, start, stop, step].compactMap { $0 }, evaluate)
        case .unary(_, let operand): return evaluatedIfConstant(children: [operand], evaluate)
        case .binary(_, let left, let right): return evaluatedIfConstant(children: [left, right], evaluate)
        case .compare(let first, let rest): return evaluatedIfConstant(children: [first] + rest.map(\.operand), evaluate)
        }
    }

    /// Jinja2's built-in filters that take the render's context: never folded.
    static let contextFilters: Set<String> = ["map", "select", "reject", "selectattr", "rejectattr", "random"]

    private func evaluatedIfConstant(children: [Expr], _ evaluate: (Expr) throws -> Value) -> Value? {
        guard children.allSatisfy({ $0.foldedConstant(evaluate) != nil }), let value = try? evaluate(self),
            value.hasSafeRepr
        else { return nil }
        return value
    }
}

extension Argument {
    var expression: Expr {
        switch self {
        case .positional(let e), .keyword(_, let e), .splat(let e), .keywordSplat(let e): return e
        }
    }
}

extension Value {
    /// Jinja2's `has_safe_repr`: None, booleans, numbers, strings, and lists, tuples and dicts
    /// of them (what its compiler can write as a Python literal).
    var hasSafeRepr: Bool {
        switch self {
        case .none, .bool, .int, .bigInt, .float, .string: return true
        case .list(let list): return list.items.allSatisfy(\.hasSafeRepr)
        case .tuple(let items): return items.allSatisfy(\.hasSafeRepr)
        case .dict(let dict): return dict.pairs.allSatisfy { $0.0.hasSafeRepr && $0.1.hasSafeRepr }
        default: return false
        }
    }
}
