import Foundation
import ProjectModel

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
