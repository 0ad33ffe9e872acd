import Diagnostics

/// A macro (or a `call` block's `caller`) at run time: its definition plus the scope it closes over.
final class Macro: Callable {
    let definition: MacroDefinition
    let closure: Frame
    let file: SourceFile
    let environment: Environment

    init(definition: MacroDefinition, closure: Frame, file: SourceFile, environment: Environment) {
        self.definition = definition
        self.closure = closure
        self.file = file
        self.environment = environment
        super.init(name: definition.name)
    }

    override func call(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        // A host may call a macro outside any render (dbt calling a materialization); it then
        // gets a renderer of its own.
        let renderer = (context as? Renderer) ?? Renderer(environment: environment, file: file, context: [:])
        return try renderer.invoke(self, arguments)
    }

    override var typeName: String { "Macro" }

    override var pyRepr: String { "<Macro \(pyStringRepr(name))>" }

    /// Jinja2's `Macro` attributes.
    override func attribute(_ attribute: String) -> Value? {
        switch attribute {
        case "name": return .string(name)
        case "arguments": return .tuple(definition.signature.parameters.map { .string($0.name) })
        case "catch_kwargs": return .bool(definition.catchKwargs)
        case "catch_varargs": return .bool(definition.catchVarargs)
        case "caller": return .bool(definition.usesCaller)
        default: return nil
        }
    }
}
