/// One scope of variables. Loops get a fresh frame per iteration and macros a frame whose
/// parent is the scope they were defined in, which gives Jinja2's rules: a `set` inside a loop
/// does not leak out, a `set` inside an `if` does, and macros see names assigned after them.
final class Frame {
    var variables: [String: Value] = [:]
    let parent: Frame?

    init(parent: Frame?) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let current = frame {
            if let value = current.variables[name] { return value }
            frame = current.parent
        }
        return nil
    }
}

/// Thrown by a host's `return(...)` function (dbt's `{{ return(x) }}`) and caught at the
/// boundary of the macro being rendered, which then evaluates to `value` instead of its text.
public struct MacroReturn: Error {
    public let value: Value

    public init(_ value: Value) { self.value = value }
}
