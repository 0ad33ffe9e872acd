/// The parts of an HTTP/1.x request head the docs server looks at.
struct DocsRequest {
    /// The request line as sent, for the log.
    let line: String
    let method: String
    let target: String
    /// The `Host` header's name without its port, lower-cased; "" when absent.
    let host: String

    init(head: String) {
        // "\r\n" is one Character in Swift, and a newline.
        let lines = head.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        line = lines.first ?? ""
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        method = parts.count > 0 ? String(parts[0]) : ""
        target = parts.count > 1 ? String(parts[1]) : ""
        var host = ""
        for header in lines.dropFirst() {
            guard let colon = header.firstIndex(of: ":"), header[..<colon].lowercased() == "host" else {
                continue
            }
            host = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
        }
        self.host = Self.name(ofHost: host)
    }

    /// `localhost:8080` → `localhost`, `[::1]:8080` → `::1`.
    static func name(ofHost host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<end])
        }
        return String(host.prefix { $0 != ":" })
    }

    /// HTTP/1.1 requires `Host`; an HTTP/1.0 request without one cannot come from a rebound name.
    var hasLoopbackHost: Bool { ["", "localhost", "127.0.0.1", "::1"].contains(host) }
}
