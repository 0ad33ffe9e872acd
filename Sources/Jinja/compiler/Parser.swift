import BigInt
import Diagnostics

/// Builds the AST from tokens, following the structure and precedence of Jinja2's parser:
/// `or < and < not < comparisons < + - < ~ < * / // % < ** < unary < postfix/filters`.
struct Parser {
    let file: SourceFile
    let extensionTags: [String: ExtensionTag]
    private var tokens: [Token]
    private var index = 0
    /// Open blocks, innermost last, with the span of their opening tag for error notes.
    private var openBlocks: [(name: String, span: SourceSpan)] = []
    /// `{% block %}` names seen so far: Jinja2 refuses a name defined twice.
    private var blockNames = Set<String>()

    /// Where filters and tests are found, to keep the function with the expression applying it.
    let functions: Environment?

    init(tokens: [Token], file: SourceFile, extensionTags: [String: ExtensionTag], functions: Environment? = nil) {
        self.tokens = tokens
        self.file = file
        self.extensionTags = extensionTags
        self.functions = functions
    }

    mutating func parseTemplate() throws -> [Node] {
        let (nodes, end) = try parseNodes(until: [])
        if let end {
            throw error("unexpected '\(end.name)'", at: end.span)
        }
        return nodes
    }

    // MARK: - Token stream

    private var current: Token { tokens[index] }
    private var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func error(_ message: String, at span: SourceSpan, notes: [Diagnostic.Note] = []) -> TemplateError
    {
        TemplateError.syntax(message, file: file, span: span, notes: notes)
    }

    private func unexpected(_ expected: String) -> TemplateError {
        if case .eof = current.kind {
            return error("unexpected end of template, expected \(expected)", at: current.span)
        }
        return error("unexpected \(current.describe), expected \(expected)", at: current.span)
    }

    private mutating func expectOp(_ op: String) throws -> Token {
        guard current.isOp(op) else { throw unexpected("'\(op)'") }
        return advance()
    }

    private mutating func expectName() throws -> (String, SourceSpan) {
        guard case .name(let name) = current.kind else { throw unexpected("a name") }
        advance()
        return (name, tokens[index - 1].span)
    }

