/// Jinja2 3.1's built-in tests.
enum BuiltinTests {
    static let all: [String: Test] = [:]  // PLACEHOLDER: being written by a helper session
}
