import Foundation
import Jinja

/// The pytz package: `modules.pytz.timezone('America/New_York')`, `modules.pytz.utc`.
enum PytzModule {
    static func make() -> PyModuleObject {
        let utc = Value.object(TzInfo.pytzUTC)
        return PyModuleObject(
            "pytz",
            [
                "utc": utc,
                "UTC": utc,
                "timezone": .method("timezone") { arguments in
                    let bound = try arguments.bind(["zone"], function: "timezone")
                    return .object(try timezone(bound[0]))
                },
                "FixedOffset": .method("FixedOffset") { arguments in
                    let bound = try arguments.bind(["offset"], function: "FixedOffset")
                    return .object(try fixedOffset(try PyConvert.int(bound[0])))
                },
            ])
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var zones: [String: TzInfo] = [:]
    nonisolated(unsafe) private static var fixedOffsets: [Int: TzInfo] = [:]

    /// `pytz.timezone(name)`: one object per zone for the life of the process, as pytz caches them.
    static func timezone(_ value: Value) throws -> TzInfo {
        guard case .string(var name) = value else { throw PyError.key(value) }
        if name.uppercased() == "UTC" { return TzInfo.pytzUTC }
        guard name.unicodeScalars.allSatisfy(\.isASCII) else { throw PyError.key(value) }
        name = name.replacingOccurrences(of: "_plus_", with: "+").replacingOccurrences(
            of: "_minus_", with: "-")
        lock.lock()
        defer { lock.unlock() }
        if let cached = zones[name] { return cached }
        var canonical = name
        var loaded = ZoneInfoReader.load(name)
        if loaded == nil, let proper = ZoneInfoReader.namesByLowercase[name.lowercased()] {
            if let cached = zones[proper] {
                zones[name] = cached
                return cached
            }
            canonical = proper
            loaded = ZoneInfoReader.load(proper)
        }
        guard let loaded else { throw PyError.key(.string(name)) }
        let tzinfo: TzInfo
        switch loaded {
        case .staticZone(let offset, let abbreviation):
            // pytz rounds the offsets of zones with transitions only.
            tzinfo = TzInfo(
                .pytzStatic(zone: canonical, offset: try Timedelta(seconds: offset), name: abbreviation))
        case .dst(let zone):
            tzinfo = zone.base
        }
        zones[name] = tzinfo
        zones[canonical] = tzinfo
        return tzinfo
    }

    /// `pytz.FixedOffset(minutes)`: UTC for 0, one object per offset otherwise.
    static func fixedOffset(_ minutes: Int) throws -> TzInfo {
        if minutes == 0 { return TzInfo.pytzUTC }
        guard abs(minutes) < 1440 else { throw PyError.value("('absolute offset is too large', \(minutes))") }
        lock.lock()
        defer { lock.unlock() }
        if let cached = fixedOffsets[minutes] { return cached }
        let tzinfo = TzInfo(.pytzFixedOffset(minutes: minutes))
        fixedOffsets[minutes] = tzinfo
        return tzinfo
    }
}
