import Jinja

/// A `datetime.tzinfo`: the standard library's fixed-offset `datetime.timezone`, or one of pytz's
/// zones. pytz's `DstTzInfo` is one object per (offset, dst, name) of a zone, as in pytz, so
/// `datetime(..., tzinfo=pytz.timezone('America/New_York'))` keeps pytz's local mean time.
final class TzInfo: JinjaObject, @unchecked Sendable {
    enum Kind {
        /// `datetime.timezone(offset, name)`.
        case fixed(offset: Timedelta, name: String?)
        /// `pytz.utc`.
        case pytzUTC
        /// `pytz.FixedOffset(minutes)`.
        case pytzFixedOffset(minutes: Int)
        /// pytz's `StaticTzInfo` (`Etc/GMT+5`, `GMT`): one offset for all time.
        case pytzStatic(zone: String, offset: Timedelta, name: String)
        /// One of the instances of a pytz `DstTzInfo` zone.
        case pytzDst(zone: PytzZone, info: PytzZone.Info)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// `datetime.timezone.utc`.
    static let utc = TzInfo(.fixed(offset: .zero, name: nil))
    /// `pytz.utc`.
    static let pytzUTC = TzInfo(.pytzUTC)

    /// `datetime.timezone(offset, name)`: the UTC singleton for a zero offset without a name.
    static func fixed(_ offset: Timedelta, name: String? = nil) throws -> TzInfo {
        guard offset > (try Timedelta(days: -1)), offset < (try Timedelta(days: 1)) else {
            throw PyError.value(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not \(offset.pyRepr)."
            )
        }
        if name == nil && offset.isZero { return utc }
        return TzInfo(.fixed(offset: offset, name: name))
    }

    var isPytz: Bool {
        if case .fixed = kind { return false }
        return true
    }

    /// The offset this tzinfo gives a datetime that carries it. Every kind here has one offset per
    /// instance (pytz switches instances rather than offsets).
    var offset: Timedelta {
        switch kind {
        case .fixed(let offset, _): return offset
        case .pytzUTC: return .zero
        case .pytzFixedOffset(let minutes): return (try? Timedelta(seconds: minutes * 60)) ?? .zero
        case .pytzStatic(_, let offset, _): return offset
        case .pytzDst(_, let info): return (try? Timedelta(seconds: info.utcOffset)) ?? .zero
        }
    }

    /// `dst()`: None for `datetime.timezone`.
    var dst: Timedelta? {
        switch kind {
        case .fixed: return nil
        case .pytzDst(_, let info): return try? Timedelta(seconds: info.dst)
        default: return .zero
        }
    }

    /// `tzname()`: None for `pytz.FixedOffset`.
    var name: String? {
        switch kind {
        case .fixed(let offset, let name): return name ?? TzInfo.utcName(offset)
        case .pytzUTC: return "UTC"
        case .pytzFixedOffset: return nil
        case .pytzStatic(_, _, let name): return name
        case .pytzDst(_, let info): return info.name
        }
    }

    /// `UTC`, `UTC+05:30`, `UTC-03:00:07.000001`: the name of an unnamed `datetime.timezone`.
    private static func utcName(_ offset: Timedelta) -> String {
        if offset.isZero { return "UTC" }
        return "UTC" + formatOffset(offset, separator: ":")
    }

    /// `+05:30`, `-04:56`, `+05:00:03.000004`: an offset as `isoformat()` and `%z` print it.
    static func formatOffset(_ offset: Timedelta, separator: String) -> String {
        var delta = offset
        var sign = "+"
        if offset < .zero {
            sign = "-"
            delta = (try? -offset) ?? offset
        }
        let seconds = delta.days * 86_400 + delta.seconds
        var text = sign + pad(seconds / 3600, 2) + separator + pad(seconds % 3600 / 60, 2)
        if seconds % 60 != 0 || delta.microseconds != 0 {
            text += separator + pad(seconds % 60, 2)
            if delta.microseconds != 0 { text += "." + pad(delta.microseconds, 6) }
        }
        return text
    }

    /// `fromutc()`: the wall time in this zone of a UTC instant, with the tzinfo instance that
    /// applies then (for pytz zones, the instance of that period).
    func fromUTC(_ utc: LocalMicroseconds) throws -> DateTimeObject {
        switch kind {
        case .pytzDst(let zone, _):
            let instance = zone.instance(atUTC: utc)
            return try DateTimeObject(local: utc + instance.offsetMicroseconds, tzinfo: instance)
        default:
            return try DateTimeObject(local: utc + offsetMicroseconds, tzinfo: self)
        }
    }

