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
    /// What the pages show, worked out once for the site's files and its one-page form.
    private let data: SiteData

    public init(manifest: JSONValue, catalog: JSONValue? = nil, runResults: JSONValue? = nil, freshness: JSONValue? = nil) {
        self.manifest = manifest
        self.catalog = catalog
        self.runResults = runResults
        self.freshness = freshness
        data = SiteData(manifest: manifest, catalog: catalog, runResults: runResults, freshness: freshness)
    }

    private var title: String { manifest["metadata"]?["project_name"]?.text ?? "dbt project" }

    /// Every file of the site, `index.html` first.
    public func files() -> [DocsFile] {
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

    /// The whole site as one page (dbt's `static_index.html`, `docs generate --static`), to send
    /// or publish as a single file: the stylesheet, the index, the script and every details chunk
    /// inline, so nothing is loaded from anywhere.
    public func staticPage() -> [UInt8] {
        // The details chunks first, kept for the site's script, which shows a page as it starts.
        let keepChunks = "window.weirDocsDetails = function (number, list) { (window.WEIR_DOCS_INLINE = window.WEIR_DOCS_INLINE || []).push([number, list]); };"
        let scripts = [Array(keepChunks.utf8)] + data.details.indices.map(data.detailsScript) + [data.dataScript, Array(SiteScript.source.utf8)]
        var body: [UInt8] = []
        for script in scripts {
            body += Array("<script>".utf8) + Self.inlineScript(script) + Array("</script>\n".utf8)
        }
        let page = SitePage.html(
            title: title, stylesheet: "<style>\n" + SiteStylesheet.css + "</style>", scripts: String(decoding: body, as: UTF8.self))
        return Array(page.utf8)
    }

    /// A script as the content of an inline `<script>` element: `</script` and `<!--`, which
    /// would end it or change how HTML reads it, escaped the JavaScript way (`<\/script`, `<\!--`:
    /// the same strings, in string literals and JSON alike).
    static func inlineScript(_ script: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(script.count)
        let lowercased = { (byte: UInt8) in byte >= 65 && byte <= 90 ? byte + 32 : byte }
        var index = 0
        while index < script.count {
            let byte = script[index]
            output.append(byte)
            index += 1
            guard byte == UInt8(ascii: "<"), index < script.count else { continue }
            if script[index] == UInt8(ascii: "/"), index + 7 <= script.count,
                script[(index + 1)..<(index + 7)].map(lowercased) == Array("script".utf8)
            {
                output.append(UInt8(ascii: "\\"))
            } else if script[index...].starts(with: Array("!--".utf8)) {
                output.append(UInt8(ascii: "\\"))
            }
        }
        return output
    }
}
