import Foundation
import Parallelism
import Testing

@Suite struct SharedCacheTests {
    final class Box {}

    @Test func everyThreadGetsTheFirstValueStored() {
        let cache = SharedCache<Int, Box>()
        let boxes = Array(0..<2_000).concurrentMap { index in cache.value(for: index % 10) { Box() } }
        for (index, box) in boxes.enumerated() {
            #expect(box === boxes[index % 10])
        }
    }

    @Test func aValueIsComputedOnlyWhenMissing() throws {
        let cache = SharedCache<String, Int>()
        #expect(cache.value(for: "a") { 1 } == 1)
        #expect(cache.value(for: "a") { 2 } == 1)
        cache["a"] = nil
        #expect(cache.value(for: "a") { 3 } == 3)
        #expect(throws: CocoaError.self) { try cache.value(for: "b") { throw CocoaError(.fileNoSuchFile) } }
        #expect(cache["b"] == nil)
    }

    @Test func valuesAreRemovedByKeyAndCopiedOut() {
        let cache = SharedCache<String, Int>()
        cache.removeValues(forKeys: ["a"])  // nothing stored yet
        cache["a"] = 1
        cache["b"] = 2
        cache["c"] = 3
        cache.removeValues(forKeys: ["a", "c", "z"])
        #expect(cache.contents == ["b": 2])
    }

    @Test func aBackgroundTaskGivesItsValueOrThrowsItsError() throws {
        let started = Counter()
        let task = BackgroundTask { () -> Int in
            started.increment()
            return 42
        }
        #expect(try task.value() == 42)
        #expect(try task.value() == 42)  // taken again without running the work again
        #expect(started.value == 1)
        let failing = BackgroundTask<Int> { throw CocoaError(.fileWriteNoPermission) }
        #expect(throws: CocoaError.self) { try failing.value() }
    }

    @Test func aLazyValueIsComputedAgainAfterAReset() {
        let lazy = SharedLazy<Int>()
        #expect(lazy.value { 1 } == 1)
        #expect(lazy.value { 2 } == 1)
        lazy.reset()
        #expect(lazy.value { 3 } == 3)
    }
}
