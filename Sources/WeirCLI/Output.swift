import Diagnostics
import Foundation
import Parallelism

/// Where everything the user reads goes: results on stdout, diagnostics on stderr.
enum Output {
    /// `--quiet` (`-q`, or `DBT_QUIET`): `info` lines are not printed.
    nonisolated(unsafe) static var quiet = false
    /// `--use-colors`/`--no-use-colors` (or `DBT_USE_COLORS`); nil: colours on a terminal
    /// unless `NO_COLOR` is set.
    nonisolated(unsafe) static var colours: Bool?

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line about the invocation's progress (what was parsed, compiled, written), which
    /// `--quiet` leaves out.
    static func info(_ text: String) {
        if !quiet { line(text) }
    }

    /// Errors and warnings alike; the diagnostic's severity says which.
    static func diagnostic(_ diagnostic: Diagnostic) {
        FileHandle.standardError.write(Data((DiagnosticRenderer().render(diagnostic) + "\n").utf8))
    }

    /// Many at once (a column contract check can report tens of thousands): rendered on all
    /// cores and written together, in order.
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let rendered = diagnostics.concurrentMap(minimumCount: 256) { DiagnosticRenderer().render($0) + "\n" }
        FileHandle.standardError.write(Data(rendered.joined().utf8))
    }
}
