import Foundation
import Jinja

/// One pytz `DstTzInfo` zone built as `pytz.tzfile.build_tzinfo` builds it from the TZif file:
/// the UTC transition times, the (offset, dst, name) in force after each, and one tzinfo object
/// per distinct triple. Offsets are rounded to whole minutes, as pytz does.
final class PytzZone: @unchecked Sendable {
    struct Info: Hashable {
        /// Seconds east of UTC.
        let utcOffset: Int
        /// Seconds of daylight saving included in the offset.
        let dst: Int
        let name: String
    }

    let name: String
    /// UTC wall times (`LocalMicroseconds`) from which each info applies; the first is `datetime.min`.
    let transitions: [LocalMicroseconds]
    let infos: [Info]
    private(set) var instances: [Info: TzInfo] = [:]

    init(name: String, transitions: [LocalMicroseconds], infos: [Info]) {
        self.name = name
        self.transitions = transitions
        self.infos = infos
        for info in infos where instances[info] == nil {
            instances[info] = TzInfo(.pytzDst(zone: self, info: info))
        }
    }

    /// The zone's own object, `pytz.timezone(name)`: the instance of the first period (often LMT).
    var base: TzInfo { instances[infos[0]] ?? TzInfo.pytzUTC }

    /// `bisect_right(_utc_transition_times, dt) - 1`, at least 0.
    func index(atUTC utc: LocalMicroseconds) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if utc < transitions[middle] { high = middle } else { low = middle + 1 }
        }
        return max(0, low - 1)
    }

    func instance(atUTC utc: LocalMicroseconds) -> TzInfo {
        instances[infos[index(atUTC: utc)]] ?? base
    }

    func owns(_ tzinfo: TzInfo) -> Bool {
        if case .pytzDst(let zone, _) = tzinfo.kind { return zone === self }
        return false
    }
}
