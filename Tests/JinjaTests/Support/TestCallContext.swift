@testable import Jinja

/// A renderer stand-in for unit tests of values and built-ins: calls go straight to the
/// callable, and there are no filters, tests or variables.
final class TestCallContext: CallContext {
    let environment = Environment()

    func call(_ callee: Value, _ arguments: Arguments) throws -> Value {
        guard case .callable(let callable) = callee else {
            throw RuntimeFailure.type("'\(callee.typeName)' object is not callable")
        }
        return try callable.call(arguments, self)
    }

    func applyFilter(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Value {
        throw RuntimeFailure.raised("no filter '\(name)' in TestCallContext")
    }

    func applyTest(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Bool {
        throw RuntimeFailure.raised("no test '\(name)' in TestCallContext")
    }

    func resolve(_ name: String) -> Value { .undefined(Undefined(.name(name))) }

    func observe(_ name: String) {}

    func render(_ template: Template) throws -> String { try template.render() }
}
