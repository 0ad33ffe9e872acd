/// The jobs ready to run, handed out by their position in the input (a stable, dbt-like order):
/// a binary min-heap of positions, so that adding a job and taking the first cost O(log n).
/// (A sorted array re-sorted on every completion made a 38,000-node build spend a sixth of its
/// CPU time sorting.)
struct ReadyQueue {
    private var heap: [Int] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func insert(_ position: Int) {
        heap.append(position)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The smallest position, removed; nil when nothing is ready.
    mutating func popFirst() -> Int? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            let smaller = right < heap.count && heap[right] < heap[left] ? right : left
            guard heap[smaller] < heap[parent] else { break }
            heap.swapAt(smaller, parent)
            parent = smaller
        }
        return first
    }
}
