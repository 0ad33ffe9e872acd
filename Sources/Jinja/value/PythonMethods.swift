/// Python's methods on `str`, `list` and `dict`, reached as `value.name` from templates.
enum PythonMethods {
    /// A bound method of `receiver` named `name`, or nil when its type has no such method.
    static func method(on receiver: Value, named name: String) -> Value? {
        nil  // PLACEHOLDER: being written by a helper session
    }
}
