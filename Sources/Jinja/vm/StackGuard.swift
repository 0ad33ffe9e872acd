import CStackBounds

/// Knows how much of the current thread's stack is left, so deep macro recursion stops with an
/// error before it overflows the stack, whatever thread (and stack size) the host renders on.
struct StackGuard {
    /// The lowest usable address of this thread's stack, or nil where it cannot be learned.
    private let lowBound: UInt?
    /// Stop when less than this much stack remains: enough for the error to be built and thrown.
    static let reserve: UInt = 256 * 1024

    init() {
        var low: UInt = 0
        lowBound = weir_stack_low_bound(&low) == 0 ? low : nil
    }

    /// Whether the stack below the caller is nearly used up.
    var isNearlyExhausted: Bool {
        guard let lowBound else { return false }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < lowBound + Self.reserve
    }
}
