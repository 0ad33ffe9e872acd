/// Python's `%` string formatting and `str.format`.
enum PyFormat {
    /// `format % args`, where args is a tuple, a dict (for `%(name)s`) or a single value.
    static func percent(_ format: String, _ args: Value) throws -> String {
        throw RuntimeFailure.type("PLACEHOLDER")
    }

    /// `format.format(*args, **kwargs)`.
    static func format(_ format: String, _ args: Arguments) throws -> String {
        throw RuntimeFailure.type("PLACEHOLDER")
    }
}
