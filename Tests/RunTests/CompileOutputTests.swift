import Foundation
import Testing

/// What `weir compile` prints of a selected node or an `--inline` query, as dbt 1.11's
/// `CompiledNode` (the expected texts are what dbt-duckdb printed on `Projects/store_failures`).
@Suite struct CompileOutputTests {
    @Test func jsonTextAndQuietAsDbtPrintsThem() throws {
        let project = try RunProject("store_failures")
        let (status, json, _) = try WarnErrorTests.weir(["compile", "-s", "orders", "--output", "json"], in: project)
        #expect(status == 0)
        #expect(
            json.hasPrefix(
                """
                {
                  "node": "orders",
                  "compiled": "\\nselect 1 as order_id, 'placed' as status, 250 as amount\\nunion all select 2, 'shipped', null\\nunion all select 2, null, 975\\nunion all select 3, null, 120"
                }

                """), "\(json)")
        // Only the nodes whose names are part of the first --select argument (not its tests).
        let (_, text, _) = try WarnErrorTests.weir(["compile", "-s", "orders"], in: project)
        #expect(text.components(separatedBy: "Compiled node 'orders' is:").count == 2, "\(text)")
        #expect(!text.contains("Compiled node 'not_null"), "\(text)")
        let (_, inline, _) = try WarnErrorTests.weir(["compile", "--inline", "select 'é' as x", "--output", "json"], in: project)
        #expect(inline == "{\n  \"compiled\": \"select '\\u00e9' as x\"\n}\n", "\(inline)")
        let (_, quiet, _) = try WarnErrorTests.weir(["-q", "compile", "--inline", "select 1"], in: project)
        #expect(quiet == "select 1\n", "\(quiet)")
        let (_, plain, _) = try WarnErrorTests.weir(["compile", "--inline", "select 1"], in: project)
        #expect(plain == "Compiled inline node is:\nselect 1\n", "\(plain)")
    }
}
