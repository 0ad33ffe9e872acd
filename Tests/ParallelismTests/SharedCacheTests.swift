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

    @Test func aLazyValueIsComputedAgainAfterAReset() {
        let lazy = SharedLazy<Int>()
        #expect(lazy.value { 1 } == 1)
        #expect(lazy.value { 2 } == 1)
        lazy.reset()
        #expect(lazy.value { 3 } == 3)
    }
}
