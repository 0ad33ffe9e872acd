import Jinja

extension Value {
    /// A host value wrapping a Swift closure; shorthand for methods of Python objects.
    static func method(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .function(name) { arguments, _ in try body(arguments) }
    }

    /// The Swift object behind a `.object` value, when it has the type asked for.
    func object<T>(_ type: T.Type) -> T? {
        if case .object(let object) = self { return object as? T }
        return nil
    }
}
