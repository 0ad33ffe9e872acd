import Jinja

/// A time of day to the microsecond: the fields of `datetime.time` and of a datetime's clock.
struct WallTime: Hashable, Comparable {
    let hour: Int
    let minute: Int
    let second: Int
    let microsecond: Int

    static let midnight = WallTime(hour: 0, minute: 0, second: 0, microsecond: 0)

    init(hour: Int, minute: Int, second: Int, microsecond: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    init(microsecondsOfDay us: Int) {
        self.init(
            hour: us / 3_600_000_000, minute: us / 60_000_000 % 60, second: us / 1_000_000 % 60,
            microsecond: us % 1_000_000)
    }

    /// Validates the fields with `time()`'s `ValueError`s.
    static func checked(hour: Int, minute: Int, second: Int, microsecond: Int) throws -> WallTime {
        guard (0...23).contains(hour) else { throw PyError.value("hour must be in 0..23") }
        guard (0...59).contains(minute) else { throw PyError.value("minute must be in 0..59") }
        guard (0...59).contains(second) else { throw PyError.value("second must be in 0..59") }
        guard (0...999_999).contains(microsecond) else {
            throw PyError.value("microsecond must be in 0..999999")
        }
        return WallTime(hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    var microsecondsOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1_000_000 + microsecond }

    static func < (a: WallTime, b: WallTime) -> Bool { a.microsecondsOfDay < b.microsecondsOfDay }

    /// `isoformat(timespec=...)`: `auto` drops zero microseconds.
    func isoFormat(timespec: String = "auto") throws -> String {
        let hh = pad(hour, 2)
        let mm = pad(minute, 2)
        let ss = pad(second, 2)
        switch timespec {
        case "auto":
            return microsecond == 0 ? "\(hh):\(mm):\(ss)" : "\(hh):\(mm):\(ss).\(pad(microsecond, 6))"
        case "hours": return hh
        case "minutes": return "\(hh):\(mm)"
        case "seconds": return "\(hh):\(mm):\(ss)"
        case "milliseconds": return "\(hh):\(mm):\(ss).\(pad(microsecond / 1000, 3))"
        case "microseconds": return "\(hh):\(mm):\(ss).\(pad(microsecond, 6))"
        default: throw PyError.value("Unknown timespec value")
        }
    }

    /// The fields as `repr()` lists them: trailing zero microsecond, then second, dropped.
    var reprFields: [Int] {
        var fields = [hour, minute, second, microsecond]
        if fields[3] == 0 {
            fields.removeLast()
            if fields[2] == 0 { fields.removeLast() }
        }
        return fields
    }
}
