import Diagnostics
import Foundation
import Testing
import Workspace

/// `--event-time-start`/`--event-time-end` read as dbt's click `DateTime` options read them, as
/// UTC, and checked as dbt checks them.
@Suite struct EventTimeFlagsTests {
    /// `2024-09-14T06:00:00` as a UTC instant, for the expected values.
    static func utc(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text + "Z") }

    @Test(arguments: [
        // click's three formats.
        ("2024-09-14", "2024-09-14T00:00:00"),
        ("2024-09-14T06:30:59", "2024-09-14T06:30:59"),
        ("2024-09-14 06:30:59", "2024-09-14T06:30:59"),
        // strptime takes one-digit fields.
        ("2024-9-4 6:3:5", "2024-09-04T06:03:05"),
        ("2024-02-29", "2024-02-29T00:00:00"),
        ("1969-12-31T23:59:59", "1969-12-31T23:59:59"),
    ])
    func anOptionIsADateOrADateAndTime(text: String, expected: String) {
        #expect(EventTimeFlags.parse(text) == Self.utc(expected))
    }

    @Test(arguments: [
        "", "2024", "24-09-14", "2024-09", "2024-13-01", "2023-02-29", "2024-04-31", "2024-09-14T24:00:00",
        "2024-09-14T10:60:00", "2024-09-14T10:00", "2024-09-14T10:00:00Z", "2024-09-14T10:00:00+00:00",
        "2024-009-14", "2024-09-14 ", " 2024-09-14", "2024/09/14", "2024-09-14T10:00:00.5",
    ])
    func anythingElseIsNotAnOption(text: String) {
        #expect(EventTimeFlags.parse(text) == nil)
    }

    @Test func theRangeIsBothEndsOrNeither() throws {
        #expect(try EventTimeFlags.range(start: nil, end: nil) == nil)
        let range = try #require(try EventTimeFlags.range(start: "2024-09-14", end: "2024-09-14 00:00:01"))
        #expect(range.start == Self.utc("2024-09-14T00:00:00"))
        #expect(range.end.timeIntervalSince(range.start) == 1)
    }

    @Test(
        arguments: [
            ("2024-09-14", "2024-09-14", "W1707"), ("2024-09-15", "2024-09-14", "W1707"),
            ("2024-09-14", nil, "W1706"),
            (nil, "2024-09-14", "W1706"), ("2024-09-14", "tomorrow", "W1705"), ("2024-02-30", nil, "W1705"),
        ] as [(String?, String?, String)])
    func aRangeThatIsNotOneIsRefused(start: String?, end: String?, code: String) {
        #expect {
            try EventTimeFlags.range(start: start, end: end)
        } throws: { error in
            (error as? Diagnostic)?.code == code
        }
    }
}
