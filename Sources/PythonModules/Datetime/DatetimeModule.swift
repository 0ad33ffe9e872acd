import Jinja

/// Python's `datetime` module: the classes `date`, `datetime`, `time`, `timedelta`, `timezone`.
/// Local time is UTC: `now()` is the clock's UTC wall time, and naive datetimes convert as UTC.
enum DatetimeModule {
    static func make(clock: @escaping PythonModules.Clock) -> PyModuleObject {
        let cache = RegexCache()
        func now() -> Int { Clocks.microseconds(clock()) }
        let utc = Value.object(TzInfo.utc)
        return PyModuleObject(
            "datetime",
            [
                "date": .object(dateClass(now: now)),
                "datetime": .object(datetimeClass(now: now, cache: cache)),
                "time": .object(timeClass()),
                "timedelta": .object(timedeltaClass()),
                "timezone": .object(timezoneClass()),
                "tzinfo": .object(
                    PyClassObject("datetime.tzinfo") { _, _ in
                        throw PyError.type("no abstract tzinfo objects: use datetime.timezone or pytz")
                    }),
                "MINYEAR": .int(1),
                "MAXYEAR": .int(9999),
                "UTC": utc,
            ])
    }

    // MARK: Classes

    private static func dateClass(now: @escaping () -> Int) -> PyClassObject {
        PyClassObject(
            "datetime.date",
            members: [
                "today": .method("today") { arguments in
                    _ = try CArguments(arguments, [], function: "today")
                    return DateObject.value(DateTimeObject(utcMicroseconds: now(), tzinfo: nil).date)
                },
                "fromisoformat": .method("fromisoformat") { arguments in
                    let bound = try CArguments(arguments, ["date_string"], required: 1, positionalOnly: 1)
                    let text = try PyConvert.string(bound[0] ?? .none, "fromisoformat: argument")
                    return DateObject.value(try ISOParser.parseDate(text))
                },
                "fromordinal": .method("fromordinal") { arguments in
                    let bound = try CArguments(arguments, ["ordinal"], required: 1, positionalOnly: 1)
                    return DateObject.value(try ordinalDate(try PyConvert.int(bound[0] ?? .none)))
                },
                "fromisocalendar": .method("fromisocalendar") { arguments in
                    let bound = try CArguments(arguments, ["year", "week", "day"], required: 3)
                    return DateObject.value(
                        try CivilDate.fromISOCalendar(
                            year: try PyConvert.cInt(bound[0] ?? .none),
                            week: try PyConvert.cInt(bound[1] ?? .none),
                            day: try PyConvert.cInt(bound[2] ?? .none)))
                },
                "fromtimestamp": .method("fromtimestamp") { arguments in
                    let bound = try CArguments(arguments, ["timestamp"], required: 1, positionalOnly: 1)
                    return DateObject.value(try timestampDateTime(bound[0] ?? .none, tzinfo: nil).date)
                },
                "min": dateConstant("min"), "max": dateConstant("max"),
                "resolution": dateConstant("resolution"),
            ]
        ) { arguments, _ in
            let bound = try CArguments(arguments, ["year", "month", "day"], required: 3)
            return DateObject.value(
                try CivilDate.checked(
                    year: try PyConvert.cInt(bound[0] ?? .none), month: try PyConvert.cInt(bound[1] ?? .none),
                    day: try PyConvert.cInt(bound[2] ?? .none)))
        }
    }

