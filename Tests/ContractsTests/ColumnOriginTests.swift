import Diagnostics
import Testing

@testable import Contracts

/// Where a column is produced: the byte scanner used for ASCII names must find what the regular
/// expressions (kept for other names) find.
@Suite struct ColumnOriginTests {
    static let code = """
        with source as (select * from {{ ref('stg_plays') }}),
        renamed as (
            select
                id as id_play,
                "ms_played"  AS  "MS_Play",
                `raw`.n_plays as n_plays_total,
                sum(n_plays) as n_plays,   -- the last alias wins
                n_plays_total.x,
                alias as n_plays
            from source
        )
        select *, user_id, cast(dt_day as date) as dt_day from renamed
        """

    @Test(arguments: [
        "id_play", "MS_Play", "ms_play", "n_plays", "n_plays_total", "user_id", "dt_day", "source", "renamed", "x",
        "raw", "missing", "n", "as", "select", "id", "ms_played", "from",
    ])
    func findsWhatThePatternsFind(column: String) {
        let scanned = ColumnOrigin.span(of: column, in: Self.code)
        #expect(scanned == ColumnOrigin.patternSpan(of: column, in: Self.code))
    }

    @Test func anAliasWinsOverAnEarlierMention() throws {
        let span = try #require(ColumnOrigin.span(of: "n_plays", in: Self.code))
        let text = Array(Self.code.utf8)
        #expect(String(decoding: text[span.start..<span.end], as: UTF8.self) == "n_plays")
        // The last `as n_plays`, not `sum(n_plays)`.
        #expect(String(decoding: text[(span.start - 3)..<span.start], as: UTF8.self) == "as ")
        #expect(span.start > Array("alias as".utf8).count)
    }

    @Test func wordsOfASCIIFilesAreSplitAsUnicodeTextIs() {
        let unicode = Set(Self.code.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") })
        #expect(ColumnOrigin.WordIndex.words(of: Self.code) == unicode)
        #expect(ColumnOrigin.WordIndex.words(of: "Ünïcode_Naïve x") == ["ünïcode_naïve", "x"])
    }

    @Test func aNameOnlyInsideLongerWordsHasNoOrigin() {
        #expect(ColumnOrigin.span(of: "play", in: "select n_plays, id_play_x from t") == nil)
        #expect(ColumnOrigin.span(of: "plays", in: "select t.plays from t") == nil)
    }
}
