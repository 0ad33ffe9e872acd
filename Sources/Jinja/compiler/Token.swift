import BigInt
import Diagnostics

/// One lexical unit of a template, with the span it came from.
struct Token {
    enum Kind: Equatable {
        /// Literal template text between tags, already whitespace-controlled.
        case data(String)
        case variableBegin, variableEnd, blockBegin, blockEnd
        case name(String)
        case string(String)
        case integer(BigInt)
        case float(Double)
        /// An operator or punctuation: `+ - * / // % ** ~ == != < <= > >= = . : | , ( ) [ ] { }`.
        case op(String)
        case eof
    }

    var kind: Kind
    var span: SourceSpan

    /// How the token reads in an error message, as Jinja2 names them.
    var describe: String {
        switch kind {
        case .data: return "template data"
        case .variableBegin: return "begin of print statement"
        case .variableEnd: return "end of print statement"
        case .blockBegin: return "begin of statement block"
        case .blockEnd: return "end of statement block"
        case .name(let n): return "'\(n)'"
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .op(let o): return "'\(o)'"
        case .eof: return "end of template"
        }
    }

    func isName(_ name: String) -> Bool {
        if case .name(let n) = kind { return n == name }
        return false
    }

    func isOp(_ op: String) -> Bool {
        if case .op(let o) = kind { return o == op }
        return false
    }
}
