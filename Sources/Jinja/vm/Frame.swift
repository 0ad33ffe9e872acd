/// One scope of variables. Loops get a fresh frame per iteration and macros a frame whose
/// parent is the scope they were defined in, which gives Jinja2's rules: a `set` inside a loop
/// does not leak out, a `set` inside an `if` does, and macros see names assigned after them.
final class Frame {
    /// Names and values side by side: scopes hold a handful of names, so a linear scan of
    /// short strings beats hashing them (and allocating a dictionary per loop iteration).
    private var names: [String] = []
    private var values: [Value] = []
    let parent: Frame?

    init(parent: Frame?) { self.parent = parent }

    subscript(name: String) -> Value? {
        get {
            if let index = names.firstIndex(of: name) { return values[index] }
            return nil
        }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// Forgets every name, breaking the cycle between a scope and the macros defined in it.
    func removeAll() {
        names.removeAll()
        values.removeAll()
    }

    /// The names this scope itself defines, as a dictionary (a template's exports).
    var variables: [String: Value] {
        Dictionary(zip(names, values), uniquingKeysWith: { _, last in last })
    }

    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let current = frame {
            if let index = current.names.firstIndex(of: name) { return current.values[index] }
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
