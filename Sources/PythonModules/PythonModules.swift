import Foundation
import Jinja

/// Python's `datetime`, `re`, `pytz` and `itertools` modules as Jinja values: what dbt exposes to
/// templates as `modules`.
public enum PythonModules {
    /// What `datetime.now()`, `utcnow()` and `today()` read: the current instant. Hosts pin it
    /// (for example to dbt's `run_started_at`) so renders are reproducible.
    public typealias Clock = @Sendable () -> Date

    /// The four modules by name, ready to be put in a dict bound to `modules`.
    public static func modules(clock: @escaping Clock = { Date() }) -> [String: Value] {
        [
            "datetime": .object(DatetimeModule.make(clock: clock)),
            "re": .object(ReModule.make()),
            "pytz": .object(PytzModule.make()),
            "itertools": .object(ItertoolsModule.make()),
        ]
    }

    /// An aware `datetime.datetime` at `instant` with `pytz.utc` as its tzinfo, as dbt's
    /// `run_started_at` is: `{{ run_started_at }}` prints `2024-01-01 12:00:00.000000+00:00`.
    public static func utcDatetime(_ instant: Date) -> Value {
        .object(DateTimeObject(utcMicroseconds: Clocks.microseconds(instant), tzinfo: TzInfo.pytzUTC))
    }

    /// A naive `datetime.datetime` with the UTC wall-clock time of `instant`.
    public static func naiveUTCDatetime(_ instant: Date) -> Value {
        .object(DateTimeObject(utcMicroseconds: Clocks.microseconds(instant), tzinfo: nil))
    }

    /// A PostgreSQL `date`, `timestamp` or `timestamptz` as the server prints it (ISO style:
    /// `2024-03-01 10:20:30.5+00`) as the `datetime.date` or `datetime.datetime` psycopg2
    /// makes of it; nil for text of another shape (`infinity`). The grammar is YAML 1.1's.
    public static func postgresDatetime(_ text: String) -> Value? { try? YAMLTimestamp.value(text) }

    /// The instant a `datetime.datetime` stands for, as dbt's `_utc` takes it: an aware one
    /// converted to UTC, a naive one read as UTC; in microseconds since the Unix epoch. Nil for
    /// any other value (a `date`, text, a number).
    public static func utcMicroseconds(of value: Value) -> Int? {
        guard case .object(let datetime as DateTimeObject) = value else { return nil }
        return datetime.utcMicroseconds - DateTimeObject.unixEpoch
    }
}
