/// One file of the documentation site: its path below the site's directory (`index.html`,
/// `details/0.js`) and its bytes. The site is returned as values so that generating it needs no
/// file system and the caller decides where it goes.
public struct DocsFile: Sendable, Hashable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
