import Diagnostics
import Testing

@Suite struct DiagnosticRendererTests {
    @Test func rendersCaretUnderSpan() {
        let file = SourceFile(name: "models/a.sql", text: "select 1\nselect {{ x }}}\n")
        let diagnostic = Diagnostic(
            code: "J0101", message: "unexpected '}'", file: file, span: SourceSpan(start: 23, end: 24))
        #expect(diagnostic.location == SourceLocation(line: 2, column: 15))
        #expect(
            DiagnosticRenderer().render(diagnostic) == """
                error[J0101]: unexpected '}'
                 --> models/a.sql:2:15
                  |
                2 | select {{ x }}}
                  |               ^

                """)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes, so the `{` at byte 5 is the fifth character.
        let file = SourceFile(name: "t", text: "é = {{ ")
        #expect(file.location(of: 5) == SourceLocation(line: 1, column: 5))
    }

    @Test func notesPointAtTheirOwnSpans() {
        let file = SourceFile(name: "t.sql", text: "{% for x in y %}\nbody")
        let diagnostic = Diagnostic(
            code: "J0101", message: "unexpected end of template", file: file,
            span: SourceSpan(start: 21, end: 21),
            notes: [Diagnostic.Note("the 'for' block was opened here", span: SourceSpan(start: 0, end: 6))],
            help: "add {% endfor %}")
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.contains("note: the 'for' block was opened here\n --> t.sql:1:1"))
        #expect(text.hasSuffix("help: add {% endfor %}\n"))
    }

    @Test func lineTextDropsCarriageReturn() {
        let file = SourceFile(name: "t", text: "a\r\nb")
        #expect(file.lineText(1) == "a")
        #expect(file.lineText(2) == "b")
        #expect(file.lineCount == 2)
    }
}
