import Artifacts
import Diagnostics
import Foundation
import SQLDialect

/// `--event-time-start` and `--event-time-end`, read and checked as dbt reads and checks them.
/// Their instants are UTC: dbt's microbatch code reads the naive datetimes the options produce
/// as UTC, and so does Weir.
///
/// An impossible date (`2024-02-30`) is refused rather than rolled over (`EventTime.utcDate`).
public enum EventTimeFlags {
    /// A value of dbt's `--event-time-*` options, which are click `DateTime`s: `%Y-%m-%d`,
    /// `%Y-%m-%dT%H:%M:%S` or `%Y-%m-%d %H:%M:%S`. As with `strptime`, month, day and time fields
    /// may have one digit (`2024-1-5`); nil when the text is none of these or not a real date.
    /// (`SQLDialect.EventTime.parse` reads what warehouses and artifacts write, more leniently.)
    public static func parse(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        var position = 0
        func number(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var digits = 0
            while position < characters.count, digits < maximum, let digit = digitValue(characters[position]) {
                value = value * 10 + digit
                digits += 1
                position += 1
            }
            // A longer run of digits than the field takes matches no format.
            if position < characters.count, digitValue(characters[position]) != nil { return nil }
            return digits >= minimum ? value : nil
        }
        func skip(_ character: Character) -> Bool {
            guard position < characters.count, characters[position] == character.asciiValue else {
                return false
            }
            position += 1
            return true
        }
        guard let year = number(4, 4), skip("-"), let month = number(1, 2), skip("-"), let day = number(1, 2) else {
            return nil
        }
        if position == characters.count { return EventTime.utcDate(year, month, day) }
        guard skip("T") || skip(" "), let hour = number(1, 2), skip(":"), let minute = number(1, 2),
            skip(":"), let second = number(1, 2), position == characters.count
        else { return nil }
        return EventTime.utcDate(year, month, day, hour, minute, second)
    }

    /// `--event-time-start` and `--event-time-end` checked as dbt checks them (`Flags
    /// ._validate_event_time_configs`): both or neither, and the start before the end.
    public static func range(start: String?, end: String?) throws -> (start: Date, end: Date)? {
        let startDate = try start.map { try parseFlag($0, flag: "--event-time-start") }
        let endDate = try end.map { try parseFlag($0, flag: "--event-time-end") }
        switch (startDate, endDate) {
        case (nil, nil): return nil
        case (let start?, let end?):
            guard start < end else { throw Diagnostic.eventTimeStartNotBeforeEnd(start: start, end: end) }
            return (start, end)
        case (nil, _):
            throw Diagnostic.eventTimeFlagAlone(given: "--event-time-end", missing: "--event-time-start")
        case (_, nil):
            throw Diagnostic.eventTimeFlagAlone(given: "--event-time-start", missing: "--event-time-end")
        }
    }

    private static func parseFlag(_ text: String, flag: String) throws -> Date {
        guard let date = parse(text) else { throw Diagnostic.badEventTime(text, flag: flag) }
        return date
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}

/// The event-time options' diagnostics, W17xx beside `weir retry`'s.
extension Diagnostic {
    /// W1705: a value in none of click's `DateTime` formats, or not a real date.
    static func badEventTime(_ text: String, flag: String) -> Diagnostic {
        Diagnostic(
            code: "W1705", message: "\(flag) '\(text)' is not a date or a date and time",
            help: "write YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or 'YYYY-MM-DD HH:MM:SS' (UTC)")
    }

    /// W1706: dbt requires the two options together.
    static func eventTimeFlagAlone(given: String, missing: String) -> Diagnostic {
        Diagnostic(
            code: "W1706", message: "\(given) was given without \(missing)",
            help: "give both: the start is inclusive, the end exclusive")
    }

    /// W1707: an empty or reversed range.
    static func eventTimeStartNotBeforeEnd(start: Date, end: Date) -> Diagnostic {
        Diagnostic(
            code: "W1707",
            message:
                "--event-time-start (\(RunResultsWriter.argsTimestamp(start))) must be before --event-time-end (\(RunResultsWriter.argsTimestamp(end)))",
            help: "the start is inclusive and the end exclusive, so the end must come later")
    }
}
