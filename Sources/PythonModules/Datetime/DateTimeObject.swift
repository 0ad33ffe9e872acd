import Jinja

/// Microseconds since 0001-01-01 00:00 on some clock: the wall clock of a datetime, or UTC.
typealias LocalMicroseconds = Int

/// `datetime.datetime` as a Jinja value: `{{ dt }}` prints `2024-01-31 12:00:00+00:00`.
final class DateTimeObject: JinjaObject {
    let date: CivilDate
    let time: WallTime
    let tzinfo: TzInfo?
    let fold: Int

    /// The Unix epoch, 1970-01-01 00:00, on the `LocalMicroseconds` scale.
    static let unixEpoch: LocalMicroseconds = 719_162 * Timedelta.microsecondsPerDay

    init(date: CivilDate, time: WallTime, tzinfo: TzInfo?, fold: Int = 0) {
        self.date = date
        self.time = time
        self.tzinfo = tzinfo
        self.fold = fold
    }

    /// The datetime at a wall-clock instant, or `OverflowError: date value out of range`.
    convenience init(local: LocalMicroseconds, tzinfo: TzInfo?, fold: Int = 0) throws {
        guard local >= 0, local < CivilDate.maxOrdinal * Timedelta.microsecondsPerDay else {
            throw PyError.overflow("date value out of range")
        }
        self.init(
            date: CivilDate(ordinal: local / Timedelta.microsecondsPerDay + 1),
            time: WallTime(microsecondsOfDay: local % Timedelta.microsecondsPerDay), tzinfo: tzinfo,
            fold: fold)
    }

    /// A clock reading (microseconds since the Unix epoch) as the wall time of `tzinfo` (UTC when nil).
    convenience init(utcMicroseconds: Int, tzinfo: TzInfo?) {
        let utc = DateTimeObject.unixEpoch + utcMicroseconds
        if let tzinfo, let converted = try? tzinfo.fromUTC(utc) {
            self.init(date: converted.date, time: converted.time, tzinfo: converted.tzinfo)
        } else {
            let clamped = min(max(utc, 0), CivilDate.maxOrdinal * Timedelta.microsecondsPerDay - 1)
            self.init(
                date: CivilDate(ordinal: clamped / Timedelta.microsecondsPerDay + 1),
                time: WallTime(microsecondsOfDay: clamped % Timedelta.microsecondsPerDay), tzinfo: nil)
        }
    }

    var localMicroseconds: LocalMicroseconds {
        (date.ordinal - 1) * Timedelta.microsecondsPerDay + time.microsecondsOfDay
    }

    var isAware: Bool { tzinfo != nil }

    /// The instant in UTC; a naive datetime is taken as local time, which is UTC here.
    var utcMicroseconds: LocalMicroseconds { localMicroseconds - (tzinfo?.offsetMicroseconds ?? 0) }

    var typeName: String { "datetime.datetime" }
    var pyStr: String { (try? isoFormat(separator: " ")) ?? "" }

    var pyRepr: String {
        var text =
            "datetime.datetime("
            + ([date.year, date.month, date.day] + time.reprFields).map(String.init)
            .joined(separator: ", ")
        if let tzinfo { text += ", tzinfo=" + tzinfo.pyRepr }
        if fold != 0 { text += ", fold=1" }
        return text + ")"
    }

    func isoFormat(separator: String = "T", timespec: String = "auto") throws -> String {
        var text = date.isoFormat + separator + (try time.isoFormat(timespec: timespec))
        if let tzinfo { text += TzInfo.formatOffset(tzinfo.offset, separator: ":") }
        return text
    }

    func replacing(date: CivilDate? = nil, time: WallTime? = nil, tzinfo: TzInfo?? = nil) -> DateTimeObject {
        DateTimeObject(
            date: date ?? self.date, time: time ?? self.time, tzinfo: tzinfo ?? self.tzinfo, fold: fold)
    }

