import Diagnostics
import Foundation
import Testing
import Workspace

/// A model's `time_spine:` is checked as dbt checks it when it reads the properties file, and a
/// semantic layer needs a daily (or finer) time spine. The messages are dbt-core 1.11's, as it
/// printed them for the same projects (`err_time_spine_column` and `err_missing_time_spine` are
/// the fixture projects whose messages are recorded).
@Suite struct TimeSpineTests {
    private func parse(_ files: [String: String]) throws -> Workspace.Parsed {
        let project = ScratchProject(prefix: "weir-time-spine")
        try project.writeSQLiteProject("spines")
        for (path, text) in files { try project.write(path, text) }
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = project.directory
        configuration.profilesDirectory = project.directory
        return try Workspace(configuration).parse()
    }

    private func parseError(_ files: [String: String]) throws -> Diagnostic {
        do {
            _ = try parse(files)
        } catch let diagnostic as Diagnostic {
            return diagnostic
        }
        throw Failure(message: "the parse should have stopped")
    }

    private struct Failure: Error { let message: String }

    @Test func theStandardColumnNeedsAGranularity() throws {
        let error = try parseError([
            "models/spine.sql": "select 1 as d",
            "models/p.yml": "models:\n  - name: spine\n    time_spine:\n      standard_granularity_column: d\n    columns:\n      - name: d\n",
        ])
        #expect(error.code == "W0525")
        #expect(error.message == "Time spine standard granularity column must have a granularity defined. Please add one for column 'd' in model 'spine'.")
        #expect(error.location?.description == "4:7")
    }

    @Test func customGranularitiesNeedTheirColumns() throws {
        let error = try parseError([
            "models/spine.sql": "select 1 as d",
            "models/p.yml": """
                models:
                  - name: spine
                    time_spine:
                      standard_granularity_column: d
                      custom_granularities:
                        - name: fiscal_year
                        - name: quarter
                          column_name: q
                    columns:
                      - name: d
                        granularity: day
                """,
        ])
        #expect(error.message == "Time spine custom granularity columns do not exist in the model. Columns not found: ['fiscal_year', 'q']; Available columns: ['d']")
    }

    @Test func aVersionedModelIsCheckedAgainstItsLatestVersionsColumns() throws {
        let error = try parseError([
            "models/spine_v1.sql": "select 1 as d",
            "models/spine_v2.sql": "select 1 as d",
            "models/p.yml": """
                models:
                  - name: spine
                    latest_version: 1
                    time_spine:
                      standard_granularity_column: e
                    columns:
                      - name: d
                        granularity: day
                    versions:
                      - v: 1
                        columns:
                          - include: all
                          - name: x
                      - v: 2
                """,
        ])
        #expect(error.message == "Time spine standard granularity column must be defined on the model. Got invalid column name 'e' for model 'spine'. Valid names for latest version: ['d', 'x'].")
    }

    private static let semanticModel = """
        semantic_models:
          - name: orders
            model: ref('orders')
            defaults:
              agg_time_dimension: ordered_at
            entities:
              - name: order
                type: primary
            dimensions:
              - name: ordered_at
                type: time
                type_params:
                  time_granularity: day
        """

    @Test func aSemanticLayerNeedsADailyTimeSpine() throws {
        let weekly = """
            models:
              - name: weeks
                time_spine:
                  standard_granularity_column: week_start
                columns:
                  - name: week_start
                    granularity: week
            """
        let error = try parseError([
            "models/orders.sql": "select 1 as order_id, current_date as ordered_at",
            "models/weeks.sql": "select current_date as week_start",
            "models/weeks.yml": weekly, "models/orders.yml": Self.semanticModel,
        ])
        #expect(error.code == "W0526")
        #expect(error.message.hasPrefix("The semantic layer requires a time spine model with granularity DAY or smaller"))
        #expect(error.file?.name == "models/orders.yml")
    }

    @Test func theLegacyTimeSpineModelIsADailyOne() throws {
        let parsed = try parse([
            "models/orders.sql": "select 1 as order_id, current_date as ordered_at",
            "models/metricflow_time_spine.sql": "select current_date as date_day",
            "models/orders.yml": Self.semanticModel,
        ])
        #expect(parsed.manifest.semanticResources["semantic_model.spines.orders"] != nil)
    }
}
