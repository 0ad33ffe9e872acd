import Diagnostics

/// Executes a parsed template: one renderer per render call, never shared between threads.
final class Renderer: CallContext {
    let environment: Environment
    /// The template whose spans errors refer to; macros from other templates switch it while they run.
    private(set) var file: SourceFile
    /// The variables passed to `render`, looked up after the frames and before the globals.
    let context: [String: Value]
    /// Names shared by many renders, looked up after `context` and before the environment's globals.
    let shared: SharedGlobals?
    /// Told of every name looked up outside the template's scopes, when a host asked.
    var observer: LookupObserver?
    private var output = ""
    private var callDepth = 0
    private var loopIterations = 0
    private var stackGuard = StackGuard()
    /// The template's top-level scope, which unscoped `{% block %}`s see.
    private var rootFrame: Frame?
    /// `self`, for `self.block_name()`, when the template has blocks.
    private var blockReference: Value?

    /// Whether a statement list ended normally or by `break`/`continue`.
    private enum Flow { case normal, breakLoop, continueLoop }

    init(environment: Environment, file: SourceFile, context: [String: Value], shared: SharedGlobals? = nil) {
        self.environment = environment
        self.file = file
        self.context = context
        self.shared = shared
    }

    // MARK: - Entry points

    /// Renders `nodes` as a template body; `blocks` are its `{% block %}`s, for `self`.
    func render(_ nodes: [Node], in frame: Frame, blocks: [String: [Node]] = [:]) throws -> String {
        output = ""
        rootFrame = frame
        if !blocks.isEmpty {
            blockReference = .object(
                BlockReference(blocks: blocks) { [unowned self] body in
                    try self.capture(body, Frame(parent: self.rootFrame))
                })
        }
        _ = try execute(nodes, frame)
        return output
    }

    /// Renders `nodes` into a separate buffer and returns it, leaving the current output alone.
    private func capture(_ nodes: [Node], _ frame: Frame) throws -> String {
        let saved = output
        output = ""
        defer { output = saved }
        _ = try execute(nodes, frame)
        return output
    }

    // MARK: - Statements

    private func execute(_ nodes: [Node], _ frame: Frame) throws -> Flow {
        try forEachBorrowed(nodes, until: .normal) { node in try execute(node, frame) }
    }

    private func execute(_ node: Node, _ frame: Frame) throws -> Flow {
        switch node.shape {
        case .text:
            output += node.text
            return .normal
        case .output:
            let value = try borrowed(node.expression) { try eval($0, frame) }
            if case .string(let s) = value {
                output += s
            } else {
                output += try stringify(value, at: borrowed(node.expression) { $0.span })
            }
            if output.utf8.count > environment.limits.maxOutputBytes {
                throw error(
                    .limit("the output is larger than \(environment.limits.maxOutputBytes) bytes"),
                    at: node.span)
            }
            return .normal
        case .other:
            return try executeStatement(node, frame)
        }
    }

