import CStackBounds

/// Knows how much of the current thread's stack is left, so deep macro recursion stops with an
/// error before it overflows the stack, whatever thread (and stack size) the host renders on.
///
/// Learning the stack's bounds is slow on the main thread (glibc reads `/proc/self/maps`), so it
/// is done only once calls nest deeply enough for the stack to matter.
struct StackGuard {
    /// The lowest usable address of this thread's stack, or nil where it cannot be learned.
    private var lowBound: UInt?
    private var lookedUp = false
    /// Stop when less than this much stack remains: enough for the error to be built and thrown.
    static let reserve: UInt = 256 * 1024
    /// Below this call depth the stack is not examined at all.
    static let depthWorthChecking = 24

    /// Whether the stack below the caller is nearly used up, at call depth `depth`.
    mutating func isNearlyExhausted(atDepth depth: Int) -> Bool {
        guard depth >= Self.depthWorthChecking else { return false }
        if !lookedUp {
            var low: UInt = 0
            lowBound = weir_stack_low_bound(&low) == 0 ? low : nil
            lookedUp = true
        }
        guard let lowBound else { return false }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < lowBound + Self.reserve
    }
}