    private mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else { throw unexpected("end of statement block") }
        advance()
    }

    /// The end of a tag that opens a body (`if`, `elif`, `else`, `for`, `macro`, `call`, `filter`,
    /// `set`, `block`, the host's block tags), which may end in a colon: Jinja2 skips one there
    /// "for Python compatibility" (dbt's own `default__create_table_as` writes `{% if temporary: %}`).
    private mutating func expectBodyStart() throws {
        _ = skipOp(":")
        try expectBlockEnd()
    }

    private mutating func skipOp(_ op: String) -> Bool {
        if current.isOp(op) {
            advance()
            return true
        }
        return false
    }

    private mutating func skipName(_ name: String) -> Bool {
        if current.isName(name) {
            advance()
            return true
        }
        return false
    }

    // MARK: - Template structure

    /// Parses nodes until a block tag named in `endTags`; returns that tag (the cursor is on
    /// its name) or nil at the end of the template.
    private mutating func parseNodes(until endTags: Set<String>) throws -> (
        [Node], (name: String, span: SourceSpan)?
    ) {
        var nodes: [Node] = []
        while true {
            switch current.kind {
            case .data(let text):
                nodes.append(Node(.text(text), current.span))
                advance()
            case .variableBegin:
                let begin = advance()
                let expr = try parseTuple()
                guard current.kind == .variableEnd else { throw unexpected("end of print statement") }
                let end = advance()
                nodes.append(Node(.output(expr), begin.span.merged(with: end.span)))
            case .blockBegin:
                let begin = advance()
                guard case .name(let tag) = current.kind else {
                    if current.kind == .blockEnd { throw error("tag name expected", at: current.span) }
                    throw unexpected("a tag name")
                }
                if endTags.contains(tag) { return (nodes, (tag, current.span)) }
                nodes.append(try parseStatement(tag: tag, begin: begin.span))
            case .eof:
                if !endTags.isEmpty, let open = openBlocks.last {
                    let expected = endTags.sorted().map { "'\($0)'" }.joined(separator: " or ")
                    throw error(
                        "unexpected end of template: the '\(open.name)' block is never closed (expected \(expected))",
                        at: current.span,
                        notes: [
                            Diagnostic.Note(
                                "the '\(open.name)' block was opened here", file: file, span: open.span)
                        ])
                }
                return (nodes, nil)
            default:
                throw error("unexpected \(current.describe)", at: current.span)
            }
        }
    }

    /// Parses a block body up to one of `endTags`, consuming that tag's name (not its `%}`).
    private mutating func parseBody(
        opening name: String, at span: SourceSpan, until endTags: Set<String>
    ) throws -> ([Node], String) {
        if openBlocks.count >= Self.maxExpressionDepth {
            throw error("blocks nested too deeply (more than \(Self.maxExpressionDepth) levels)", at: span)
        }
        openBlocks.append((name, span))
        defer { openBlocks.removeLast() }
        let (nodes, end) = try parseNodes(until: endTags)
        guard let end else { throw error("unexpected end of template", at: current.span) }
        advance()
        return (nodes, end.name)
    }

    private mutating func parseStatement(tag: String, begin: SourceSpan) throws -> Node {
        let tagSpan = current.span
        let span = begin.merged(with: tagSpan)
        advance()
        switch tag {
        case "if": return try parseIf(span: span)
        case "for": return try parseFor(span: span)
        case "set": return try parseSet(span: span)
        case "macro": return try parseMacro(span: span)
        case "call": return try parseCallBlock(span: span)
        case "filter": return try parseFilterBlock(span: span)
        case "with": return try parseWith(span: span)
        case "block": return try parseBlock(span: span)
        case "do":
            let expr = try parseTuple()
            try expectBlockEnd()
            return Node(.do(expr), span)
        case "break", "continue":
            // A macro or call block body is a function of its own: a loop around it does not count.
            guard openBlocks.last(where: { ["for", "macro", "call"].contains($0.name) })?.name == "for" else {
                throw error("'\(tag)' outside of a loop", at: tagSpan)
            }
            try expectBlockEnd()
            return Node(tag == "break" ? .break : .continue, span)
        default:
            if let ext = extensionTags[tag] { return try parseExtension(ext, span: span) }
            var message =
                tag.hasPrefix("end") && tag.count > 3
                ? "unexpected '\(tag)': no '\(tag.dropFirst(3))' block is open here"
                : "unknown tag '\(tag)'"
            var notes: [Diagnostic.Note] = []
            if let open = openBlocks.last {
                message += "; the innermost block that needs to be closed is '\(open.name)'"
                notes.append(
                    Diagnostic.Note("the '\(open.name)' block was opened here", file: file, span: open.span))
            }
            throw error(message, at: tagSpan, notes: notes)
        }
    }

    private mutating func parseIf(span: SourceSpan) throws -> Node {
        var branches: [(condition: Expr, body: [Node])] = []
        var condition = try parseTuple(withCondExpr: false)
        try expectBodyStart()
        while true {
            let (body, end) = try parseBody(opening: "if", at: span, until: ["elif", "else", "endif"])
            branches.append((condition, body))
            switch end {
            case "elif":
                condition = try parseTuple(withCondExpr: false)
                try expectBodyStart()
            case "else":
                try expectBodyStart()
                let (otherwise, _) = try parseBody(opening: "if", at: span, until: ["endif"])
                try expectBlockEnd()
                return Node(.ifBlock(branches: branches, otherwise: otherwise), span)
            default:
                try expectBlockEnd()
                return Node(.ifBlock(branches: branches, otherwise: nil), span)
            }
        }
    }

    private mutating func parseFor(span: SourceSpan) throws -> Node {
        let targetSpan = current.span
        let target = try parseAssignTarget(allowNamespace: false)
        if target.names.contains("loop") {
            throw error("can't assign to special loop variable in for-loop target", at: targetSpan)
        }
        guard skipName("in") else { throw unexpected("'in'") }
        let iterable = try parseTuple(withCondExpr: false, extraEndNames: ["recursive"])
        var condition: Expr?
        if skipName("if") { condition = try parseExpression() }
        let recursive = skipName("recursive")
        try expectBodyStart()
        let (body, end) = try parseBody(opening: "for", at: span, until: ["endfor", "else"])
        var otherwise: [Node]?
        if end == "else" {
            try expectBodyStart()
            otherwise = try parseBody(opening: "for", at: span, until: ["endfor"]).0
        }
        try expectBlockEnd()
        let loop = ForLoop(
            target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise,
            recursive: recursive)
        return Node(.forLoop(loop), span)
    }

    private mutating func parseSet(span: SourceSpan) throws -> Node {
        let target = try parseAssignTarget(allowNamespace: true)
        if skipOp("=") {
            let value = try parseTuple()
            try expectBlockEnd()
            return Node(.set(target, value), span)
        }
        let filters = try parseFilterChain()
        try expectBodyStart()
        let (body, _) = try parseBody(opening: "set", at: span, until: ["endset"])
        try expectBlockEnd()
        return Node(.setBlock(target, filters: filters, body: body), span)
    }

    private mutating func parseMacro(span: SourceSpan) throws -> Node {
        let (name, _) = try expectName()
        let signature = try parseSignature()
        try expectBodyStart()
        let (body, _) = try parseBody(opening: "macro", at: span, until: ["endmacro"])
        try expectBlockEnd()
        let definition = MacroDefinition(name: name, signature: signature, body: body)
        definition.extent = span.merged(with: tokens[index - 1].span)
        return Node(.macro(definition), span)
    }

    private mutating func parseCallBlock(span: SourceSpan) throws -> Node {
        var signature = MacroSignature(parameters: [])
        if current.isOp("(") { signature = try parseSignature() }
        let call = try parseExpression()
        guard case .call = call.kind else {
            throw error("expected call", at: call.span)
        }
        try expectBodyStart()
        let (body, _) = try parseBody(opening: "call", at: span, until: ["endcall"])
        try expectBlockEnd()
        return Node(
            .callBlock(call: call, caller: MacroDefinition(name: "caller", signature: signature, body: body)),
            span)
    }

    private mutating func parseFilterBlock(span: SourceSpan) throws -> Node {
        let filters = try parseFilterChain(requireOne: true)
        try expectBodyStart()
        let (body, _) = try parseBody(opening: "filter", at: span, until: ["endfilter"])
        try expectBlockEnd()
        return Node(.filterBlock(filters: filters, body: body), span)
    }

    private mutating func parseBlock(span: SourceSpan) throws -> Node {
        let (name, nameSpan) = try expectName()
        guard blockNames.insert(name).inserted else {
            throw error("block '\(name)' defined twice", at: nameSpan)
        }
        var scoped = false
        while case .name(let modifier) = current.kind, modifier == "scoped" || modifier == "required" {
            scoped = scoped || modifier == "scoped"
            advance()
        }
        try expectBodyStart()
        let (body, _) = try parseBody(opening: "block", at: span, until: ["endblock"])
        if case .name(let closing) = current.kind {
            guard closing == name else {
                throw error("mismatching name '\(closing)' for block '\(name)'", at: current.span)
            }
            advance()
        }
        try expectBlockEnd()
        return Node(.block(name: name, scoped: scoped, body: body), span)
    }

    private mutating func parseWith(span: SourceSpan) throws -> Node {
        var assignments: [(AssignTarget, Expr)] = []
        while current.kind != .blockEnd {
            if !assignments.isEmpty { _ = try expectOp(",") }
            let target = try parseAssignTarget(allowNamespace: false)
            _ = try expectOp("=")
            assignments.append((target, try parseExpression()))
        }
        try expectBlockEnd()
        let (body, _) = try parseBody(opening: "with", at: span, until: ["endwith"])
        try expectBlockEnd()
        return Node(.with(assignments: assignments, body: body), span)
    }

    private mutating func parseExtension(_ ext: ExtensionTag, span: SourceSpan) throws -> Node {
        let (name, _) = try expectName()
        var signature = MacroSignature(parameters: [])
        if current.isOp("(") { signature = try parseSignature() }
        var header = ExtensionHeader(name: name)
        while skipOp(",") {
            let (item, _) = try expectName()
            if skipOp("=") {
                let valueExpr = try parseExpression()
                guard case .constant(let value) = valueExpr.kind else {
                    throw error("'\(ext.name)' options must be constants", at: valueExpr.span)
                }
                header.options[item] = value
            } else {
                header.flags.append(item)
            }
        }
        // A `{% docs %}` body is kept as written; find where it starts before parsing it.
        _ = skipOp(":")
        let bodyStart = current.span.end
        try expectBlockEnd()
        let endTag = "end" + ext.name
        let (body, _) = try parseBody(opening: ext.name, at: span, until: [endTag])
        let bodyEnd = tokens[index - 2].span.start
        try expectBlockEnd()
        let rawBody: String? = {
            let utf8 = file.text.utf8
            guard bodyEnd >= bodyStart else { return "" }
            let start = utf8.index(utf8.startIndex, offsetBy: bodyStart)
            let end = utf8.index(utf8.startIndex, offsetBy: bodyEnd)
            return String(file.text[start..<end])
        }()
        var macro: MacroDefinition?
        if case .macro(let namer) = ext.form {
            macro = MacroDefinition(name: namer(header), signature: signature, body: body)
            macro?.extent = span.merged(with: tokens[index - 1].span)
        }
        let block = ExtensionBlock(
            tag: ext.name, macro: macro, name: name, rawBody: rawBody, body: body, span: span)
        return Node(.extensionBlock(block), span)
    }

    private mutating func parseSignature() throws -> MacroSignature {
        _ = try expectOp("(")
        var parameters: [(name: String, defaultValue: Expr?)] = []
        while !current.isOp(")") {
            if !parameters.isEmpty { _ = try expectOp(",") }
            if current.isOp(")") { break }
            let (name, span) = try expectName()
            var defaultValue: Expr?
            if skipOp("=") {
                defaultValue = try parseExpression()
            } else if parameters.last?.defaultValue != nil {
                throw error("non-default argument follows default argument", at: span)
            }
            parameters.append((name, defaultValue))
        }
        advance()
        return MacroSignature(parameters: parameters)
    }

    private mutating func parseFilterChain(requireOne: Bool = false) throws -> [Expr] {
        var filters: [Expr] = []
        if requireOne {
            filters.append(try parseFilterCall(input: nil))
        }
        while skipOp("|") { filters.append(try parseFilterCall(input: nil)) }
        return filters
    }

    private mutating func parseAssignTarget(allowNamespace: Bool) throws -> AssignTarget {
        var targets: [AssignTarget] = []
        var sawComma = false
        repeat {
            if current.isOp("(") {
                advance()
                targets.append(try parseAssignTarget(allowNamespace: false))
                _ = try expectOp(")")
            } else {
                let (name, span) = try expectName()
                if ["true", "false", "none", "True", "False", "None"].contains(name) {
                    throw error("can't assign to \(name)", at: span)
                }
                if allowNamespace && current.isOp(".") {
                    advance()
                    let (attribute, _) = try expectName()
                    return .namespaceAttribute(name, attribute)
                }
                targets.append(.name(name))
            }
            sawComma = skipOp(",")
        } while sawComma
            && !(current.isName("in") || current.isOp("=") || current.isOp(")") || current.kind == .blockEnd)
        if targets.count == 1 && !sawComma { return targets[0] }
        return .tuple(targets)
    }

    // MARK: - Expressions

    /// Jinja2's `parse_tuple`: an expression, or a tuple of them when commas follow.
    private mutating func parseTuple(withCondExpr: Bool = true, extraEndNames: Set<String> = []) throws
        -> Expr
    {
        let start = current.span
        var items: [Expr] = []
        var sawComma = false
        while true {
            if !items.isEmpty {
                guard skipOp(",") else { break }
                sawComma = true
            }
            if isTupleEnd(extraEndNames) { break }
            items.append(withCondExpr ? try parseExpression() : try parseOr())
            if !current.isOp(",") { break }
        }
        if !sawComma, items.count == 1 { return items[0] }
        if items.isEmpty && !sawComma { throw unexpected("an expression") }
        return makeTuple(items, span: start.merged(with: tokens[max(0, index - 1)].span))
    }

    private func isTupleEnd(_ extra: Set<String>) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd, .eof: return true
        case .op(let op): return op == ")"
        case .name(let name): return extra.contains(name)
        default: return false
        }
    }

    private func makeTuple(_ items: [Expr], span: SourceSpan) -> Expr {
        var constants: [Value] = []
        for item in items {
            guard case .constant(let value) = item.kind else { return Expr(.tuple(items), span) }
            constants.append(value)
        }
        return Expr(.constant(.tuple(constants)), span)
    }

    /// How deeply expressions nest; bounded so that `((((...` cannot overflow the stack.
    private var expressionDepth = 0
    static let maxExpressionDepth = 200

    private mutating func enterNesting() throws {
        expressionDepth += 1
        if expressionDepth > Self.maxExpressionDepth {
            throw error(
                "expression nested too deeply (more than \(Self.maxExpressionDepth) levels)", at: current.span
            )
        }
    }

    mutating func parseExpression() throws -> Expr {
        try enterNesting()
        defer { expressionDepth -= 1 }
        var expr = try parseOr()
        while current.isName("if") {
            advance()
            let condition = try parseOr()
            var otherwise: Expr?
            if skipName("else") { otherwise = try parseExpression() }
            expr = Expr(
                .conditional(condition: condition, then: expr, otherwise: otherwise),
                expr.span.merged(with: (otherwise ?? condition).span))
        }
        return expr
    }

    private mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while skipName("or") {
            let right = try parseAnd()
            left = Expr(.or(left, right), left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while skipName("and") {
            let right = try parseNot()
            left = Expr(.and(left, right), left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        if current.isName("not") {
            try enterNesting()
            defer { expressionDepth -= 1 }
            let start = advance().span
            let operand = try parseNot()
            return Expr(.unary(.not, operand), start.merged(with: operand.span))
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> Expr {
        let first = try parseMath1()
        var operations: [(op: CompareOperator, operand: Expr, span: SourceSpan)] = []
        while true {
            let opSpan = current.span
            var op: CompareOperator?
            if case .op(let symbol) = current.kind, let compare = CompareOperator(rawValue: symbol),
                symbol != "in"
            {
                op = compare
                advance()
            } else if current.isName("in") {
                op = .in
                advance()
            } else if current.isName("not") && next.isName("in") {
                op = .notIn
                advance()
                advance()
            }
            guard let op else { break }
            operations.append((op, try parseMath1(), opSpan))
        }
        if operations.isEmpty { return first }
        return Expr(
            .compare(first, operations),
            first.span.merged(with: operations[operations.count - 1].operand.span))
    }

    private mutating func parseMath1() throws -> Expr {
        var left = try parseConcat()
        while case .op(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            advance()
            let right = try parseConcat()
            left = Expr(
                .binary(symbol == "+" ? .add : .subtract, left, right), left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parseConcat() throws -> Expr {
        var items = [try parseMath2()]
        while skipOp("~") { items.append(try parseMath2()) }
        if items.count == 1 { return items[0] }
        return Expr(.concat(items), items[0].span.merged(with: items[items.count - 1].span))
    }

    private mutating func parseMath2() throws -> Expr {
        var left = try parsePow()
        while case .op(let symbol) = current.kind, ["*", "/", "//", "%"].contains(symbol) {
            advance()
            let right = try parsePow()
            let op = BinaryOperator(rawValue: symbol) ?? .multiply
            left = Expr(.binary(op, left, right), left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parsePow() throws -> Expr {
        var left = try parseUnary()
        while skipOp("**") {
            let right = try parseUnary()
            left = Expr(.binary(.power, left, right), left.span.merged(with: right.span))
        }
        return left
    }

    private mutating func parseUnary(withFilter: Bool = true) throws -> Expr {
        var node: Expr
        if current.isOp("-") || current.isOp("+") {
            try enterNesting()
            defer { expressionDepth -= 1 }
            let start = advance()
            let operand = try parseUnary(withFilter: false)
            node = Expr(
                .unary(start.isOp("-") ? .negate : .plus, operand), start.span.merged(with: operand.span))
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if withFilter { node = try parseFilterExpression(node) }
        return node
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .name(let name):
            advance()
            switch name {
            case "true", "True": return Expr(.constant(.bool(true)), token.span)
            case "false", "False": return Expr(.constant(.bool(false)), token.span)
            case "none", "None": return Expr(.constant(.none), token.span)
            default: return Expr(.name(name), token.span)
            }
        case .string(let text):
            advance()
            var value = text
            var span = token.span
            // Adjacent literals concatenate, as in Python: `'a' 'b'`.
            while case .string(let more) = current.kind {
                value += more
                span = span.merged(with: current.span)
                advance()
            }
            return Expr(.constant(.string(value)), span)
        case .integer(let value):
            advance()
            return Expr(.constant(Value.integer(value)), token.span)
        case .float(let value):
            advance()
            return Expr(.constant(.float(value)), token.span)
        case .op("("):
            advance()
            if current.isOp(")") {
                let end = advance()
                return Expr(.constant(.tuple([])), token.span.merged(with: end.span))
            }
            let inner = try parseTupleInParentheses(start: token.span)
            return inner
        case .op("["):
            advance()
            var items: [Expr] = []
            while !current.isOp("]") {
                if !items.isEmpty { _ = try expectOp(",") }
                if current.isOp("]") { break }
                items.append(try parseExpression())
            }
            let end = advance()
            return Expr(.list(items), token.span.merged(with: end.span))
        case .op("{"):
            advance()
            var pairs: [(key: Expr, value: Expr)] = []
            while !current.isOp("}") {
                if !pairs.isEmpty { _ = try expectOp(",") }
                if current.isOp("}") { break }
                let key = try parseExpression()
                _ = try expectOp(":")
                pairs.append((key, try parseExpression()))
            }
            let end = advance()
            return Expr(.dict(pairs), token.span.merged(with: end.span))
        default:
            throw unexpected("an expression")
        }
    }

    private mutating func parseTupleInParentheses(start: SourceSpan) throws -> Expr {
        var items: [Expr] = [try parseExpression()]
        var sawComma = false
        while skipOp(",") {
            sawComma = true
            if current.isOp(")") { break }
            items.append(try parseExpression())
        }
        guard current.isOp(")") else { throw unexpected("')'") }
        let end = advance()
        if !sawComma { return items[0] }
        return makeTuple(items, span: start.merged(with: end.span))
    }

    private mutating func parsePostfix(_ start: Expr) throws -> Expr {
        var node = start
        while true {
            if current.isOp(".") || current.isOp("[") {
                node = try parseSubscript(node)
            } else if current.isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseFilterExpression(_ start: Expr) throws -> Expr {
        var node = start
        while true {
            if current.isOp("|") {
                advance()
                node = try parseFilterCall(input: node)
            } else if current.isName("is") {
                node = try parseTest(node)
            } else if current.isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseSubscript(_ target: Expr) throws -> Expr {
        let token = advance()
        if token.isOp(".") {
            switch current.kind {
            case .name(let name):
                let end = advance()
                return Expr(.attribute(target, name), target.span.merged(with: end.span))
            case .integer(let value):
                let end = advance()
                return Expr(
                    .item(target, Expr(.constant(Value.integer(value)), end.span)),
                    target.span.merged(with: end.span))
            default:
                throw unexpected("an attribute name")
            }
        }
        var subscripts: [Expr] = []
        while !current.isOp("]") {
            if !subscripts.isEmpty {
                _ = try expectOp(",")
                if current.isOp("]") { break }
            }
            subscripts.append(try parseSubscribed())
        }
        let end = advance()
        let span = target.span.merged(with: end.span)
        guard !subscripts.isEmpty else { throw error("expected subscript expression", at: end.span) }
        if subscripts.count == 1 {
            if case .slice(_, let start, let stop, let step) = subscripts[0].kind {
                return Expr(.slice(target, start: start, stop: stop, step: step), span)
            }
            return Expr(.item(target, subscripts[0]), span)
        }
        return Expr(.item(target, makeTuple(subscripts, span: span)), span)
    }

    /// One subscript: an expression or a `start:stop:step` slice (encoded as a slice of a
    /// placeholder, unpacked by the caller).
    private mutating func parseSubscribed() throws -> Expr {
        let startSpan = current.span
        var start: Expr?
        if !current.isOp(":") {
            let expr = try parseExpression()
            if !current.isOp(":") { return expr }
            start = expr
        }
        advance()
        var stop: Expr?
        if !current.isOp("]") && !current.isOp(",") && !current.isOp(":") { stop = try parseExpression() }
        var step: Expr?
        if skipOp(":") {
            if !current.isOp("]") && !current.isOp(",") { step = try parseExpression() }
        }
        let placeholder = Expr(.constant(.none), startSpan)
        return Expr(.slice(placeholder, start: start, stop: stop, step: step), startSpan)
    }

    private mutating func parseCallArguments() throws -> ([Argument], SourceSpan) {
        _ = try expectOp("(")
        var arguments: [Argument] = []
        var sawKeyword = false
        while !current.isOp(")") {
            if !arguments.isEmpty {
                _ = try expectOp(",")
                if current.isOp(")") { break }
            }
            if current.isOp("*") {
                advance()
                arguments.append(.splat(try parseExpression()))
            } else if current.isOp("**") {
                advance()
                arguments.append(.keywordSplat(try parseExpression()))
            } else if case .name(let name) = current.kind, next.isOp("=") {
                advance()
                advance()
                sawKeyword = true
                arguments.append(.keyword(name, try parseExpression()))
            } else {
                let span = current.span
                let expr = try parseExpression()
                if sawKeyword {
                    throw error(
                        "invalid syntax for function call expression: positional argument follows keyword argument",
                        at: span)
                }
                arguments.append(.positional(expr))
            }
        }
        let end = advance()
        return (arguments, end.span)
    }

    private mutating func parseCall(_ callee: Expr) throws -> Expr {
        let (arguments, end) = try parseCallArguments()
        return Expr(.call(callee, arguments), callee.span.merged(with: end))
    }

    private mutating func parseDottedName() throws -> (String, SourceSpan) {
        var (name, span) = try expectName()
        while current.isOp(".") {
            advance()
            let (part, partSpan) = try expectName()
            name += "." + part
            span = span.merged(with: partSpan)
        }
        return (name, span)
    }

    private mutating func parseFilterCall(input: Expr?) throws -> Expr {
        let (name, nameSpan) = try parseDottedName()
        var arguments: [Argument] = []
        var end = nameSpan
        if current.isOp("(") { (arguments, end) = try parseCallArguments() }
        let span = (input?.span ?? nameSpan).merged(with: end)
        return Expr(
            .filter(input, name: name, nameSpan: nameSpan, arguments), span, filter: functions?.filters[name],
            generation: functions?.functionsGeneration ?? 0)
    }

    private mutating func parseTest(_ subject: Expr) throws -> Expr {
        advance()
        let negated = skipName("not")
        let (name, nameSpan) = try parseDottedName()
        var arguments: [Argument] = []
        var end = nameSpan
        if current.isOp("(") {
            (arguments, end) = try parseCallArguments()
        } else if startsPrimary(current), !current.isName("else"), !current.isName("or"),
            !current.isName("and")
        {
            if current.isName("is") {
                throw error("you cannot chain multiple tests with is", at: current.span)
            }
            let argument = try parsePostfix(try parsePrimary())
            arguments = [.positional(argument)]
            end = argument.span
        }
        return Expr(
            .test(subject, name: name, nameSpan: nameSpan, arguments, negated: negated),
            subject.span.merged(with: end), test: functions?.tests[name], generation: functions?.functionsGeneration ?? 0)
    }

    private func startsPrimary(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .string, .integer, .float: return true
        case .op(let op): return op == "(" || op == "[" || op == "{"
        default: return false
        }
    }
}