    private func executeStatement(_ node: Node, _ frame: Frame) throws -> Flow {
        switch node.kind {
        case .text, .output:
            preconditionFailure("text and output are executed by their shape")
        case .ifBlock(let branches, let otherwise):
            var taken = false
            for branch in branches
            where try truth(try eval(branch.condition, frame), at: branch.condition.span) {
                taken = true
                let flow = try execute(branch.body, frame)
                if flow != .normal { return flow }
                break
            }
            if !taken, let otherwise {
                let flow = try execute(otherwise, frame)
                if flow != .normal { return flow }
            }
        case .forLoop(let loop):
            let iterable = try eval(loop.iterable, frame)
            output += try runLoop(loop, iterable: iterable, frame: frame, depth0: 0)
        case .set(let target, let expr):
            try assign(target, try eval(expr, frame), in: frame, at: node.span)
        case .setBlock(let target, let filters, let body):
            var value = Value.string(try capture(body, Frame(parent: frame)))
            for filter in filters { value = try applyFilterExpression(filter, to: value, frame) }
            try assign(target, value, in: frame, at: node.span)
        case .macro(let definition):
            define(definition, in: frame)
        case .extensionBlock(let block):
            if let definition = block.macro { define(definition, in: frame) }
        case .callBlock(let call, let callerDefinition):
            let caller = Macro(
                definition: callerDefinition, closure: frame, file: file, environment: environment)
            guard case .call(let calleeExpr, let arguments) = call.kind else { return .normal }
            let callee = try eval(calleeExpr, frame)
            var args = try evalArguments(arguments, frame)
            args.keywords.append(("caller", .callable(caller)))
            let result = try invoke(callee, args, at: call.span)
            output += try stringify(result, at: call.span)
        case .filterBlock(let filters, let body):
            var value = Value.string(try capture(body, Frame(parent: frame)))
            for filter in filters { value = try applyFilterExpression(filter, to: value, frame) }
            // Jinja2 joins a filter block's result into the output without `str()`.
            guard case .string(let text) = value else {
                throw error(
                    .type("sequence item 0: expected str instance, \(value.typeName) found"),
                    at: node.span)
            }
            output += text
        case .with(let assignments, let body):
            let inner = Frame(parent: frame)
            for (target, expr) in assignments {
                try assign(target, try eval(expr, frame), in: inner, at: node.span)
            }
            let flow = try execute(body, inner)
            if flow != .normal { return flow }
        case .block(_, let scoped, let body):
            output += try capture(body, Frame(parent: scoped ? frame : rootFrame))
        case .do(let expr):
            _ = try eval(expr, frame)
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        }
        return .normal
    }

    private func runLoop(_ loop: ForLoop, iterable: Value, frame: Frame, depth0: Int) throws -> String {
        if case .undefined(let undefined) = iterable, environment.undefinedBehavior == .strict {
            throw error(.undefined(undefined.message), at: loop.iterable.span)
        }
        var items: [Value]
        do {
            items = try iterable.iterate(self)
        } catch let failure as RuntimeFailure {
            throw error(failure, at: loop.iterable.span)
        }
        // A filter (`for x in xs if cond`) is tested item by item as the loop advances, as in Jinja2.
        let filter: ((Value) throws -> Bool)? = loop.condition.map { condition in
            { [unowned self] item in
                let scope = Frame(parent: frame)
                try assign(loop.target, item, in: scope, at: loop.iterable.span)
                return try truth(try eval(condition, scope), at: condition.span)
            }
        }
        let saved = output
        output = ""
        defer { output = saved }
        let recurse: ((Value) throws -> String)? =
            loop.recursive
            ? { [unowned self] children in
                try self.recursiveLoop(loop, children, frame: frame, depth0: depth0 + 1)
            }
            : nil
        let context = LoopContext(items: items, depth0: depth0, recurse: recurse, filter: filter)
        let loopValue = Value.object(context)
        var iterated = false
        // Read once: each access to a class's property would retain and release it per iteration.
        let body = loop.body
        let freshScopes = loop.bodyNeedsFreshScope
        let span = loop.iterable.span
        let maxIterations = environment.limits.maxLoopIterations
        let simpleTarget: String? = if case .name(let name) = loop.target { name } else { nil }
        var position = -1
        var scope = Frame(parent: frame)
        while true {
            position += 1
            guard let item = filter == nil ? (position < items.count ? items[position] : nil) : try context.item(at: position)
            else { break }
            loopIterations += 1
            if loopIterations > maxIterations {
                throw error(.limit("more than \(maxIterations) loop iterations"), at: span)
            }
            context.index0 = position
            if freshScopes && position > 0 { scope = Frame(parent: frame) }
            // A scope kept for every iteration holds `loop` already (the body cannot rebind it).
            if freshScopes || position == 0 { scope["loop"] = loopValue }
            if let simpleTarget {
                scope[simpleTarget] = item
            } else {
                try assign(loop.target, item, in: scope, at: span)
            }
            // Jinja2 marks the loop as having iterated only when a body run completes, so an
            // `else` still runs after a `break` or `continue` in every iteration so far.
            let flow = try execute(body, scope)
            if flow == .breakLoop { break }
            if flow == .normal { iterated = true }
        }
        if !iterated, let otherwise = loop.otherwise { _ = try execute(otherwise, Frame(parent: frame)) }
        return output
    }

