import Diagnostics
import Foundation
import Parallelism

/// Where everything the user reads goes: results on stdout, diagnostics on stderr.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
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
