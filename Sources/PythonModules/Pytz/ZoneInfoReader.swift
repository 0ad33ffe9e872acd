import Foundation
import Jinja

/// Reads zones from the system's tz database (`/usr/share/zoneinfo`, or `$TZDIR`) as pytz reads
/// its bundled copy: the version 1 (32-bit) data of a TZif file.
enum ZoneInfoReader {
    static var directory: String {
        ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
    }

    enum Zone {
        case staticZone(offset: Int, name: String)
        case dst(PytzZone)
    }

    /// The zone stored at `name`, or nil when there is no such TZif file.
    static func load(_ name: String) -> Zone? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"),
            !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
            !["posix", "right"].contains(String(parts[0])),
            !["localtime", "posixrules", "Factory"].contains(name),
            let data = FileManager.default.contents(atPath: directory + "/" + name)
        else { return nil }
        return parse(name, [UInt8](data))
    }

    static func parse(_ name: String, _ bytes: [UInt8]) -> Zone? {
        guard bytes.count >= 44, bytes[0..<4].elementsEqual("TZif".utf8) else { return nil }
        func int32(_ at: Int) -> Int {
            guard at + 4 <= bytes.count else { return 0 }
            let value =
                UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8
                | UInt32(bytes[at + 3])
            return Int(Int32(bitPattern: value))
        }
        func int64(_ at: Int) -> Int {
            guard at + 8 <= bytes.count else { return 0 }
            var value: UInt64 = 0
            for i in 0..<8 { value = value << 8 | UInt64(bytes[at + i]) }
            return Int(Int64(bitPattern: value))
        }
        func counts(_ at: Int) -> (isutc: Int, isstd: Int, leap: Int, time: Int, type: Int, char: Int) {
            (int32(at + 20), int32(at + 24), int32(at + 28), int32(at + 32), int32(at + 36), int32(at + 40))
        }
        var header = 0
        var c = counts(header)
        var timeSize = 4
        // A "slim" file keeps no version 1 data; use the 64-bit block then.
        if c.time == 0 && c.type <= 1 && bytes[4] >= UInt8(ascii: "2") {
            let v1Size = c.time * 5 + c.type * 6 + c.char + c.leap * 8 + c.isstd + c.isutc
            header = 44 + v1Size
            guard header + 44 <= bytes.count else { return nil }
            c = counts(header)
            timeSize = 8
        }
        var p = header + 44
        let needed = c.time * (timeSize + 1) + c.type * 6 + c.char
        guard c.type > 0, p + needed <= bytes.count else { return nil }
        var transitions: [Int] = []
        for i in 0..<c.time { transitions.append(timeSize == 4 ? int32(p + i * 4) : int64(p + i * 8)) }
        p += c.time * timeSize
        var indexes = (0..<c.time).map { Int(bytes[p + $0]) }
        p += c.time
        var types: [(offset: Int, isDST: Bool, abbreviation: Int)] = []
        for i in 0..<c.type {
            types.append((int32(p + i * 6), bytes[p + i * 6 + 4] != 0, Int(bytes[p + i * 6 + 5])))
        }
        p += c.type * 6
        let chars = Array(bytes[p..<(p + c.char)])
        func abbreviation(_ at: Int) -> String {
            guard at < chars.count else { return "" }
            let end = chars[at...].firstIndex(of: 0) ?? chars.count
            return String(decoding: chars[at..<end], as: UTF8.self)
        }
        let ttinfo = types.map { (offset: $0.offset, isDST: $0.isDST, name: abbreviation($0.abbreviation)) }
        guard indexes.allSatisfy({ $0 < ttinfo.count }) else { return nil }

        // Dates before year 1 cannot be datetimes; a 64-bit file may have a "big bang" transition.
        let yearOne = -62_135_596_800
        while let first = transitions.first, first < yearOne, transitions.count > 0 {
            transitions.removeFirst()
            indexes.removeFirst()
        }
        if ttinfo.count == 1 || transitions.isEmpty {
            return .staticZone(offset: ttinfo[0].offset, name: ttinfo[0].name)
        }
        // "Early dates use the first standard time ttinfo."
        var utcTimes = transitions.map { DateTimeObject.unixEpoch + $0 * 1_000_000 }
        let firstStandard = ttinfo.firstIndex { !$0.isDST } ?? 0
        if ttinfo[firstStandard] == ttinfo[indexes[0]] {
            utcTimes[0] = 0
        } else {
            utcTimes.insert(0, at: 0)
            indexes.insert(firstStandard, at: 0)
        }
        var infos: [PytzZone.Info] = []
        for i in 0..<utcTimes.count {
            let info = ttinfo[indexes[i]]
            var dst = 0
            if info.isDST {
                var previous = ttinfo[indexes[0]]
                for j in stride(from: i - 1, through: 0, by: -1) {
                    previous = ttinfo[indexes[j]]
                    if !previous.isDST { break }
                }
                dst = info.offset - previous.offset
                if dst <= 0 || dst > 3600 * 3 {
                    for j in (i + 1)..<max(i + 1, utcTimes.count) {
                        let standard = ttinfo[indexes[j]]
                        if !standard.isDST {
                            dst = info.offset - standard.offset
                            if 0 < abs(dst) && abs(dst) <= 3600 * 3 { break }
                        }
                    }
                }
            }
            infos.append(
                PytzZone.Info(utcOffset: roundToMinute(info.offset), dst: roundToMinute(dst), name: info.name)
            )
        }
        return .dst(PytzZone(name: name, transitions: utcTimes, infos: infos))
    }

    /// `int((seconds + 30) // 60) * 60`.
    static func roundToMinute(_ seconds: Int) -> Int { floorDiv(seconds + 30, 60) * 60 }

    /// Zone names by lower case, for pytz's case-insensitive lookup (`america/new_york`).
    static let namesByLowercase: [String: String] = {
        var names: [String: String] = [:]
        let root = directory
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return names }
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix("posix") || path.hasPrefix("right") {
                enumerator.skipDescendants()
                continue
            }
            if path.first?.isUppercase == true || path.hasPrefix("Etc") { names[path.lowercased()] = path }
        }
        return names
    }()
}