    private func recursiveLoop(_ loop: ForLoop, _ children: Value, frame: Frame, depth0: Int) throws -> String
    {
        do { try enterCall() } catch let failure as RuntimeFailure {
            throw error(failure, at: loop.iterable.span)
        }
        defer { callDepth -= 1 }
        return try runLoop(loop, iterable: children, frame: frame, depth0: depth0)
    }

    /// Counts one more nested call, failing (as a runtime failure the caller places at the
    /// call site) past the depth limit or when the thread's stack is nearly used up.
    private func enterCall() throws {
        callDepth += 1
        if callDepth > environment.limits.maxCallDepth || stackGuard.isNearlyExhausted(atDepth: callDepth) {
            callDepth -= 1
            // The depth reached depends on the thread's stack, so the message does not name it.
            throw RuntimeFailure.limit(
                "maximum recursion depth exceeded (the limit is \(environment.limits.maxCallDepth) nested calls, or the thread's stack)"
            )
        }
    }

    private func assign(_ target: AssignTarget, _ value: Value, in frame: Frame, at span: SourceSpan) throws {
        switch target {
        case .name(let name):
            frame[name] = value
        case .tuple(let targets):
            let items: [Value]
            do {
                items = try value.iterate(self)
            } catch let failure as RuntimeFailure {
                throw error(failure, at: span)
            }
            guard items.count == targets.count else {
                let message =
                    items.count > targets.count
                    ? "too many values to unpack (expected \(targets.count))"
                    : "not enough values to unpack (expected \(targets.count), got \(items.count))"
                throw error(.value(message), at: span)
            }
            for (subtarget, item) in zip(targets, items) { try assign(subtarget, item, in: frame, at: span) }
        case .namespaceAttribute(let name, let attribute):
            let namespace = frame.lookup(name) ?? global(name)
            guard case .object(let object) = namespace, object.setAttribute(attribute, value) else {
                throw error(.raised("cannot assign attribute on non-namespace object"), at: span)
            }
        }
    }

    // MARK: - Macros

    /// Scopes that hold macros, which in turn hold the scope: a reference cycle the renderer
    /// breaks when the render is over (`releaseScopes`).
    private var scopesWithMacros: [Frame] = []

    private func define(_ definition: MacroDefinition, in frame: Frame) {
        frame[definition.name] = .callable(
            Macro(definition: definition, closure: frame, file: file, environment: environment))
        if !scopesWithMacros.contains(where: { $0 === frame }) { scopesWithMacros.append(frame) }
    }

    /// Empties the scopes that define macros, except `kept` (a module's exports, whose macros
    /// the host goes on calling), so that a finished render frees its memory.
    func releaseScopes(keeping kept: Frame?) {
        for frame in scopesWithMacros where frame !== kept { frame.removeAll() }
        scopesWithMacros.removeAll()
    }

    /// Calls a macro: binds arguments the way Jinja2's `Macro.__call__` does and renders the body.
    func invoke(_ macro: Macro, _ arguments: Arguments) throws -> Value {
        let definition = macro.definition
        try enterCall()
        defer { callDepth -= 1 }
        let savedFile = file
        file = macro.file
        defer { file = savedFile }
        let frame = Frame(parent: macro.closure)
        let parameters = definition.signature.parameters
        var described: String { definition.name == "caller" ? "macro 'caller'" : "macro '\(definition.name)'" }
        let positional = arguments.positional
        if positional.count > parameters.count, !definition.catchVarargs {
            throw RuntimeFailure.type("\(described) takes not more than \(parameters.count) argument(s)")
        }
        for position in 0..<min(positional.count, parameters.count) {
            frame[parameters[position].name] = positional[position]
        }
        // Parameters past the positional arguments are bound by keyword, else by default.
        var assignedByKeyword: [Bool] = []
        var kwargs: PyDict?
        var caller: Value?
        for (name, value) in arguments.keywords {
            if let position = parameters.firstIndex(where: { $0.name == name }) {
                if assignedByKeyword.isEmpty { assignedByKeyword = Array(repeating: false, count: parameters.count) }
                if position < positional.count || assignedByKeyword[position] {
                    throw RuntimeFailure.type("\(described) got multiple values for argument '\(name)'")
                }
                frame[name] = value
                assignedByKeyword[position] = true
            } else if name == "caller" && definition.usesCaller {
                caller = value
            } else if definition.catchKwargs {
                if kwargs == nil { kwargs = PyDict() }
                kwargs?[string: name] = value
            } else {
                throw RuntimeFailure.type("\(described) takes no keyword argument '\(name)'")
            }
        }
        for position in positional.count..<max(positional.count, parameters.count)
        where assignedByKeyword.isEmpty || !assignedByKeyword[position] {
            let parameter = parameters[position]
            if let defaultValue = parameter.defaultValue {
                frame[parameter.name] = try eval(defaultValue, frame)
            } else {
                frame[parameter.name] = .undefined(
                    Undefined(.hint("parameter '\(parameter.name)' was not provided")))
            }
        }
        if definition.catchVarargs {
            frame["varargs"] = .tuple(positional.count > parameters.count ? Array(positional[parameters.count...]) : [])
        }
        if definition.catchKwargs { frame["kwargs"] = .dict(kwargs ?? PyDict()) }
        if definition.usesCaller {
            frame["caller"] = caller ?? .undefined(Undefined(.hint("No caller defined")))
        }
        do {
            return .string(try capture(definition.body, frame))
        } catch let returned as MacroReturn {
            return returned.value
        }
    }

