import Foundation

/// A cache that threads share: a dictionary behind a lock, for values that are a function of
/// their key (a parsed template, a dispatch search), so that concurrent renders can memoize them.
///
/// `value(for:compute:)` computes outside the lock: a computation may consult this or another
/// cache, and two threads that miss at once both compute. The first value stored is the one
/// every caller gets, so an object built twice is still seen as one.
///
/// Inlinable, so that each use is specialized to its key: looking up a `String` key through
/// the generic code's witness tables cost more than the hashing itself.
public final class SharedCache<Key: Hashable, Value>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var storage: [Key: Value] = [:]

    public init() {}

    @inlinable public subscript(key: Key) -> Value? {
        get { lock.withLock { storage[key] } }
        set { lock.withLock { storage[key] = newValue } }
    }

    /// The values stored so far.
    public var values: [Value] { lock.withLock { Array(storage.values) } }

    /// Forgets the values of `keys` (looking none up when nothing is stored).
    public func removeValues(forKeys keys: some Sequence<Key>) {
        lock.withLock {
            guard !storage.isEmpty else { return }
            for key in keys { storage[key] = nil }
        }
    }

    /// The entries stored so far, as a dictionary of their own.
    public var contents: [Key: Value] { lock.withLock { storage } }

    /// The cached value, or `compute()`'s, stored unless another thread stored one first.
    @inlinable public func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
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

/// Lets go of `value` on another thread. Freeing a large structure (a node's fields, the
/// nodes a stage replaced) is work the thread that drops it would otherwise do while the
/// other cores wait for it.
public func releaseInBackground<T: Sendable>(_ value: consuming T) {
    let value = value
    DispatchQueue.global().async { withExtendedLifetime(value) {} }
}
