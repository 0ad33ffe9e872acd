import Jinja

/// pytz's methods on its tzinfo objects: `localize`, `normalize`, `zone`.
extension TzInfo {
    /// Attributes only pytz's tzinfos have; nil for `datetime.timezone`.
    func pytzAttribute(_ name: String) throws -> Value? {
        guard isPytz else { return nil }
        switch name {
        case "zone":
            switch kind {
            case .pytzUTC: return .string("UTC")
            case .pytzStatic(let zone, _, _): return .string(zone)
            case .pytzDst(let zone, _): return .string(zone.name)
            default: return Value.none
            }
        case "localize":
            return .method(name) { arguments in
                let bound = try arguments.bind(
                    ["dt", "is_dst"], defaults: ["is_dst": .bool(false)], function: name)
                let dt = try TzInfo.datetimeArgument(bound[0])
                let isDST: Bool? = bound[1].isNone ? nil : bound[1].isTruthy
                return .object(try self.localize(dt, isDST: isDST))
            }
        case "normalize":
            return .method(name) { arguments in
                let bound = try arguments.bind(
                    ["dt", "is_dst"], defaults: ["is_dst": .bool(false)], function: name)
                return .object(try self.normalize(try TzInfo.datetimeArgument(bound[0])))
            }
        default:
            return nil
        }
    }

    private static func datetimeArgument(_ value: Value) throws -> DateTimeObject {
        guard let dt = value.object(DateTimeObject.self) else {
            throw PyError.type("'\(value.typeName)' object has no attribute 'tzinfo'")
        }
        return dt
    }

    /// `tz.localize(naive)`: attach this zone, choosing the period in force at that wall time.
    func localize(_ dt: DateTimeObject, isDST: Bool?) throws -> DateTimeObject {
        guard dt.tzinfo == nil else { throw PyError.value("Not naive datetime (tzinfo is already set)") }
        guard case .pytzDst(let zone, _) = kind else { return dt.replacing(tzinfo: .some(self)) }
        let day = Timedelta.microsecondsPerDay
        var possible: [DateTimeObject] = []
        for delta in [-day, day] {
            let shifted = dt.localMicroseconds + delta
            guard shifted >= 0, shifted < CivilDate.maxOrdinal * day else {
                throw PyError.overflow("date value out of range")
            }
            let instance = zone.instance(atUTC: shifted)
            let candidate = try instance.normalize(dt.replacing(tzinfo: .some(instance)))
            if candidate.localMicroseconds == dt.localMicroseconds,
                !possible.contains(where: { $0.utcMicroseconds == candidate.utcMicroseconds })
            {
                possible.append(candidate)
            }
        }
        if possible.count == 1 { return possible[0] }
        let sixHours = 6 * 3_600_000_000
        if possible.isEmpty {
            guard let isDST else { throw PyError.value(dt.pyStr) }
            if isDST {
                let later = try localize(
                    try DateTimeObject(local: dt.localMicroseconds + sixHours, tzinfo: nil), isDST: true)
                return try DateTimeObject(local: later.localMicroseconds - sixHours, tzinfo: later.tzinfo)
            }
            let earlier = try localize(
                try DateTimeObject(local: dt.localMicroseconds - sixHours, tzinfo: nil), isDST: false)
            return try DateTimeObject(local: earlier.localMicroseconds + sixHours, tzinfo: earlier.tzinfo)
        }
        guard let isDST else { throw PyError.value(dt.pyStr) }
        var filtered = possible.filter { (($0.tzinfo?.dst ?? .zero) != .zero) == isDST }
        if filtered.count == 1 { return filtered[0] }
        if filtered.isEmpty { filtered = possible }
        let sorted = filtered.sorted { $0.utcMicroseconds < $1.utcMicroseconds }
        return (isDST ? sorted.first : sorted.last) ?? possible[0]
    }

    /// `tz.normalize(aware)`: the same instant as a wall time of this zone.
    func normalize(_ dt: DateTimeObject) throws -> DateTimeObject {
        guard let current = dt.tzinfo else { throw PyError.value("Naive time - no tzinfo set") }
        switch kind {
        case .pytzDst:
            guard current.isPytz else {
                throw PyError.value("'datetime.timezone' object has no attribute '_utcoffset'")
            }
            return try fromUTC(dt.utcMicroseconds)
        default:
            if current === self { return dt }
            return try dt.astimezone(self)
        }
    }
}
