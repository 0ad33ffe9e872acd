/// The binary form of the manifest's values (see `BinaryCodable`). Every stored field is written,
/// in declaration order; `BinaryCodingTests` fails when a field is added here but not there.

extension ConfigValue: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        switch self {
        case .null: writer.writeVarint(0)
        case .bool(let value): writer.writeVarint(1); writer.write(value)
        case .int(let value): writer.writeVarint(2); writer.write(value)
        case .double(let value): writer.writeVarint(3); writer.write(value)
        case .string(let value): writer.writeVarint(4); writer.write(value)
        case .list(let values): writer.writeVarint(5); writer.write(values)
        case .map(let map): writer.writeVarint(6); writer.write(map)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        switch try reader.readVarint() {
        case 0: self = .null
        case 1: self = .bool(try reader.read())
        case 2: self = .int(try reader.read())
        case 3: self = .double(try reader.read())
        case 4: self = .string(try reader.read())
        case 5: self = .list(try reader.read())
        case 6: self = .map(try reader.read())
        default: throw BinaryCodingError()
        }
    }
}

extension ConfigMap: BinaryCodable {
    /// The entries in their order.
    public func encode(to writer: inout BinaryWriter) { writer.writeEntries(self, count: count) }

    public init(from reader: inout BinaryReader) throws {
        self.init()
        try reader.readEntries(ConfigValue.self) { self[$0] = $1 }
    }
}

extension ResourceType: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    public init(from reader: inout BinaryReader) throws {
        guard let type = ResourceType(rawValue: try reader.read()) else { throw BinaryCodingError() }
        self = type
    }
}

extension FileChecksum: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(checksum)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(name: try reader.read(), checksum: try reader.read())
    }
}

extension ColumnInfo: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let column = storage.fields
        writer.write(column.name)
        writer.write(column.description)
        writer.write(column.meta)
        writer.write(column.dataType)
        writer.write(column.constraints)
        writer.write(column.quote)
        writer.write(column.tags)
        writer.write(column.config)
        writer.write(column.granularity)
        writer.write(column.docBlocks)
    }

    public init(from reader: inout BinaryReader) throws {
        var column = Fields(name: try reader.read())
        column.description = try reader.read()
        column.meta = try reader.read()
        column.dataType = try reader.read()
        column.constraints = try reader.read()
        column.quote = try reader.read()
        column.tags = try reader.read()
        column.config = try reader.read()
        column.granularity = try reader.read()
        column.docBlocks = try reader.read()
        storage = SharedFields(column)
    }
}

extension RefCall: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(package)
        writer.write(name)
        writer.write(version)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(package: try reader.read(), name: try reader.read(), version: try reader.read())
    }
}

extension SourceCall: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(sourceName)
        writer.write(tableName)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(sourceName: try reader.read(), tableName: try reader.read())
    }
}

extension DependsOn: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(macros)
        writer.write(nodes)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(macros: try reader.read(), nodes: try reader.read())
    }
}

extension ExtraCTE: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(sql)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(id: try reader.read(), sql: try reader.read())
    }
}

extension TestMetadata: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(kwargs)
        writer.write(namespace)
    }
    public init(from reader: inout BinaryReader) throws {
        self.init(name: try reader.read(), kwargs: try reader.read(), namespace: try reader.read())
    }
}

extension ManifestNode: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        let node = storage.fields
        writer.write(node.uniqueID)
        writer.write(node.resourceType)
        writer.write(node.packageName)
        writer.write(node.name)
        writer.write(node.path)
        writer.write(node.originalFilePath)
        writer.write(node.fqn)
        writer.write(node.rawCode)
        writer.write(node.language)
        writer.write(node.checksum)
        writer.write(node.config)
        writer.write(node.unrenderedConfig)
        writer.write(node.configCallDict)
        writer.write(node.description)
        writer.write(node.columns)
        writer.write(node.patchPath)
        writer.write(node.refs)
        writer.write(node.sources)
        writer.write(node.dependsOn)
        writer.write(node.database)
        writer.write(node.schema)
        writer.write(node.alias)
        writer.write(node.relationName)
        writer.write(node.compiledCode)
        writer.write(node.extraCTEs)
        writer.write(node.version)
        writer.write(node.latestVersion)
        writer.write(node.access)
        writer.write(node.constraints)
        writer.write(node.contractChecksum)
        writer.write(node.foreignKeyTargets)
        writer.write(node.deprecationDate)
        writer.write(node.timeSpine)
        writer.write(node.docBlocks)
        writer.write(node.primaryKey)
        writer.write(node.group)
        writer.write(node.testMetadata)
        writer.write(node.columnName)
        writer.write(node.attachedNode)
        writer.write(node.fileKeyName)
        writer.write(node.hookIndex)
        writer.write(node.inheritedTags)
    }

    public init(from reader: inout BinaryReader) throws {
        var node = Fields(
            uniqueID: try reader.read(), resourceType: try reader.read(), packageName: try reader.read(),
            name: try reader.read(), path: try reader.read(), originalFilePath: try reader.read(),
            fqn: try reader.read(), rawCode: try reader.read(), checksum: FileChecksum(checksum: ""))
        node.language = try reader.read()
        node.checksum = try reader.read()
        node.config = try reader.read()
        node.unrenderedConfig = try reader.read()
        node.configCallDict = try reader.read()
        node.description = try reader.read()
        node.columns = try reader.read()
        node.patchPath = try reader.read()
        node.refs = try reader.read()
        node.sources = try reader.read()
        node.dependsOn = try reader.read()
        node.database = try reader.read()
        node.schema = try reader.read()
        node.alias = try reader.read()
        node.relationName = try reader.read()
        node.compiledCode = try reader.read()
        node.extraCTEs = try reader.read()
        node.version = try reader.read()
        node.latestVersion = try reader.read()
        node.access = try reader.read()
        node.constraints = try reader.read()
        node.contractChecksum = try reader.read()
        node.foreignKeyTargets = try reader.read()
        node.deprecationDate = try reader.read()
        node.timeSpine = try reader.read()
        node.docBlocks = try reader.read()
        node.primaryKey = try reader.read()
        node.group = try reader.read()
        node.testMetadata = try reader.read()
        node.columnName = try reader.read()
        node.attachedNode = try reader.read()
        node.fileKeyName = try reader.read()
        node.hookIndex = try reader.read()
        node.inheritedTags = try reader.read()
        self.init(fields: node)
    }
}

