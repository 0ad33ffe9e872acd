import Testing

@testable import Execution

@Suite("ready queue: jobs handed out by input position")
struct ReadyQueueTests {
    @Test("positions come out smallest first, however they went in and interleaved with taking")
    func order() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var queue = ReadyQueue()
            var expected: [Int] = []
            for position in (0..<200).shuffled(using: &generator) {
                queue.insert(position)
                expected.append(position)
                if Bool.random(using: &generator), let first = queue.popFirst() {
                    #expect(first == expected.min())
                    expected.removeAll { $0 == first }
                }
            }
            while let first = queue.popFirst() {
                #expect(first == expected.min())
                expected.removeAll { $0 == first }
            }
            #expect(expected.isEmpty)
            #expect(queue.isEmpty)
        }
    }
}