    private static func datetimeClass(now: @escaping () -> Int, cache: RegexCache) -> PyClassObject {
        PyClassObject(
            "datetime.datetime",
            members: [
                "now": .method("now") { arguments in
                    let bound = try CArguments(arguments, ["tz"], function: "now")
                    let tz = try tzinfoArgument(bound[0], "tzinfo argument")
                    return .object(DateTimeObject(utcMicroseconds: now(), tzinfo: tz))
                },
                "utcnow": .method("utcnow") { arguments in
                    _ = try CArguments(arguments, [], function: "utcnow")
                    return .object(DateTimeObject(utcMicroseconds: now(), tzinfo: nil))
                },
                "today": .method("today") { arguments in
                    _ = try CArguments(arguments, [], function: "today")
                    return .object(DateTimeObject(utcMicroseconds: now(), tzinfo: nil))
                },
                "fromisoformat": .method("fromisoformat") { arguments in
                    let bound = try CArguments(arguments, ["date_string"], required: 1, positionalOnly: 1)
                    let text = try PyConvert.string(bound[0] ?? .none, "fromisoformat: argument")
                    let (date, time, tzinfo) = try ISOParser.parseDateTime(text)
                    return .object(DateTimeObject(date: date, time: time, tzinfo: tzinfo))
                },
                "strptime": .method("strptime") { arguments in
                    let bound = try CArguments(
                        arguments, ["date_string", "format"], required: 2, positionalOnly: 2,
                        function: "strptime")
                    let string = try PyConvert.string(bound[0] ?? .none, "strptime() argument 1")
                    let format = try PyConvert.string(bound[1] ?? .none, "strptime() argument 2")
                    let result = try Strptime.parse(string, format, cache: cache)
                    return .object(
                        DateTimeObject(date: result.date, time: result.time, tzinfo: result.tzinfo))
                },
                "fromtimestamp": .method("fromtimestamp") { arguments in
                    let bound = try CArguments(
                        arguments, ["timestamp", "tz"], required: 1, function: "fromtimestamp")
                    let tz = try tzinfoArgument(bound[1], "tzinfo argument")
                    return .object(try timestampDateTime(bound[0] ?? .none, tzinfo: tz))
                },
                "utcfromtimestamp": .method("utcfromtimestamp") { arguments in
                    let bound = try CArguments(arguments, ["timestamp"], required: 1, positionalOnly: 1)
                    return .object(try timestampDateTime(bound[0] ?? .none, tzinfo: nil))
                },
                "combine": .method("combine") { arguments in
                    let bound = try CArguments(
                        arguments, ["date", "time", "tzinfo"], required: 2, function: "combine")
                    let date: CivilDate
                    if let value = bound[0]?.object(DateObject.self) {
                        date = value.date
                    } else if let value = bound[0]?.object(DateTimeObject.self) {
                        date = value.date
                    } else {
                        throw PyError.type(
                            "combine() argument 1 must be datetime.date, not \((bound[0] ?? .none).typeName)")
                    }
                    guard let time = bound[1]?.object(TimeObject.self) else {
                        throw PyError.type(
                            "combine() argument 2 must be datetime.time, not \((bound[1] ?? .none).typeName)")
                    }
                    let tzinfo = try bound[2].map { try tzinfoArgument($0, "tzinfo argument") } ?? time.tzinfo
                    return .object(
                        DateTimeObject(date: date, time: time.time, tzinfo: tzinfo, fold: time.fold))
                },
                "fromordinal": .method("fromordinal") { arguments in
                    let bound = try CArguments(arguments, ["ordinal"], required: 1, positionalOnly: 1)
                    let date = try ordinalDate(try PyConvert.int(bound[0] ?? .none))
                    return .object(DateTimeObject(date: date, time: .midnight, tzinfo: nil))
                },
                "fromisocalendar": .method("fromisocalendar") { arguments in
                    let bound = try CArguments(arguments, ["year", "week", "day"], required: 3)
                    let date = try CivilDate.fromISOCalendar(
                        year: try PyConvert.cInt(bound[0] ?? .none),
                        week: try PyConvert.cInt(bound[1] ?? .none),
                        day: try PyConvert.cInt(bound[2] ?? .none))
                    return .object(DateTimeObject(date: date, time: .midnight, tzinfo: nil))
                },
                "min": datetimeConstant("min"), "max": datetimeConstant("max"),
                "resolution": datetimeConstant("resolution"),
            ]
        ) { arguments, _ in
            let names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"]
            let bound = try CArguments(arguments, names, required: 3)
            func field(_ position: Int) throws -> Int { try bound[position].map(PyConvert.cInt) ?? 0 }
            let date = try CivilDate.checked(year: try field(0), month: try field(1), day: try field(2))
            let time = try WallTime.checked(
                hour: try field(3), minute: try field(4), second: try field(5), microsecond: try field(6))
            let tzinfo = try tzinfoArgument(bound[7], "tzinfo argument")
            let fold = try field(8)
            guard fold == 0 || fold == 1 else { throw PyError.value("fold must be either 0 or 1") }
            return .object(DateTimeObject(date: date, time: time, tzinfo: tzinfo, fold: fold))
        }
    }

    private static func timeClass() -> PyClassObject {
        PyClassObject(
            "datetime.time",
            members: [
                "fromisoformat": .method("fromisoformat") { arguments in
                    let bound = try CArguments(arguments, ["time_string"], required: 1, positionalOnly: 1)
                    let text = try PyConvert.string(bound[0] ?? .none, "fromisoformat: argument")
                    let (time, tzinfo) = try ISOParser.parseTime(text)
                    return .object(TimeObject(time, tzinfo: tzinfo))
                },
                "min": timeConstant("min"), "max": timeConstant("max"),
                "resolution": timeConstant("resolution"),
            ]
        ) { arguments, _ in
            let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"]
            let bound = try CArguments(arguments, names)
            func field(_ position: Int) throws -> Int { try bound[position].map(PyConvert.cInt) ?? 0 }
            let time = try WallTime.checked(
                hour: try field(0), minute: try field(1), second: try field(2), microsecond: try field(3))
            let tzinfo = try tzinfoArgument(bound[4], "tzinfo argument")
            let fold = try field(5)
            guard fold == 0 || fold == 1 else { throw PyError.value("fold must be either 0 or 1") }
            return .object(TimeObject(time, tzinfo: tzinfo, fold: fold))
        }
    }

    private static func timedeltaClass() -> PyClassObject {
        PyClassObject(
            "datetime.timedelta",
            members: [
                "min": timedeltaConstant("min"), "max": timedeltaConstant("max"),
                "resolution": timedeltaConstant("resolution"),
            ]
        ) { arguments, _ in
            TimedeltaObject.value(try Timedelta.construct(arguments))
        }
    }

