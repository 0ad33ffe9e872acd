/// Jinja2's default globals: `range`, `dict`, `namespace`, `lipsum`, `cycler`, `joiner`.
enum BuiltinGlobals {
    static let all: [String: Value] = [:]  // PLACEHOLDER: being written by a helper session
}
