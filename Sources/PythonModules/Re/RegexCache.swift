import Foundation
import Jinja

/// Compiled patterns by source and flags, as Python's `re` keeps them, so templates that call
/// `re.sub` in a loop compile once.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var patterns: [String: RePatternObject] = [:]

    func pattern(_ text: String, flags: Int) throws -> RePatternObject {
        let key = "\(flags):\(text)"
        lock.lock()
        if let cached = patterns[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let compiled = RePatternObject(try PythonRegex(text, flags: flags))
        lock.lock()
        if patterns.count >= 512 { patterns.removeAll() }
        patterns[key] = compiled
        lock.unlock()
        return compiled
    }

    func purge() {
        lock.lock()
        patterns.removeAll()
        lock.unlock()
    }
}