    // MARK: - Expressions

    func eval(_ expr: Expr, _ frame: Frame) throws -> Value {
        do {
            return try evalUnchecked(expr, frame)
        } catch let failure as RuntimeFailure {
            throw error(failure, at: expr.span)
        }
    }

    private func evalUnchecked(_ expr: Expr, _ frame: Frame) throws -> Value {
        switch expr.shape {
        case .name:
            return lookup(expr.name, frame)
        case .attribute:
            return try borrowed(expr.first) { try eval($0, frame) }.attribute(expr.name, self)
        case .item:
            let target = try borrowed(expr.first) { try eval($0, frame) }
            return try target.item(try borrowed(expr.second) { try eval($0, frame) }, self)
        case .binary(let op):
            return try Operators.binary(
                op, try borrowed(expr.first) { try eval($0, frame) },
                try borrowed(expr.second) { try eval($0, frame) })
        case .and:
            let left = try borrowed(expr.first) { try eval($0, frame) }
            guard try truth(left, at: borrowed(expr.first) { $0.span }) else { return left }
            return try borrowed(expr.second) { try eval($0, frame) }
        case .or:
            let left = try borrowed(expr.first) { try eval($0, frame) }
            if try truth(left, at: borrowed(expr.first) { $0.span }) { return left }
            return try borrowed(expr.second) { try eval($0, frame) }
        case .constant:
            guard case .constant(let value) = expr.kind else { preconditionFailure("a constant's shape") }
            return value
        case .call:
            let callee = try borrowed(expr.first) { try eval($0, frame) }
            return try invoke(callee, try evalArguments(of: expr, frame), at: expr.span)
        case .filter:
            let value = try expr.first.map { try borrowed($0) { try eval($0, frame) } } ?? .none
            return try applyFilter(of: expr, to: value, try evalArguments(of: expr, frame))
        case .test(let negated):
            let subject = try borrowed(expr.first) { try eval($0, frame) }
            return .bool(try applyTest(of: expr, to: subject, try evalArguments(of: expr, frame)) != negated)
        case .other:
            return try evalOther(expr, frame)
        }
    }

    private func lookup(_ name: String, _ frame: Frame) -> Value {
        if let value = frame.lookup(name) ?? global(name) { return value }
        if name == "self", let blockReference { return blockReference }
        return .undefined(Undefined(.name(name)))
    }

