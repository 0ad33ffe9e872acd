import Artifacts
import Parallelism

/// The static documentation site for a project, built from its artifacts: `manifest.json`,
/// and when they exist `catalog.json` (column types, owners, statistics), `run_results.json`
/// (the "Last run" panel) and `sources.json` (each source's last freshness check). Pure: the same
/// documents give the same files.
///
/// The site works from `file://` and from any static server with no network: `index.html`
/// loads `weir-docs.css`, `weir-docs.js` and `data.js` (the compact index every page needs),
/// and fetches `details/<n>.js` (code and configs) with `<script>` tags when a page shows them.
public struct DocsSite: Sendable {
    public let manifest: JSONValue
    public let catalog: JSONValue?
    public let runResults: JSONValue?
    public let freshness: JSONValue?

    public init(manifest: JSONValue, catalog: JSONValue? = nil, runResults: JSONValue? = nil, freshness: JSONValue? = nil) {
        self.manifest = manifest
        self.catalog = catalog
        self.runResults = runResults
        self.freshness = freshness
    }

    /// Every file of the site, `index.html` first.
    public func files() -> [DocsFile] {
        let data = SiteData(manifest: manifest, catalog: catalog, runResults: runResults, freshness: freshness)
        let title = manifest["metadata"]?["project_name"]?.text ?? "dbt project"
        var files = [
            DocsFile(path: "index.html", contents: Array(SitePage.html(title: title).utf8)),
            DocsFile(path: "weir-docs.css", contents: Array(SiteStylesheet.css.utf8)),
            DocsFile(path: "weir-docs.js", contents: Array(SiteScript.source.utf8)),
            DocsFile(path: "data.js", contents: data.dataScript),
        ]
        files += data.details.indices.concurrentMap(minimumCount: 2) { chunk in
            DocsFile(path: "details/\(chunk).js", contents: data.detailsScript(chunk))
        }
        return files
    }
}
