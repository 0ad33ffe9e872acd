/// A `groups:` entry of a properties file (dbt's `Group`): who owns the models put in it, and
/// the scope of their `access: private`.
public struct Group: Sendable, Hashable {
    public var uniqueID: String
    public var name: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    /// `owner:` as written: `name` and `email`, and any other keys.
    public var owner = ConfigMap()
    public var description: String?
    public var config = ConfigMap()

    public init(uniqueID: String, name: String, packageName: String, path: String, originalFilePath: String) {
        self.uniqueID = uniqueID
        self.name = name
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
    }
}

extension Group: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(name)
        writer.write(packageName)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(owner)
        writer.write(description)
        writer.write(config)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), name: try reader.read(), packageName: try reader.read(), path: try reader.read(),
            originalFilePath: try reader.read())
        owner = try reader.read()
        description = try reader.read()
        config = try reader.read()
    }
}
