/// A node not run because an ephemeral model it uses failed to compile: dbt skips it, and every
/// other descendant of the ephemeral model, with the ephemeral model's error as the cause.
public struct EphemeralFailure: Error, CustomStringConvertible {
    /// The ephemeral model that failed.
    public let ephemeralID: String
    /// What its compile threw.
    public let underlying: any Error

    public init(ephemeralID: String, underlying: any Error) {
        self.ephemeralID = ephemeralID
        self.underlying = underlying
    }

    public var description: String { String(describing: underlying) }

    /// dbt's message for the skipped node (`BaseRunner.on_skip`).
    public func message(for id: String) -> String {
        "Compilation Error in \(id), caused by compilation error in referenced ephemeral model \(ephemeralID)"
    }
}
