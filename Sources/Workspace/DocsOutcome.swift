import Artifacts
import Diagnostics
import Foundation

/// What `weir docs generate` wrote and found.
public struct DocsOutcome: Sendable {
    public var manifestPath: String
    public var catalogPath: String
    /// `target/docs`; open `index.html` in it, or serve it.
    public var siteDirectory: String
    public var siteFiles: Int
    /// Nodes whose SQL was compiled.
    public var compiledNodes: Int
    /// Relations the catalog describes (nodes and sources).
    public var catalogRelations: Int
    /// Models, seeds, snapshots and sources whose relation does not exist in the warehouse (yet).
    public var missingRelations: [String]
    /// Whether `run_results.json` fed the "Last run" panel.
    public var includesLastRun: Bool
    /// Things the user should know that did not stop the command (an unreadable run_results.json).
    public var warnings: [Diagnostic]
    public var elapsed: TimeInterval
    /// `target/static_index.html`, when `--static` asked for it.
    public var staticPagePath: String?
    /// The manifest and catalog documents the site was built from. A command that ends right
    /// after may keep them rather than free them (a 10,000-model manifest's millions of values
    /// take a noticeable time to free one by one).
    public var documents: [JSONValue] = []
}
