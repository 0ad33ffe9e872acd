import Foundation

/// A cache that threads share: a dictionary behind a lock, for values that are a function of
/// their key (a parsed template, a dispatch search), so that concurrent renders can memoize them.
///
/// `value(for:compute:)` computes outside the lock: a computation may consult this or another
/// cache, and two threads that miss at once both compute. The first value stored is the one
/// every caller gets, so an object built twice is still seen as one.
public final class SharedCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]

    public init() {}

    public subscript(key: Key) -> Value? {
        get { lock.withLock { storage[key] } }
        set { lock.withLock { storage[key] = newValue } }
    }

    /// The values stored so far.
    public var values: [Value] { lock.withLock { Array(storage.values) } }

    /// The cached value, or `compute()`'s, stored unless another thread stored one first.
    public func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
        if let cached = self[key] { return cached }
        let computed = try compute()
        return lock.withLock {
            if let stored = storage[key] { return stored }
            storage[key] = computed
            return computed
        }
    }
}

/// One value that threads share, computed when first asked for (the `lazy var` of a class
/// whose methods run on many threads). Computed once: a second caller waits for the first.
public final class SharedLazy<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?

    public init() {}

    public func value(compute: () throws -> Value) rethrows -> Value {
        try lock.withLock {
            if let computed { return computed }
            let value = try compute()
            computed = value
            return value
        }
    }

    /// Forgets the value: the next caller computes it anew.
    public func reset() { lock.withLock { computed = nil } }
}

/// A flag that threads raise and one reads once they are done.
public final class SharedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public var isRaised: Bool { lock.withLock { raised } }

    public func raise() { lock.withLock { raised = true } }
}
