import Foundation
import Parallelism
import Testing

@Suite struct ConcurrentMapTests {
    struct Refused: Error, Equatable {
        let value: Int
    }

    @Test(arguments: [0, 1, 63, 64, 1_000, 10_007])
    func resultsComeInTheCollectionsOrder(count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.concurrentMap { $0 * 3 } == numbers.map { $0 * 3 })
    }

    @Test func everyElementIsTransformedOnce() {
        let calls = Counter()
        _ = Array(0..<5_000).concurrentMap { _ in calls.increment() }
        #expect(calls.value == 5_000)
    }

    @Test func theFirstErrorInOrderIsThrownAsMapWould() {
        // Several elements fail; whichever thread gets there first, the earliest one is reported.
        #expect(throws: Refused(value: 1_200)) {
            try Array(0..<10_000).concurrentMap { value in
                if value >= 1_200, value % 100 == 0 { throw Refused(value: value) }
                return value
            }
        }
    }

    /// Results are made in place and moved into the array; when an element fails, the results
    /// already made are let go of, each once.
    @Test func resultsAreKeptOrLetGoOfEachOnce() throws {
        final class Tracked {
            static let live = Counter()
            static let freed = Counter()
            let value: Int
            init(_ value: Int) {
                self.value = value
                Self.live.increment()
            }
            deinit { Self.freed.increment() }
        }
        let kept = Array(0..<3_000).concurrentMap { Tracked($0) }
        #expect(kept.map(\.value) == Array(0..<3_000))
        #expect(Tracked.freed.value == 0)
        #expect(throws: Refused(value: 2_000)) {
            _ = try Array(0..<3_000).concurrentMap { value -> Tracked in
                if value == 2_000 { throw Refused(value: value) }
                return Tracked(value)
            }
        }
        #expect(Tracked.freed.value == 2_999, "every result made for the failed map is freed once")
        #expect(Tracked.live.value == 5_999)
    }

    @Test func arraySlicesMapFromTheirOwnStart() {
        let slice = Array(0..<1_000)[500..<900]
        #expect(slice.concurrentMap { $0 + 1 } == Array(501...900))
    }

    @Test(arguments: [0, 1, 2, 300, 5_000])
    func consumingInOrderTakesEveryResultOnceInOrder(count: Int) throws {
        let consumed = Recorder()
        try Array(0..<count).concurrentMap({ value -> Int in
            // Uneven work, so that later elements often finish before earlier ones.
            if value % 7 == 0 { usleep(50) }
            return value * 2
        }, consumingInOrder: { consumed.append($0) })
        #expect(consumed.values == (0..<count).map { $0 * 2 })
    }

    @Test func consumingStopsAtTheConsumersFirstError() {
        let consumed = Recorder()
        #expect(throws: Refused(value: 40)) {
            try Array(0..<1_000).concurrentMap({ $0 }, consumingInOrder: { value in
                if value == 40 { throw Refused(value: value) }
                consumed.append(value)
            })
        }
        #expect(consumed.values == Array(0..<40))
    }
}

/// Values that threads may append together, one at a time.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Int] = []

    var values: [Int] { lock.withLock { recorded } }
    func append(_ value: Int) { lock.withLock { recorded.append(value) } }
}

/// A count that threads may increment together.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
