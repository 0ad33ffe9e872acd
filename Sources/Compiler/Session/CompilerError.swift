import Diagnostics
import Jinja

/// Diagnostics the compiler raises, defined next to the code that emits them.
enum CompilerDiagnostics {
    /// A caller asked for a node the manifest does not have (a bug in the caller, not the project).
    static func unknownNode(_ id: String) -> Diagnostic {
        Diagnostic(code: "W0801", message: "no node with id '\(id)'")
    }

    static func renderFailed(_ error: TemplateError, what: String) -> Diagnostic {
        var diagnostic = error.diagnostic
        diagnostic.message = "\(what): \(diagnostic.message)"
        return diagnostic
    }

    static func unknownRef(
        _ description: String, from nodeName: String, suggestions: [String], disabled: Bool
    ) -> String {
        var message: String
        if disabled {
            message = "\(nodeName) depends on a node named '\(description)' which is disabled"
        } else {
            message = "\(nodeName) depends on a node named '\(description)' which was not found"
        }
        if let first = suggestions.first { message += " (did you mean '\(first)'?)" }
        return message
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8)
    let b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The closest candidates to `name` (at most a third of its length away), best first.
func suggestions(for name: String, among candidates: [String]) -> [String] {
    let limit = max(2, name.count / 3)
    let scored: [(name: String, distance: Int)] = candidates.map { ($0, editDistance(name, $0)) }
    let close = scored.filter { $0.distance <= limit }
    let sorted = close.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
    return sorted.prefix(3).map { $0.name }
}
