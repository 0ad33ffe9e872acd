import Foundation

/// What every dbt artifact's `metadata` starts with (dbt's `BaseArtifactMetadata`): the schema
/// it follows, which dbt wrote it, when, and in which invocation. Times and ids are inputs, not
/// read from the clock, so that the same inputs give the same bytes.
public struct ArtifactMetadata: Sendable {
    /// The dbt version the artifact claims to come from (`dbt_version`).
    public var dbtVersion: String
    /// `generated_at`, written as naive UTC with a `Z` (`2024-06-10T15:39:22.035617Z`).
    public var generatedAt: Date
    public var invocationID: String?
    /// `invocation_started_at`, written timezone-aware (`...+00:00`), or `null`.
    public var invocationStartedAt: Date?
    /// `env`: the `DBT_ENV_CUSTOM_ENV_*` variables, names without the prefix (written sorted).
    public var env: [String: String]

    public init(
        dbtVersion: String, generatedAt: Date, invocationID: String?, invocationStartedAt: Date? = nil,
        env: [String: String] = [:]
    ) {
        self.dbtVersion = dbtVersion
        self.generatedAt = generatedAt
        self.invocationID = invocationID
        self.invocationStartedAt = invocationStartedAt
        self.env = env
    }

    /// The shared fields in dbt's order; each artifact appends its own after them.
    func jsonObject(schemaVersion: String) -> JSONObject {
        var env = JSONObject()
        for key in self.env.keys.sorted(by: codePointOrder) { env[key] = .string(self.env[key]) }
        return [
            "dbt_schema_version": .string(schemaVersion),
            "dbt_version": .string(dbtVersion),
            "generated_at": .string(generatedAt.pythonISOFormat(utcSuffix: "Z")),
            "invocation_id": .string(invocationID),
            "invocation_started_at": invocationStartedAt.map {
                .string($0.pythonISOFormat(utcSuffix: "+00:00"))
            }
                ?? .null,
            "env": .object(env),
        ]
    }
}

/// Python's `sorted()` order for strings: by Unicode code point (which UTF-8 byte order is).
/// Swift's `<` on `String` compares canonically equivalent forms and would differ from dbt.
func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
    // `memcmp` on the bytes: the manifest's maps sort hundreds of thousands of ids. Native
    // strings lend their bytes as they are; others are made contiguous first.
    let lent = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in precedes(left, right) }
    }
    if let lent, let order = lent { return order }
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in rhs.withUTF8 { right in precedes(left, right) } }
}

/// The positions of `keys` in `codePointOrder`, ties in their order. The keys' bytes are laid
/// end to end in one buffer and the sort moves plain (offset, length) records: sorting the
/// strings themselves retains and releases them at every comparison and move, which made up
/// most of sorting the manifest's 100,000 ids.
func codePointSortedPositions<Keys: Collection<String>>(_ keys: Keys) -> [Int] {
    var bytes: [UInt8] = []
    var slices: [(start: Int, count: Int, position: Int)] = []
    slices.reserveCapacity(keys.count)
    for (position, key) in keys.enumerated() {
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        slices.append((start, bytes.count - start, position))
    }
    bytes.withUnsafeBufferPointer { buffer in
        slices.sort { lhs, rhs in
            let common = min(lhs.count, rhs.count)
            if common > 0, let base = buffer.baseAddress {
                let order = memcmp(base + lhs.start, base + rhs.start, common)
                if order != 0 { return order < 0 }
            }
            return lhs.count != rhs.count ? lhs.count < rhs.count : lhs.position < rhs.position
        }
    }
    return slices.map(\.position)
}

private func precedes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(left.count, right.count)
    if common > 0, let l = left.baseAddress, let r = right.baseAddress {
        let order = memcmp(l, r, common)
        if order != 0 { return order < 0 }
    }
    return left.count < right.count
}
