/// One response of the docs server. Every response closes its connection, is never cached
/// without revalidation, and carries a content security policy that allows only the site's own
/// files (and the inline styles it sets), so nothing it serves can reach the network.
struct DocsResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.body = body
        headers = [
            ("Content-Type", contentType),
            ("Content-Length", String(body.count)),
            ("Cache-Control", "no-cache"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            (
                "Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
            ),
            ("Connection", "close"),
        ]
    }

    static func status(_ status: Int, _ message: String) -> DocsResponse {
        DocsResponse(
            status: status, contentType: "text/plain; charset=utf-8",
            body: Array("\(status) \(message)\n".utf8))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        default: return "Error"
        }
    }

    var head: String {
        "HTTP/1.1 \(status) \(Self.reason(status))\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined()
            + "\r\n"
    }
}
