/// A macro as the manifest lists it: where it is defined and what it calls.
public struct MacroInfo: Sendable {
    public var uniqueID: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var macroSQL: String
    public var dependsOn: [String] = []
    public var description = ""
    public var meta = ConfigMap()
    public var docsShow = true
    public var patchPath: String?
    public var arguments: [ConfigValue] = []

    public init(
        uniqueID: String, name: String, packageName: String, path: String, originalFilePath: String,
        macroSQL: String
    ) {
        self.uniqueID = uniqueID
        self.name = name
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
        self.macroSQL = macroSQL
    }
}

