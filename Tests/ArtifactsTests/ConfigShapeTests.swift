import Foundation
import ProjectModel
import Testing

@testable import Artifacts

/// A config is written as dbt writes its dataclass: every field in declaration order, its
/// default where the config does not set it, then the keys dbt does not declare.
@Suite struct ConfigShapeTests {
    /// The members as written straight to text (runs of defaults copied as written once).
    private func text(_ shape: ConfigShape, _ map: ConfigMap) -> String {
        var writer = JSONTextWriter()
        writer.object { shape.write(map, to: &$0) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ConfigMap(),
        ConfigMap([("materialized", "table")]),
        ConfigMap([("concurrent_batches", true), ("enabled", false)]),
        ConfigMap([("unknown", "kept"), ("alias", "a"), ("post_hook", "select 1"), ("tags", "one")]),
        ConfigMap([("post-hook", .list(["select 2"])), ("post_hook", "select 1"), ("docs", .map(ConfigMap([("show", false)])))]),
        ConfigMap([("contract", .map(ConfigMap([("enforced", true), ("extra", 1)]))), ("event_time", "at"), ("zzz", .null)]),
    ])
    func textIsTheBuiltObjectsSerialization(map: ConfigMap) {
        let shape = ConfigShape.model
        #expect(text(shape, map) == JSONValue.object(shape.apply(map)).serialized())
    }

    @Test func setFieldsKeepTheirPlaceAndTheNameWinsOverItsAlias() throws {
        let map = ConfigMap([
            ("extra", "last"), ("post_hook", "select 1"), ("post-hook", "select 2"), ("materialized", "table"),
        ])
        let object = ConfigShape.model.apply(map)
        let keys = object.keys
        #expect(keys.first == "enabled")
        #expect(keys.last == "extra")
        #expect(keys.firstIndex(of: "materialized")! < keys.firstIndex(of: "post-hook")!)
        #expect(!keys.contains("post_hook"))
        #expect(object["materialized"] == "table")
        let hooks = try #require(object["post-hook"]?.arrayValue)
        #expect(hooks.first?["sql"] == "select 2")
    }

    @Test func aClosedRecordDropsWhatItDoesNotDeclare() {
        #expect(text(.docs, ConfigMap([("node_color", "red"), ("other", 1)])) == #"{"show": true, "node_color": "red"}"#)
    }
}