    private func evalOther(_ expr: Expr, _ frame: Frame) throws -> Value {
        switch expr.kind {
        case .name, .attribute, .item, .binary, .and, .or, .constant, .call, .filter, .test:
            preconditionFailure("evaluated by their shape")
        case .list(let items):
            return .list(PyList(try items.map { try eval($0, frame) }))
        case .tuple(let items):
            return .tuple(try items.map { try eval($0, frame) })
        case .dict(let pairs):
            let dict = PyDict()
            for (keyExpr, valueExpr) in pairs {
                let key = try eval(keyExpr, frame)
                guard HashKey(key) != nil else {
                    throw error(.type("unhashable type: '\(key.typeName)'"), at: keyExpr.span)
                }
                dict[key] = try eval(valueExpr, frame)
            }
            return .dict(dict)
        case .slice(let targetExpr, let start, let stop, let step):
            let target = try eval(targetExpr, frame)
            return try Slicing.slice(
                target, start: try start.map { try eval($0, frame) },
                stop: try stop.map { try eval($0, frame) },
                step: try step.map { try eval($0, frame) })
        case .unary(let op, let operandExpr):
            let operand = try eval(operandExpr, frame)
            switch op {
            case .not: return .bool(!(try truth(operand, at: operandExpr.span)))
            case .negate, .plus:
                if case .undefined(let undefined) = operand {
                    throw RuntimeFailure.undefined(undefined.message)
                }
                guard let number = operand.numeric else {
                    throw RuntimeFailure.type(
                        "bad operand type for unary \(op == .negate ? "-" : "+"): '\(operand.typeName)'")
                }
                return op == .negate ? Arithmetic.negate(number) : number.value
            }
        case .compare(let firstExpr, let operations):
            var left = try eval(firstExpr, frame)
            for operation in operations {
                let right = try eval(operation.operand, frame)
                if !(try Operators.compare(operation.op, left, right, self)) { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .conditional(let condition, let then, let otherwise):
            if try truth(try eval(condition, frame), at: condition.span) { return try eval(then, frame) }
            if let otherwise { return try eval(otherwise, frame) }
            let line = file.location(of: expr.span.start).line
            return .undefined(
                Undefined(
                    .hint(
                        "the inline if-expression on line \(line) evaluated to false and no else section was defined."
                    )))
        case .concat(let items):
            var text = ""
            for item in items {
                let value = try eval(item, frame)
                text += try stringify(value, at: item.span)
            }
            return .string(text)
        }
    }

    /// The arguments of a call, filter or test expression.
    private func evalArguments(of expr: Expr, _ frame: Frame) throws -> Arguments {
        guard let positional = borrowed(expr.unretainedApplication, { $0.positionalArguments }) else {
            switch expr.kind {
            case .call(_, let arguments), .filter(_, _, _, let arguments), .test(_, _, _, let arguments, _):
                return try evalArguments(arguments, frame)
            default:
                return Arguments()
            }
        }
        if positional.isEmpty { return Arguments() }
        var values: [Value] = []
        values.reserveCapacity(positional.count)
        for argument in positional { values.append(try borrowed(argument) { try eval($0, frame) }) }
        return Arguments(values)
    }

    private func evalArguments(_ arguments: [Argument], _ frame: Frame) throws -> Arguments {
        var result = Arguments()
        for argument in arguments {
            switch argument {
            case .positional(let expr):
                result.positional.append(try eval(expr, frame))
            case .keyword(let name, let expr):
                result.keywords.append((name, try eval(expr, frame)))
            case .splat(let expr):
                result.positional += try eval(expr, frame).iterate(self)
            case .keywordSplat(let expr):
                let value = try eval(expr, frame)
                guard case .dict(let dict) = value else {
                    throw error(
                        .type("argument after ** must be a mapping, not \(value.typeName)"), at: expr.span)
                }
                for (key, item) in dict.pairs { result.keywords.append((key.pyStr, item)) }
            }
        }
        return result
    }

    private func invoke(_ callee: Value, _ arguments: Arguments, at span: SourceSpan) throws -> Value {
        do {
            return try call(callee, arguments)
        } catch let failure as RuntimeFailure {
            throw error(failure, at: span)
        } catch var templateError as TemplateError {
            // An error inside a macro points into the macro; add where it was called from.
            if case .callable(let macro as Macro) = callee, templateError.diagnostic.notes.count < 8 {
                let note = Diagnostic.Note("in macro '\(macro.name)' called here", file: file, span: span)
                // Recursion repeats one call site; show it once.
                let diagnostic = templateError.diagnostic
                let last =
                    diagnostic.notes.last.map { ($0.span, $0.file?.name) } ?? (
                        diagnostic.span, diagnostic.file?.name
                    )
                if last.0 != span || last.1 != file.name {
                    templateError.diagnostic.notes.append(note)
                }
            }
            throw templateError
        }
    }

    private func applyFilterExpression(_ filterExpr: Expr, to value: Value, _ frame: Frame) throws -> Value {
        guard case .filter = filterExpr.shape else { return value }
        do {
            return try applyFilter(of: filterExpr, to: value, try evalArguments(of: filterExpr, frame))
        } catch let failure as RuntimeFailure {
            throw error(failure, at: filterExpr.span)
        }
    }

    /// Applies the filter a filter expression names: the one found while parsing, unless the
    /// environment's filters have changed since.
    private func applyFilter(of expr: Expr, to value: Value, _ arguments: Arguments) throws -> Value {
        if let filter = borrowed(expr.unretainedApplication, {
            $0.generation == environment.functionsGeneration ? $0.filter : nil
        }) {
            return try filter(value, arguments, self)
        }
        guard let filter = environment.filters[expr.name] else {
            throw TemplateError(
                Diagnostic(
                    code: "J0301", message: "no filter named '\(expr.name)'", file: file, span: expr.functionNameSpan))
        }
        return try filter(value, arguments, self)
    }

    private func applyTest(of expr: Expr, to value: Value, _ arguments: Arguments) throws -> Bool {
        if let test = borrowed(expr.unretainedApplication, {
            $0.generation == environment.functionsGeneration ? $0.test : nil
        }) {
            return try test(value, arguments, self)
        }
        guard let test = environment.tests[expr.name] else {
            throw TemplateError(
                Diagnostic(
                    code: "J0302", message: "no test named '\(expr.name)'", file: file, span: expr.functionNameSpan))
        }
        return try test(value, arguments, self)
    }

    // MARK: - Conversions with the undefined policy

    private func truth(_ value: Value, at span: SourceSpan) throws -> Bool {
        if case .undefined(let undefined) = value, environment.undefinedBehavior == .strict {
            throw error(.undefined(undefined.message), at: span)
        }
        return value.isTruthy
    }

    private func stringify(_ value: Value, at span: SourceSpan) throws -> String {
        if case .undefined(let undefined) = value, environment.undefinedBehavior == .strict {
            throw error(.undefined(undefined.message), at: span)
        }
        return value.pyStr
    }

    private func error(_ failure: RuntimeFailure, at span: SourceSpan) -> TemplateError {
        TemplateError(
            Diagnostic(code: failure.code, message: failure.message, file: file, span: span), failure: failure
        )
    }

    // MARK: - CallContext

    func call(_ callee: Value, _ arguments: Arguments) throws -> Value {
        switch callee {
        case .callable(let callable):
            return try callable.call(arguments, self)
        case .object(let object):
            if let result = try object.call(arguments, self) { return result }
            throw RuntimeFailure.type("'\(object.typeName)' object is not callable")
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        default:
            throw RuntimeFailure.type("'\(callee.typeName)' object is not callable")
        }
    }

    func applyFilter(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Value {
        guard let filter = environment.filters[name] else {
            throw RuntimeFailure.raised("No filter named '\(name)'.")
        }
        return try filter(value, arguments, self)
    }

    func applyTest(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Bool {
        guard let test = environment.tests[name] else {
            throw RuntimeFailure.raised("No test named '\(name)'.")
        }
        return try test(value, arguments, self)
    }

    func resolve(_ name: String) -> Value {
        global(name) ?? .undefined(Undefined(.name(name)))
    }

    func observe(_ name: String) { observer?.lookedUp(name) }

    func render(_ template: Template) throws -> String {
        try template.render(context, shared: shared, observer: observer)
    }

    /// A name that no scope of the template defines: the render's variables, then the shared
    /// globals, then the environment's. A `DeferredValue` is built here, when first looked up.
    func global(_ name: String) -> Value? {
        observer?.lookedUp(name)
        let value = context[name] ?? shared?.lookup(name) ?? environment.globals[name]
        if case .object(let object)? = value, let deferred = object as? DeferredValue { return deferred.value }
        return value
    }
}
