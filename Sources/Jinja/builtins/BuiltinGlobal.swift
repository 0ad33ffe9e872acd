/// A built-in global: a function or class of Jinja2's, printed the way Python prints it
/// (without the address).
final class BuiltinGlobal: Callable {
    private let body: NativeFunction
    private let repr: String

    init(_ name: String, repr: String, _ body: @escaping NativeFunction) {
        self.body = body
        self.repr = repr
        super.init(name: name)
    }

    override func call(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        try body(arguments, context)
    }

    override var typeName: String { repr.hasPrefix("<class") ? "type" : "function" }

    override var pyRepr: String { repr }
}
