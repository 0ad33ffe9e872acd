/// Jinja2 3.1's built-in filters.
enum BuiltinFilters {
    static let all: [String: Filter] = [:]  // PLACEHOLDER: being written by a helper session
}