    /// `astimezone(tz)`: naive datetimes are local time, which is UTC here.
    func astimezone(_ tz: TzInfo?) throws -> DateTimeObject {
        guard let tz else {
            let utc = try TzInfo.fixed(.zero, name: "UTC")
            return try utc.fromUTC(utcMicroseconds)
        }
        if tz === tzinfo { return self }
        return try tz.fromUTC(utcMicroseconds)
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        if let value = CalendarAttributes.attribute(date, name) { return value }
        switch name {
        case "hour": return .int(time.hour)
        case "minute": return .int(time.minute)
        case "second": return .int(time.second)
        case "microsecond": return .int(time.microsecond)
        case "tzinfo": return tzinfo.map { .object($0) } ?? Value.none
        case "fold": return .int(fold)
        case "date": return CalendarAttributes.noArguments(name) { DateObject.value(self.date) }
        case "time":
            return CalendarAttributes.noArguments(name) {
                .object(TimeObject(self.time, tzinfo: nil, fold: self.fold))
            }
        case "timetz":
            return CalendarAttributes.noArguments(name) {
                .object(TimeObject(self.time, tzinfo: self.tzinfo, fold: self.fold))
            }
        case "utcoffset":
            return CalendarAttributes.noArguments(name) {
                self.tzinfo.map { TimedeltaObject.value($0.offset) } ?? .none
            }
        case "dst":
            return CalendarAttributes.noArguments(name) {
                self.tzinfo?.dst.map(TimedeltaObject.value) ?? .none
            }
        case "tzname":
            return CalendarAttributes.noArguments(name) { self.tzinfo?.name.map(Value.string) ?? .none }
        case "timestamp":
            return CalendarAttributes.noArguments(name) {
                let micros = self.utcMicroseconds - DateTimeObject.unixEpoch
                if self.isAware { return .float(Double(micros) / 1e6) }
                return .float(Double(floorDiv(micros, 1_000_000)) + Double(self.time.microsecond) / 1e6)
            }
        case "ctime":
            return CalendarAttributes.noArguments(name) { .string(Strftime.ctime(self.date, self.time)) }
        case "isoformat":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["sep", "timespec"], function: name)
                var separator = "T"
                if let sep = bound[0] {
                    guard case .string(let s) = sep, s.unicodeScalars.count == 1 else {
                        throw PyError.type(
                            "isoformat() argument 1 must be a unicode character, not \(sep.typeName)")
                    }
                    separator = s
                }
                let timespec =
                    try bound[1].map { try PyConvert.string($0, "isoformat() argument 2") } ?? "auto"
                return .string(try self.isoFormat(separator: separator, timespec: timespec))
            }
        case "strftime":
            return .method(name) { arguments in
                let format = try CArguments(arguments, ["format"], required: 1, function: name)
                return .string(
                    try Strftime.format(
                        try PyConvert.string(format[0] ?? .none, "strftime() argument 1"), date: self.date,
                        time: self.time, offset: self.tzinfo?.offset, zoneName: self.tzinfo?.name,
                        hasDST: self.tzinfo?.dst != nil))
            }
        case "replace":
            return .method(name) { arguments in try self.replace(arguments) }
        case "astimezone":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["tz"], function: name)
                return .object(
                    try self.astimezone(try DatetimeModule.tzinfoArgument(bound[0], "tzinfo argument")))
            }
        case "min", "max", "resolution": return DatetimeModule.datetimeConstant(name)
        default: return nil
        }
    }

    private func replace(_ arguments: Arguments) throws -> Value {
        let names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"]
        let bound = try CArguments(arguments, names, function: "replace")
        func field(_ position: Int, _ current: Int) throws -> Int {
            try bound[position].map(PyConvert.cInt) ?? current
        }
        let date = try CivilDate.checked(
            year: try field(0, self.date.year), month: try field(1, self.date.month),
            day: try field(2, self.date.day))
        let time = try WallTime.checked(
            hour: try field(3, self.time.hour), minute: try field(4, self.time.minute),
            second: try field(5, self.time.second), microsecond: try field(6, self.time.microsecond))
        let tzinfo =
            try bound[7].map { try DatetimeModule.tzinfoArgument($0, "tzinfo argument") } ?? self.tzinfo
        let fold = try field(8, self.fold)
        guard fold == 0 || fold == 1 else { throw PyError.value("fold must be either 0 or 1") }
        return .object(DateTimeObject(date: date, time: time, tzinfo: tzinfo, fold: fold))
    }

    func isEqual(to other: Value) -> Bool? {
        if other.object(DateObject.self) != nil { return false }
        guard let other = other.object(DateTimeObject.self) else { return nil }
        if isAware != other.isAware { return false }
        return utcMicroseconds == other.utcMicroseconds
    }

    /// Ordering of two naive or two aware datetimes; Python raises `TypeError` for a mix.
    func compare(to other: Value) -> Int? {
        guard let other = other.object(DateTimeObject.self), isAware == other.isAware else { return nil }
        let (a, b) = (utcMicroseconds, other.utcMicroseconds)
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if let delta = other.object(TimedeltaObject.self)?.delta {
            let micros = try delta.requireMicroseconds()
            switch op {
            case .add: return .object(try DateTimeObject(local: localMicroseconds + micros, tzinfo: tzinfo))
            case .subtract where !reflected:
                return .object(try DateTimeObject(local: localMicroseconds - micros, tzinfo: tzinfo))
            default: return nil
            }
        }
        if op == .subtract, let other = other.object(DateTimeObject.self) {
            guard isAware == other.isAware else {
                throw PyError.type("can't subtract offset-naive and offset-aware datetimes")
            }
            let (a, b) = reflected ? (other, self) : (self, other)
            return TimedeltaObject.value(
                try Timedelta(totalMicroseconds: a.utcMicroseconds - b.utcMicroseconds))
        }
        return nil
    }
}