    var offsetMicroseconds: Int { offset.totalMicroseconds ?? 0 }

    /// `datetime.timezone`, or pytz's base class for its zones (each zone is its own class in pytz).
    var typeName: String { isPytz ? "pytz.tzinfo" : "datetime.timezone" }

    var pyStr: String {
        switch kind {
        case .fixed: return name ?? ""
        case .pytzUTC: return "UTC"
        case .pytzFixedOffset: return pyRepr
        case .pytzStatic(let zone, _, _): return zone
        case .pytzDst(let zone, _): return zone.name
        }
    }

    var pyRepr: String {
        switch kind {
        case .fixed(let offset, let name):
            if self === TzInfo.utc { return "datetime.timezone.utc" }
            return "datetime.timezone(\(offset.pyRepr)\(name.map { ", " + pyStringRepr($0) } ?? ""))"
        case .pytzUTC: return "<UTC>"
        case .pytzFixedOffset(let minutes): return "pytz.FixedOffset(\(minutes))"
        case .pytzStatic(let zone, _, _): return "<StaticTzInfo \(pyStringRepr(zone))>"
        case .pytzDst(let zone, let info):
            let offset = (try? Timedelta(seconds: info.utcOffset)) ?? .zero
            let sign = offset > .zero ? "+" : ""
            return
                "<DstTzInfo \(pyStringRepr(zone.name)) \(info.name)\(sign)\(offset.description) \(info.dst != 0 ? "DST" : "STD")>"
        }
    }

    /// `datetime.timezone` compares by offset; pytz's tzinfos by identity.
    func isEqual(to other: Value) -> Bool? {
        guard case .fixed(let offset, _) = kind else { return nil }
        guard let other = other.object(TzInfo.self), case .fixed(let otherOffset, _) = other.kind else {
            return false
        }
        return offset == otherOffset
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "utcoffset":
            return .method(name) { arguments in
                let dt = try CArguments(arguments, ["dt"], required: 1, positionalOnly: 1, function: name)
                return try self.utcoffsetMethod(dt[0] ?? .none).map(TimedeltaObject.value) ?? .none
            }
        case "dst":
            return .method(name) { arguments in
                let dt = try CArguments(arguments, ["dt"], required: 1, positionalOnly: 1, function: name)
                return try self.dstMethod(dt[0] ?? .none).map(TimedeltaObject.value) ?? .none
            }
        case "tzname":
            return .method(name) { arguments in
                let dt = try CArguments(arguments, ["dt"], required: 1, positionalOnly: 1, function: name)
                return try self.tznameMethod(dt[0] ?? .none).map(Value.string) ?? .none
            }
        case "fromutc":
            return .method(name) { arguments in
                let dt = try CArguments(arguments, ["dt"], required: 1, positionalOnly: 1, function: name)
                guard let value = dt[0]?.object(DateTimeObject.self) else {
                    throw PyError.type("fromutc: argument must be a datetime")
                }
                return .object(try self.fromUTC(value.localMicroseconds))
            }
        default:
            return try pytzAttribute(name)
        }
    }

    /// `tz.utcoffset(dt)` as pytz defines it: a `DstTzInfo` asked about a datetime that is not its
    /// own localizes it first.
    private func utcoffsetMethod(_ dt: Value) throws -> Timedelta? {
        if case .pytzDst = kind, let datetime = dt.object(DateTimeObject.self), datetime.tzinfo !== self {
            return try localize(datetime, isDST: false).tzinfo?.offset
        }
        if case .pytzDst = kind, dt.isNone { return nil }
        return offset
    }

    private func dstMethod(_ dt: Value) throws -> Timedelta? {
        if case .pytzDst = kind, let datetime = dt.object(DateTimeObject.self), datetime.tzinfo !== self {
            return try localize(datetime, isDST: false).tzinfo?.dst
        }
        if case .pytzDst = kind, dt.isNone { return nil }
        return dst
    }

    private func tznameMethod(_ dt: Value) throws -> String? {
        if case .pytzDst = kind, let datetime = dt.object(DateTimeObject.self), datetime.tzinfo !== self {
            return try localize(datetime, isDST: false).tzinfo?.name
        }
        if case .pytzDst(let zone, _) = kind, dt.isNone { return zone.name }
        return name
    }
}
