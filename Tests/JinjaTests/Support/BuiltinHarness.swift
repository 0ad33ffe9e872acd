import Jinja

/// Renders one-line templates for the built-in filter, test and global suites, with the
/// context their expected outputs were produced in.
enum BuiltinHarness {
    static let context: [String: Value] = [
        "l": .list([.int(1)]),
        "data": .dict((0..<8).map { i in ("key_0\(i)", Value.list([.string("value_\(i)"), .int(i)])) }),
    ]

    static func render(_ source: String, strict: Bool = false) throws -> String {
        let environment = Environment()
        if strict { environment.undefinedBehavior = .strict }
        return try environment.parse(source, name: "case.jinja").render(context)
    }

    static func failure(_ source: String, strict: Bool = false) -> String? {
        do {
            _ = try render(source, strict: strict)
            return nil
        } catch let error as TemplateError {
            return error.failure?.message ?? error.message
        } catch {
            return "\(error)"
        }
    }
}
