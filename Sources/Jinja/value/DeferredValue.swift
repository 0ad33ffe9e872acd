import Foundation

/// A name's value built only when a render first looks the name up, then kept for all later
/// renders, on any thread (the first lookup builds it; others wait for it). For a host's costly
/// and seldom used names: dbt's `graph` holds every node of the project as a dict.
///
/// Put it among a render's variables or shared globals as `.object(DeferredValue { ... })`;
/// templates only ever see the built value.
public final class DeferredValue: JinjaObject, @unchecked Sendable {
    private let lock = NSLock()
    private var build: (() -> Value)?
    private var built: Value?

    public init(_ build: @escaping () -> Value) {
        self.build = build
    }

    public var value: Value {
        lock.withLock {
            if let built { return built }
            let value = build?() ?? .none
            built = value
            build = nil
            return value
        }
    }

    public var typeName: String { "deferred" }
}
