/// One scope of variables. Loops get a fresh frame per iteration and macros a frame whose
/// parent is the scope they were defined in, which gives Jinja2's rules: a `set` inside a loop
/// does not leak out, a `set` inside an `if` does, and macros see names assigned after them.
final class Frame {
    // Most scopes hold one or two names (a loop variable and `loop`, a macro's parameter), so
    // the first two live inline and only larger scopes allocate arrays: a loop iteration then
    // costs one allocation, the frame itself.
    private var name0: String?
    private var value0: Value = .none
    private var name1: String?
    private var value1: Value = .none
    private var moreNames: [String] = []
    private var moreValues: [Value] = []
    let parent: Frame?
    private let unretainedParent: Unmanaged<Frame>?

    init(parent: Frame?) {
        self.parent = parent
        unretainedParent = parent.map { Unmanaged.passUnretained($0) }
    }

    /// The value this scope itself binds to `name`, ignoring its parents.
    private func own(_ name: String) -> Value? {
        if name0 == name { return value0 }
        if name1 == name { return value1 }
        if !moreNames.isEmpty, let index = moreNames.firstIndex(of: name) { return moreValues[index] }
        return nil
    }

    subscript(name: String) -> Value? {
        get { own(name) }
        set {
            guard let newValue else {
                remove(name)
                return
            }
            if name0 == nil || name0 == name {
                name0 = name
                value0 = newValue
            } else if name1 == nil || name1 == name {
                name1 = name
                value1 = newValue
            } else if let index = moreNames.firstIndex(of: name) {
                moreValues[index] = newValue
            } else {
                moreNames.append(name)
                moreValues.append(newValue)
            }
        }
    }

    private func remove(_ name: String) {
        if name0 == name {
            name0 = nil
            value0 = .none
        } else if name1 == name {
            name1 = nil
            value1 = .none
        } else if let index = moreNames.firstIndex(of: name) {
            moreNames.remove(at: index)
            moreValues.remove(at: index)
        }
    }

    /// Forgets every name, breaking the cycle between a scope and the macros defined in it.
    func removeAll() {
        name0 = nil
        name1 = nil
        value0 = .none
        value1 = .none
        moreNames.removeAll()
        moreValues.removeAll()
    }

    /// The names this scope itself defines, as a dictionary (a template's exports).
    var variables: [String: Value] {
        var result: [String: Value] = [:]
        if let name0 { result[name0] = value0 }
        if let name1 { result[name1] = value1 }
        for (name, value) in zip(moreNames, moreValues) { result[name] = value }
        return result
    }

    func lookup(_ name: String) -> Value? {
        // Walked without retaining each scope: every one is kept alive by its child.
        var frame = Unmanaged.passUnretained(self)
        while true {
            if let value = frame._withUnsafeGuaranteedRef({ $0.own(name) }) { return value }
            guard let parent = frame._withUnsafeGuaranteedRef({ $0.unretainedParent }) else { return nil }
            frame = parent
        }
    }
}

/// Thrown by a host's `return(...)` function (dbt's `{{ return(x) }}`) and caught at the
/// boundary of the macro being rendered, which then evaluates to `value` instead of its text.
public struct MacroReturn: Error {
    public let value: Value

    public init(_ value: Value) { self.value = value }
}
