import Diagnostics
import Foundation
import Testing
@testable import Workspace

/// W1308: on PostgreSQL, `open_sessions` keys picked with `window or key in (open_keys())`
/// read the whole source on every run; the warning points at the `or` and names the fix.
@Suite struct OpenSessionsLintTests {
    static let orForm = """
        with touched as (
            select distinct session_id from {{ ref('stg_events') }}
            {% if is_incremental() %}
            where {{ weir.window('event_at') }}
               OR session_id IN ( {{- weir.open_keys() -}} )
            {% endif %}
        )
        select session_id, max(event_at) as last_event_at, 1 as is_open from {{ ref('stg_events') }}
        where session_id in (select session_id from touched) group by 1
        """

    /// The events project's sessions model, rewritten in the `or` form when asked, parsed for `target`.
    static func warnings(target: String?, orForm: Bool) throws -> [Diagnostic] {
        var project = try RunProject("events")
        project.targetName = target
        for name in ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"] { project.environment[name] = "5432" }
        if orForm {
            let path = project.directory + "/models/sessions.sql"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let config = String(text[..<text.range(of: "-- The sessions to rebuild")!.lowerBound])
            try (config + Self.orForm).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try project.workspace(command: "parse").parse().warnings.filter { $0.code == "W1308" }
    }

    @Test func theOrFormOnPostgresIsReportedAtTheOr() throws {
        let warnings = try Self.warnings(target: "postgres", orForm: true)
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.hasPrefix("model 'sessions' picks the keys to rebuild with `or ... in (weir.open_keys())`") == true)
        #expect(warnings.first?.file?.name == "models/sessions.sql")
        #expect(warnings.first?.location?.description == "9:8", "at the `OR`")
        #expect(warnings.first?.help?.contains("union {{ weir.open_keys() }}") == true)
    }

    @Test func theUnionFormAndSQLiteAreLeftAlone() throws {
        #expect(try Self.warnings(target: "postgres", orForm: false).isEmpty)
        #expect(try Self.warnings(target: nil, orForm: true).isEmpty, "SQLite searches each half of the or with its own index (MULTI-INDEX OR)")
    }
}
