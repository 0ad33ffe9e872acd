/// Filters that produce or strip HTML and URLs.
extension BuiltinFilters {
    /// Removes comments and tags, collapses whitespace to single spaces and decodes entities.
    ///
    ///     {{ '<p>a &amp;  <b>b</b></p>' | striptags }}  →  a & b
    static func striptags(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_striptags")
        var text = try BuiltinSupport.string(value, context)
        // markupsafe removes comments first, so a tag inside a comment does not end it early.
        text = removeDelimited(text, open: "<!--", close: "-->")
        text = removeDelimited(text, open: "<", close: ">")
        return .string(HTMLEntities.unescape(PyText.splitWhitespace(text).joined(separator: " ")))
    }

    /// Repeatedly removes the first `open` ... `close` span (stopping when one is unclosed).
    private static func removeDelimited(_ text: String, open: String, close: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let openScalars = Array(open.unicodeScalars)
        let closeScalars = Array(close.unicodeScalars)
        func find(_ needle: [Unicode.Scalar], from start: Int) -> Int? {
            guard needle.count <= scalars.count else { return nil }
            var i = start
            while i + needle.count <= scalars.count {
                if scalars[i] == needle[0] && Array(scalars[i..<(i + needle.count)]) == needle { return i }
                i += 1
            }
            return nil
        }
        while let start = find(openScalars, from: 0), let end = find(closeScalars, from: start) {
            scalars.removeSubrange(start..<(end + closeScalars.count))
        }
        return PyText.string(scalars)
    }

    /// Quotes a string for a URL (keeping `/`), or builds a query string from a dict or from
    /// `(key, value)` pairs.
    ///
    ///     {{ {'q': 'a b'} | urlencode }}  →  q=a+b
    static func urlencode(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_urlencode")
        let pairs: [Value]
        switch value {
        case .string(let s): return .string(urlQuote(s, forQuery: false))
        case .dict: pairs = try itemPairs(value, context)
        case .list, .tuple, .undefined: pairs = try BuiltinSupport.iterate(value, context)
        case .object(let object):
            guard let items = try object.iterate(context) else {
                return .string(urlQuote(value.pyStr, forQuery: false))
            }
            pairs = items
        default: return .string(urlQuote(value.pyStr, forQuery: false))
        }
        let parts = try pairs.map { pair -> String in
            let fields: [Value]
            do {
                fields = try BuiltinSupport.iterate(pair, context)
            } catch RuntimeFailure.type {
                throw RuntimeFailure.type("cannot unpack non-iterable \(pair.typeName) object")
            }
            guard fields.count == 2 else {
                throw RuntimeFailure.value(
                    fields.count < 2
                        ? "not enough values to unpack (expected 2, got \(fields.count))"
                        : "too many values to unpack (expected 2)")
            }
            return urlQuote(try BuiltinSupport.string(fields[0], context), forQuery: true) + "="
                + urlQuote(try BuiltinSupport.string(fields[1], context), forQuery: true)
        }
        return .string(parts.joined(separator: "&"))
    }

    /// Jinja2's `url_quote`: `urllib.parse.quote` of the UTF-8 bytes, keeping `/` unless for a
    /// query, where spaces become `+`.
    static func urlQuote(_ s: String, forQuery: Bool) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "-"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where !forQuery:
                out += "/"
            case UInt8(ascii: " ") where forQuery:
                out += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Turns a dict into HTML attributes, escaping the values and skipping None and undefined
    /// ones; a leading space is added unless `autospace` is false.
    ///
    ///     <ul{{ {'class': 'nav', 'id': none} | xmlattr }}>  →  <ul class="nav">
    static func xmlattr(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["autospace"], ["autospace": .bool(true)], "do_xmlattr")
        var attributes: [String] = []
        for pair in try itemPairs(value, context) {
            guard case .tuple(let fields) = pair, fields.count == 2 else { continue }
            let (key, item) = (fields[0], fields[1])
            if item.isNone || item.isUndefined { continue }
            guard case .string(let name) = key else {
                throw RuntimeFailure.type("expected string or bytes-like object, got '\(key.typeName)'")
            }
            // Characters that would end an attribute name in HTML (the ASCII `\s`, `/`, `>`, `=`).
            if name.unicodeScalars.contains(where: { " \t\n\r\u{0B}\u{0C}/>=".unicodeScalars.contains($0) }) {
                throw RuntimeFailure.value("Invalid character in attribute name: \(pyStringRepr(name))")
            }
            attributes.append(
                "\(PyText.htmlEscape(name))=\"\(PyText.htmlEscape(try BuiltinSupport.string(item, context)))\""
            )
        }
        let result = attributes.joined(separator: " ")
        return .string(bound["autospace"].isTruthy && !result.isEmpty ? " " + result : result)
    }

    /// Turns URLs (`http(s)://`, `www.`, bare domains ending in a common TLD) and email addresses
    /// in the text into links, with `rel="noopener"`; the rest of the text is HTML-escaped.
    ///
    ///     {{ 'see www.example.com' | urlize }}  →  see <a href="https://www.example.com" rel="noopener">www.example.com</a>
    static func urlize(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["trim_url_limit", "nofollow", "target", "rel", "extra_schemes"],
            [
                "trim_url_limit": .none, "nofollow": .bool(false), "target": .none, "rel": .none,
                "extra_schemes": .none,
            ],
            "do_urlize")
        var relParts = Set(
            PyText.splitWhitespace(
                bound["rel"].isTruthy ? try BuiltinSupport.string(bound["rel"], context) : ""))
        if bound["nofollow"].isTruthy { relParts.insert("nofollow") }
        // Jinja2's default policy `urlize.rel`.
        relParts.insert("noopener")
        let rel = relParts.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.joined(
            separator: " ")
        let target = bound["target"].isNone ? nil : try BuiltinSupport.string(bound["target"], context)
        var schemes: [String] = []
        if !bound["extra_schemes"].isNone {
            for scheme in try BuiltinSupport.iterate(bound["extra_schemes"], context) {
                let text = try BuiltinSupport.string(scheme, context)
                guard Urlizer.isValidScheme(text) else {
                    throw RuntimeFailure.value("\(scheme.pyRepr) is not a valid URI scheme prefix.")
                }
                schemes.append(text)
            }
        }
        let limit = bound["trim_url_limit"].isNone ? nil : try BuiltinSupport.integer(bound["trim_url_limit"])
        let urlizer = Urlizer(
            trimLimit: limit, rel: rel.isEmpty ? nil : rel, target: target, extraSchemes: schemes)
        return .string(urlizer.urlize(try BuiltinSupport.string(value, context)))
    }
}