extension SourceDefinition: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(packageName)
        writer.write(sourceName)
        writer.write(name)
        writer.write(identifier)
        writer.write(database)
        writer.write(schema)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(fqn)
        writer.write(description)
        writer.write(sourceDescription)
        writer.write(loader)
        writer.write(loadedAtField)
        writer.write(loadedAtQuery)
        writer.write(freshness)
        writer.write(quoting)
        writer.write(columns)
        writer.write(meta)
        writer.write(sourceMeta)
        writer.write(tags)
        writer.write(config)
        writer.write(unrenderedConfig)
        writer.write(unrenderedDatabase)
        writer.write(unrenderedSchema)
        writer.write(external)
        writer.write(relationName)
        writer.write(docBlocks)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), packageName: try reader.read(), sourceName: try reader.read(),
            name: try reader.read(), identifier: "", schema: "", path: "", originalFilePath: "", fqn: [])
        identifier = try reader.read()
        database = try reader.read()
        schema = try reader.read()
        path = try reader.read()
        originalFilePath = try reader.read()
        fqn = try reader.read()
        description = try reader.read()
        sourceDescription = try reader.read()
        loader = try reader.read()
        loadedAtField = try reader.read()
        loadedAtQuery = try reader.read()
        freshness = try reader.read()
        quoting = try reader.read()
        columns = try reader.read()
        meta = try reader.read()
        sourceMeta = try reader.read()
        tags = try reader.read()
        config = try reader.read()
        unrenderedConfig = try reader.read()
        unrenderedDatabase = try reader.read()
        unrenderedSchema = try reader.read()
        external = try reader.read()
        relationName = try reader.read()
        docBlocks = try reader.read()
    }
}

extension Exposure: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(name)
        writer.write(packageName)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(fqn)
        writer.write(type)
        writer.write(ownerName)
        writer.write(ownerEmail)
        writer.write(description)
        writer.write(label)
        writer.write(maturity)
        writer.write(url)
        writer.write(meta)
        writer.write(tags)
        writer.write(config)
        writer.write(unrenderedConfig)
        writer.write(refs)
        writer.write(sources)
        writer.write(dependsOn)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), name: try reader.read(), packageName: try reader.read(), path: try reader.read(),
            originalFilePath: try reader.read(), fqn: try reader.read(), type: try reader.read())
        ownerName = try reader.read()
        ownerEmail = try reader.read()
        description = try reader.read()
        label = try reader.read()
        maturity = try reader.read()
        url = try reader.read()
        meta = try reader.read()
        tags = try reader.read()
        config = try reader.read()
        unrenderedConfig = try reader.read()
        refs = try reader.read()
        sources = try reader.read()
        dependsOn = try reader.read()
    }
}

extension MacroInfo: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(name)
        writer.write(packageName)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(macroSQL)
        writer.write(dependsOn)
        writer.write(description)
        writer.write(meta)
        writer.write(docsShow)
        writer.write(patchPath)
        writer.write(arguments)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), name: try reader.read(), packageName: try reader.read(), path: try reader.read(),
            originalFilePath: try reader.read(), macroSQL: try reader.read())
        dependsOn = try reader.read()
        description = try reader.read()
        meta = try reader.read()
        docsShow = try reader.read()
        patchPath = try reader.read()
        arguments = try reader.read()
    }
}

extension SemanticResource: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(resourceType)
        writer.write(name)
        writer.write(packageName)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(fqn)
        writer.write(fields)
        writer.write(modelRef)
        writer.write(orderInFile)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), resourceType: try reader.read(), name: try reader.read(),
            packageName: try reader.read(), path: try reader.read(), originalFilePath: try reader.read(),
            fqn: try reader.read(), fields: try reader.read(), modelRef: try reader.read())
        orderInFile = try reader.read()
    }
}
