import ProjectModel
import SQLDialect
import Testing

/// Identifiers quoted and paths and dotted names split as dbt (and Python) would, on the bytes.
@Suite struct IdentifierTextTests {
    @Test(arguments: [
        ("orders", "\"orders\""), ("", "\"\""), ("a\"b", "\"a\"\"b\""), ("\"", "\"\"\"\""), ("über", "\"über\""),
    ])
    func identifiersAreQuotedWithTheirQuotesDoubled(identifier: String, quoted: String) {
        #expect(SQLDialect.postgres.quote(identifier) == quoted)
        var text = "x."
        SQLDialect.postgres.appendQuoted(identifier, to: &text)
        #expect(text == "x." + quoted)
    }

    @Test(arguments: [
        ("models/marts/orders.sql", true, ["models", "marts", "orders.sql"]),
        ("/a//b/", true, ["a", "b"]),
        ("/a//b/", false, ["", "a", "", "b", ""]),
        ("", false, [""]),
        ("", true, []),
        ("naïve/ünïcode", true, ["naïve", "ünïcode"]),
    ])
    func splittingOnAnASCIISeparatorIsSplittingOnTheCharacter(text: String, omitting: Bool, pieces: [String]) {
        #expect(text.split(ascii: "/", omittingEmptySubsequences: omitting).map(String.init) == pieces)
        #expect(text.split(separator: "/", omittingEmptySubsequences: omitting).map(String.init) == pieces)
    }
}
