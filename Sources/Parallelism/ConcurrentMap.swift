import Dispatch
import Foundation

extension RandomAccessCollection where Index == Int {
    /// `map(transform)` computed on all cores, results in the collection's order.
    ///
    /// For the independent per-file and per-node steps of parsing and writing artifacts, which
    /// dominate a large project's time. `transform` must be safe to call concurrently (pure, or
    /// touching only what it was given). Small collections are mapped on the calling thread,
    /// where handing work to other threads costs more than it saves.
    ///
    /// Inlinable, so that each use is specialized to its types: generic, it looked up the
    /// metadata of `Result<T, Error>` for every element (2% of a large compile's instructions).
    @inlinable
    public func concurrentMap<T>(minimumCount: Int = 64, _ transform: (Element) throws -> T) rethrows -> [T] {
        let count = self.count
        guard count >= minimumCount, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return try map(transform)
        }
        // Each result is made in its place in the output, and each error beside it; the output
        // is then moved into the array whole (copying tens of thousands of results out of
        // wrappers retained and released each of them, on the calling thread alone).
        let values = UnsafeMutablePointer<T>.allocate(capacity: count)
        let errors = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: count)
        errors.initialize(repeating: nil)
        defer {
            errors.deinitialize().deallocate()
            values.deallocate()
        }
        // Several chunks per core, so a core that finishes early takes more.
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        let base = startIndex
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                for offset in (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount) {
                    do {
                        (values + offset).initialize(to: try transform(self[base + offset]))
                    } catch {
                        errors[offset] = error
                    }
                }
            }
        }
        // The first error in the collection's order, as `map` would have thrown.
        if let failed = errors.firstIndex(where: { $0 != nil }) {
            for offset in 0..<count where errors[offset] == nil { (values + offset).deinitialize(count: 1) }
            try [errors[failed]!].forEach { throw $0 }
        }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: values, count: count)
            initialized = count
        }
    }
}

extension RandomAccessCollection where Index == Int {
    /// `forEach { try consume(transform($0)) }` with the transforms on all cores: each result is
    /// handed to `consume` in the collection's order as soon as it and every one before it are
    /// done, one at a time, on whichever thread finished the last of them.
    ///
    /// For output too large to hold twice (a manifest's nodes, written as they are serialized):
    /// what is consumed can be dropped at once, and the consuming overlaps the transforms
    /// rather than following them all. After `consume` throws, nothing more is consumed (the
    /// transforms still under way finish) and its error is thrown.
    public func concurrentMap<T>(_ transform: (Element) -> T, consumingInOrder consume: (T) throws -> Void) throws {
        let count = self.count
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            for element in self { try consume(transform(element)) }
            return
        }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        let handOff = InOrderHandOff()
        let base = startIndex
        withoutActuallyEscaping(transform) { transform in
            withoutActuallyEscaping(consume) { consume in
                // One iteration per element: the threads take them in order, so the results
                // come about in the order they are consumed.
                DispatchQueue.concurrentPerform(iterations: count) { offset in
                    guard !handOff.failed else { return }
                    let result = transform(self[base + offset])
                    handOff.lock.lock()
                    results[offset] = result
                    guard !handOff.consuming, handOff.next == offset else { return handOff.lock.unlock() }
                    // This thread consumes what is ready; one finishing meanwhile leaves its
                    // result for it.
                    handOff.consuming = true
                    while handOff.next < count, let ready = results[handOff.next] {
                        results[handOff.next] = nil
                        handOff.next += 1
                        handOff.lock.unlock()
                        do { try consume(ready) } catch { handOff.fail(error) }
                        handOff.lock.lock()
                    }
                    handOff.consuming = false
                    handOff.lock.unlock()
                }
            }
        }
        if let error = handOff.error { throw error }
    }
}

/// The state `concurrentMap(_:consumingInOrder:)`'s threads share, behind `lock`.
private final class InOrderHandOff: @unchecked Sendable {
    let lock = NSLock()
    /// The position of the next result to consume.
    var next = 0
    /// Whether a thread is consuming results.
    var consuming = false
    /// The error `consume` threw.
    private(set) var error: (any Error)?

    var failed: Bool { lock.withLock { error != nil } }

    /// Records `error` and stops the consuming (called outside the lock).
    func fail(_ error: any Error) {
        lock.withLock {
            self.error = error
            next = .max
        }
    }
}
