import Foundation

/// Turning a clock's `Date` into whole microseconds since the Unix epoch, as CPython rounds.
enum Clocks {
    static func microseconds(_ instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = ((seconds - whole) * 1_000_000).rounded(.toNearestOrEven)
        return Int(whole) * 1_000_000 + Int(micros)
    }
}
