/// The connection settings of a dbt-postgres (or dbt-redshift) profile, as plain values: the
/// caller maps a profile's fields onto it, so this target never reads YAML or the environment.
///
/// Its `description` leaves the password out, so logging a configuration cannot leak it.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible
{
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var dbname: String
    /// libpq's `sslmode` (`disable`, `prefer`, `require`, `verify-full`, ...); libpq's default when nil.
    public var sslmode: String?
    /// Seconds to wait for the connection (libpq's `connect_timeout`); libpq waits indefinitely when nil.
    public var connectTimeout: Int?
    /// Seconds of idleness before TCP keepalives start (libpq's `keepalives_idle`).
    public var keepalivesIdle: Int?
    /// The session's `search_path`, as dbt-postgres passes it (`"analytics,public"`).
    public var searchPath: String?
    /// A role the session switches to after connecting (`set role`).
    public var role: String?
    /// Shown in `pg_stat_activity.application_name`.
    public var applicationName: String

    public init(
        host: String, port: Int = 5432, user: String, password: String, dbname: String,
        sslmode: String? = nil,
        connectTimeout: Int? = nil, keepalivesIdle: Int? = nil, searchPath: String? = nil,
        role: String? = nil,
        applicationName: String = "weir"
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.dbname = dbname
        self.sslmode = sslmode
        self.connectTimeout = connectTimeout
        self.keepalivesIdle = keepalivesIdle
        self.searchPath = searchPath
        self.role = role
        self.applicationName = applicationName
    }

    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(dbname)"
        if let role { text += " role=\(role)" }
        if let searchPath { text += " search_path=\(searchPath)" }
        return text
    }

    public var debugDescription: String { description }

    /// libpq's connection keywords and values, for `PQconnectdbParams`: keyword/value arrays
    /// rather than a conninfo string, so no value needs quoting or can inject another keyword.
    var connectionParameters: [(keyword: String, value: String)] {
        var parameters: [(keyword: String, value: String)] = [
            ("host", host),
            ("port", String(port)),
            ("user", user),
            ("password", password),
            ("dbname", dbname),
            ("application_name", applicationName),
            // Results are decoded as UTF-8 whatever the server's or the environment's encoding.
            ("client_encoding", "UTF8"),
        ]
        if let sslmode { parameters.append(("sslmode", sslmode)) }
        if let connectTimeout { parameters.append(("connect_timeout", String(connectTimeout))) }
        if let keepalivesIdle { parameters.append(("keepalives_idle", String(keepalivesIdle))) }
        return parameters
    }
}
