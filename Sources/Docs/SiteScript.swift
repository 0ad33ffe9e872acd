/// `weir-docs.js`: the site's one script, plain JavaScript with no framework and no network
/// access. Its parts live in `SiteScript+*.swift`, one concern each, and run inside one
/// function scope in this order (later parts use earlier ones).
enum SiteScript {
    static var source: String {
        let parts = [core, markdown, sql, search, tree, overview, node, lineage, run, app]
        return "(function () {\n\"use strict\";\n" + parts.joined(separator: "\n") + "\n})();\n"
    }
}
