/// Renders diagnostics as compiler-style text: a header line, the source line, a caret underline.
///
/// ```
/// error[J0101]: unexpected '}', expected end of print statement
///  --> models/a.sql:3:14
///   |
/// 3 | select {{ x }}}
///   |              ^
/// ```
public struct DiagnosticRenderer: Sendable {
    public init() {}

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.severity.rawValue)[\(diagnostic.code)]: \(diagnostic.message)\n"
        if let file = diagnostic.file {
            out += snippet(file: file, span: diagnostic.span, label: nil)
        }
        for note in diagnostic.notes {
            if let file = note.file ?? diagnostic.file, let span = note.span {
                out += "note: \(note.message)\n"
                out += snippet(file: file, span: span, label: nil)
            } else {
                out += "note: \(note.message)\n"
            }
        }
        if let help = diagnostic.help { out += "help: \(help)\n" }
        return out
    }

    private func snippet(file: SourceFile, span: SourceSpan?, label: String?) -> String {
        guard let span else { return " --> \(file.name)\n" }
        let start = file.location(of: span.start)
        let end = file.location(of: span.end)
        let gutter = String(repeating: " ", count: String(start.line).count)
        var out = "\(gutter)--> \(file.name):\(start.line):\(start.column)\n"
        let line = file.lineText(start.line)
        out += "\(gutter) |\n"
        out += "\(start.line) | \(line.replacingTabs())\n"
        let width: Int
        if end.line == start.line {
            width = max(1, end.column - start.column)
        } else {
            width = max(1, line.count - start.column + 1)
        }
        let pad = String(line.prefix(start.column - 1).map { $0 == "\t" ? " " : " " })
        out += "\(gutter) | \(pad)\(String(repeating: "^", count: width))"
        if let label { out += " \(label)" }
        out += "\n"
        return out
    }
}

extension Substring {
    fileprivate func replacingTabs() -> String { String(self.map { $0 == "\t" ? " " : $0 }) }
}
