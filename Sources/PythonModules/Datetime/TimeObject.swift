import Jinja

/// `datetime.time` as a Jinja value: `{{ t }}` prints `12:30:00`.
final class TimeObject: JinjaObject {
    let time: WallTime
    let tzinfo: TzInfo?
    let fold: Int

    init(_ time: WallTime, tzinfo: TzInfo?, fold: Int = 0) {
        self.time = time
        self.tzinfo = tzinfo
        self.fold = fold
    }

    /// A time has no date, so pytz's `DstTzInfo` gives it no offset (`utcoffset(None)` is None).
    var offset: Timedelta? {
        guard let tzinfo else { return nil }
        if case .pytzDst = tzinfo.kind { return nil }
        return tzinfo.offset
    }

    var typeName: String { "datetime.time" }
    var pyStr: String { (try? isoFormat(timespec: "auto")) ?? "" }

    var pyRepr: String {
        var text = "datetime.time(" + time.reprFields.map(String.init).joined(separator: ", ")
        if let tzinfo { text += ", tzinfo=" + tzinfo.pyRepr }
        if fold != 0 { text += ", fold=1" }
        return text + ")"
    }

    func isoFormat(timespec: String) throws -> String {
        try time.isoFormat(timespec: timespec)
            + (offset.map { TzInfo.formatOffset($0, separator: ":") } ?? "")
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "hour": return .int(time.hour)
        case "minute": return .int(time.minute)
        case "second": return .int(time.second)
        case "microsecond": return .int(time.microsecond)
        case "tzinfo": return tzinfo.map { .object($0) } ?? Value.none
        case "fold": return .int(fold)
        case "utcoffset":
            return CalendarAttributes.noArguments(name) { self.offset.map(TimedeltaObject.value) ?? .none }
        case "dst":
            return CalendarAttributes.noArguments(name) {
                guard let tzinfo = self.tzinfo, case .pytzDst = tzinfo.kind else {
                    return self.tzinfo?.dst.map(TimedeltaObject.value) ?? .none
                }
                return .none
            }
        case "tzname":
            return CalendarAttributes.noArguments(name) {
                guard let tzinfo = self.tzinfo else { return .none }
                if case .pytzDst(let zone, _) = tzinfo.kind { return .string(zone.name) }
                return tzinfo.name.map(Value.string) ?? .none
            }
        case "isoformat":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["timespec"], function: name)
                let timespec =
                    try bound[0].map { try PyConvert.string($0, "isoformat() argument 1") } ?? "auto"
                return .string(try self.isoFormat(timespec: timespec))
            }
        case "strftime":
            return .method(name) { arguments in
                let format = try CArguments(arguments, ["format"], required: 1, function: name)
                return .string(
                    try Strftime.format(
                        try PyConvert.string(format[0] ?? .none, "strftime() argument 1"),
                        date: CivilDate(year: 1900, month: 1, day: 1), time: self.time, offset: self.offset,
                        zoneName: self.tzinfo.flatMap { tz in
                            if case .pytzDst(let zone, _) = tz.kind { return zone.name }
                            return tz.name
                        }))
            }
        case "replace":
            return .method(name) { arguments in
                let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"]
                let bound = try CArguments(arguments, names, function: "replace")
                func field(_ position: Int, _ current: Int) throws -> Int {
                    try bound[position].map(PyConvert.cInt) ?? current
                }
                let time = try WallTime.checked(
                    hour: try field(0, self.time.hour), minute: try field(1, self.time.minute),
                    second: try field(2, self.time.second), microsecond: try field(3, self.time.microsecond))
                let tzinfo =
                    try bound[4].map { try DatetimeModule.tzinfoArgument($0, "tzinfo argument") }
                    ?? self.tzinfo
                let fold = try field(5, self.fold)
                guard fold == 0 || fold == 1 else { throw PyError.value("fold must be either 0 or 1") }
                return .object(TimeObject(time, tzinfo: tzinfo, fold: fold))
            }
        case "min", "max", "resolution": return DatetimeModule.timeConstant(name)
        default: return nil
        }
    }

    /// Microseconds of the day in UTC for aware times, of the wall clock for naive ones.
    private var comparable: Int { time.microsecondsOfDay - (offset?.totalMicroseconds ?? 0) }

    func isEqual(to other: Value) -> Bool? {
        guard let other = other.object(TimeObject.self) else { return nil }
        if (offset == nil) != (other.offset == nil) { return false }
        return comparable == other.comparable
    }

    func compare(to other: Value) -> Int? {
        guard let other = other.object(TimeObject.self), (offset == nil) == (other.offset == nil) else {
            return nil
        }
        return comparable < other.comparable ? -1 : (comparable == other.comparable ? 0 : 1)
    }
}