    private static func timezoneClass() -> PyClassObject {
        PyClassObject(
            "datetime.timezone",
            members: [
                "utc": .object(TzInfo.utc),
                "min": .object(
                    TzInfo(.fixed(offset: (try? Timedelta(days: -1, seconds: 60)) ?? .zero, name: nil))),
                "max": .object(TzInfo(.fixed(offset: (try? Timedelta(seconds: 86_340)) ?? .zero, name: nil))),
            ]
        ) { arguments, _ in
            let bound = try CArguments(arguments, ["offset", "name"], required: 1)
            guard let offset = bound[0]?.object(TimedeltaObject.self) else {
                throw PyError.type(
                    "timezone() argument 1 must be datetime.timedelta, not \((bound[0] ?? .none).typeName)")
            }
            var name: String?
            if let value = bound[1] {
                guard case .string(let text) = value else {
                    throw PyError.type("timezone() argument 2 must be str, not \(value.typeName)")
                }
                name = text
            }
            return .object(try TzInfo.fixed(offset.delta, name: name))
        }
    }

    // MARK: Helpers

    /// A `tzinfo` argument: None or a tzinfo object, else `TypeError`.
    static func tzinfoArgument(_ value: Value?, _ what: String) throws -> TzInfo? {
        guard let value, !value.isNone else { return nil }
        if let tzinfo = value.object(TzInfo.self) { return tzinfo }
        if what == "tzinfo argument" {
            throw PyError.type(
                "tzinfo argument must be None or of a tzinfo subclass, not type '\(value.typeName)'")
        }
        throw PyError.type("\(what) must be datetime.tzinfo, not \(value.typeName)")
    }

    static func ordinalDate(_ ordinal: Int) throws -> CivilDate {
        guard ordinal >= 1 else { throw PyError.value("ordinal must be >= 1") }
        guard ordinal <= CivilDate.maxOrdinal else { throw PyError.value("year 10000 is out of range") }
        return CivilDate(ordinal: ordinal)
    }

    /// `fromtimestamp`: seconds since the epoch, rounded half to even to the microsecond.
    static func timestampDateTime(_ value: Value, tzinfo: TzInfo?) throws -> DateTimeObject {
        let micros: Int
        switch value {
        case .int, .bool: micros = (value.intValue ?? 0) * 1_000_000
        case .float(let seconds):
            guard seconds.isFinite, abs(seconds) < 1e14 else { throw PyError.value("year is out of range") }
            let whole = seconds.rounded(.down)
            micros = Int(whole) * 1_000_000 + Int(((seconds - whole) * 1e6).rounded(.toNearestOrEven))
        default:
            throw PyError.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
        let utc = DateTimeObject.unixEpoch + micros
        guard utc >= 0, utc < CivilDate.maxOrdinal * Timedelta.microsecondsPerDay else {
            throw PyError.value("year is out of range")
        }
        return DateTimeObject(utcMicroseconds: micros, tzinfo: tzinfo)
    }

    static func dateConstant(_ name: String) -> Value {
        switch name {
        case "min": return DateObject.value(CivilDate(year: 1, month: 1, day: 1))
        case "max": return DateObject.value(CivilDate(year: 9999, month: 12, day: 31))
        case "resolution": return TimedeltaObject.value((try? Timedelta(days: 1)) ?? .zero)
        default: return .none
        }
    }

    static func datetimeConstant(_ name: String) -> Value {
        switch name {
        case "min":
            return .object(
                DateTimeObject(date: CivilDate(year: 1, month: 1, day: 1), time: .midnight, tzinfo: nil))
        case "max":
            return .object(
                DateTimeObject(
                    date: CivilDate(year: 9999, month: 12, day: 31),
                    time: WallTime(hour: 23, minute: 59, second: 59, microsecond: 999_999), tzinfo: nil))
        case "resolution": return TimedeltaObject.value((try? Timedelta(microseconds: 1)) ?? .zero)
        default: return .none
        }
    }

    static func timeConstant(_ name: String) -> Value {
        switch name {
        case "min": return .object(TimeObject(.midnight, tzinfo: nil))
        case "max":
            return .object(
                TimeObject(WallTime(hour: 23, minute: 59, second: 59, microsecond: 999_999), tzinfo: nil))
        case "resolution": return TimedeltaObject.value((try? Timedelta(microseconds: 1)) ?? .zero)
        default: return .none
        }
    }

    static func timedeltaConstant(_ name: String) -> Value {
        switch name {
        case "min": return TimedeltaObject.value((try? Timedelta(days: -Timedelta.maxDays)) ?? .zero)
        case "max":
            return TimedeltaObject.value(
                (try? Timedelta(days: Timedelta.maxDays, seconds: 86_399, microseconds: 999_999)) ?? .zero)
        case "resolution": return TimedeltaObject.value((try? Timedelta(microseconds: 1)) ?? .zero)
        default: return .none
        }
    }
}
