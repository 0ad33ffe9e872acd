/// The profile target a run uses: its adapter type, schema, database and every other field of
/// `profiles.yml`, rendered. Secrets stay in `fields` but never in `publicFields`.
public struct Target: Sendable {
    public var profileName: String
    public var name: String
    public var type: String
    public var schema: String
    public var database: String
    public var threads: Int
    /// Every field as rendered, including secrets (the connection needs them).
    public var fields: ConfigMap

    public init(profileName: String, name: String, type: String, schema: String, database: String, threads: Int, fields: ConfigMap) {
        self.profileName = profileName
        self.name = name
        self.type = type
        self.schema = schema
        self.database = database
        self.threads = threads
        self.fields = fields
    }

    /// Fields that must never be shown, logged or put in an artifact.
    public static let secretFieldNames: Set<String> = [
        "password", "pass", "token", "private_key", "private_key_passphrase", "keyfile_json",
        "client_secret", "refresh_token", "secret", "api_key",
    ]

    /// What `target` exposes in Jinja and `weir debug` prints: everything but secrets, as dbt does.
    public var publicFields: ConfigMap {
        var result = ConfigMap()
        for (key, value) in fields where !Self.secretFieldNames.contains(key) { result[key] = value }
        result["profile_name"] = .string(profileName)
        result["name"] = .string(name)
        result["target_name"] = .string(name)
        result["type"] = .string(type)
        result["schema"] = .string(schema)
        result["database"] = .string(database)
        result["threads"] = .int(threads)
        return result
    }
}
