/// A `{% docs name %}...{% enddocs %}` block, referenced from descriptions with `doc('name')`.
public struct DocBlock: Sendable, Hashable {
    public var uniqueID: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var blockContents: String

    public init(
        uniqueID: String, name: String, packageName: String, path: String, originalFilePath: String,
        blockContents: String
    ) {
        self.uniqueID = uniqueID
        self.name = name
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
        self.blockContents = blockContents
    }
}

