import Diagnostics
import Foundation

/// Where everything the user reads goes: results on stdout, diagnostics on stderr.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Errors and warnings alike; the diagnostic's severity says which.
    static func diagnostic(_ diagnostic: Diagnostic) {
        FileHandle.standardError.write(Data((DiagnosticRenderer().render(diagnostic) + "\n").utf8))
    }
}
