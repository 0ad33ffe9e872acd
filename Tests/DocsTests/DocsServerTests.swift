import Foundation
import Testing

@testable import WeirCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("weir docs serve")
struct DocsServerTests {
    /// A site directory with a symbolic link out of it, and a secret beside it.
    static func site() throws -> (root: String, secret: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weir-serve-\(UUID().uuidString)")
        let root = base.appendingPathComponent("docs")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("details"), withIntermediateDirectories: true)
        try Data("<!doctype html><title>docs</title>".utf8).write(
            to: root.appendingPathComponent("index.html"))
        try Data("weirDocsDetails(0, []);".utf8).write(to: root.appendingPathComponent("details/0.js"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".env"))
        let secret = base.appendingPathComponent("secret.txt")
        try Data("top secret".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("leak.txt").path, withDestinationPath: secret.path)
        return (root.path, secret.path)
    }

    /// Sends raw bytes (so that `..` reaches the server as written) and returns the response.
    static func request(_ port: UInt16, _ text: String) throws -> String {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        // Half-close, so a server still waiting for the rest of a head sees the end at once.
        shutdown(descriptor, Int32(SHUT_WR))
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    static func get(_ port: UInt16, _ path: String, host: String = "127.0.0.1", method: String = "GET") throws
        -> String
    {
        try request(port, "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: test\r\n\r\n")
    }

    @Test(
        "serves index.html and the site's files; refuses ../, hidden files, links out, other methods and foreign hosts"
    )
    func serving() throws {
        let site = try Self.site()
        defer {
            try? FileManager.default.removeItem(atPath: (site.root as NSString).deletingLastPathComponent)
        }
        let server = DocsServer(root: site.root, host: "127.0.0.1", port: 0)
        try server.start()
        defer { server.stop() }
        let port = server.port
        #expect(port != 0)

        let index = try Self.get(port, "/")
        #expect(index.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(index.contains("Content-Type: text/html; charset=utf-8"))
        #expect(index.hasSuffix("<!doctype html><title>docs</title>"))
        #expect(try Self.get(port, "/index.html?x=1#top").hasSuffix("<title>docs</title>"))
        let chunk = try Self.get(port, "/details/0.js")
        #expect(chunk.contains("text/javascript") && chunk.hasSuffix("weirDocsDetails(0, []);"))
        #expect(try Self.get(port, "/details").hasPrefix("HTTP/1.1 404"))  // a directory without index.html
        #expect(try Self.get(port, "/missing.js").hasPrefix("HTTP/1.1 404"))

        for attack in [
            "/../secret.txt", "/details/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
            "/./index.html", "/..\\secret.txt",
        ] {
            let response = try Self.get(port, attack)
            #expect(response.hasPrefix("HTTP/1.1 403"), "\(attack): \(response.prefix(40))")
            #expect(!response.contains("top secret"))
        }
        #expect(try Self.get(port, "/leak.txt").hasPrefix("HTTP/1.1 403"))
        #expect(try Self.get(port, "/.env").hasPrefix("HTTP/1.1 404"))
        #expect(try Self.get(port, "relative").hasPrefix("HTTP/1.1 400"))
        let post = try Self.get(port, "/index.html", method: "POST")
        #expect(post.hasPrefix("HTTP/1.1 405") && post.contains("Allow: GET, HEAD"))
        let head = try Self.get(port, "/index.html", method: "HEAD")
        #expect(head.hasPrefix("HTTP/1.1 200") && head.hasSuffix("\r\n\r\n"))
        #expect(try Self.get(port, "/", host: "evil.example").hasPrefix("HTTP/1.1 403"))
        #expect(try Self.get(port, "/", host: "localhost").hasPrefix("HTTP/1.1 200"))
        #expect(try Self.request(port, "GET / HTTP/1.1\r\nHost: x").hasPrefix("HTTP/1.1 400"))
    }

    @Test("stops accepting when stopped")
    func stopping() throws {
        let site = try Self.site()
        defer {
            try? FileManager.default.removeItem(atPath: (site.root as NSString).deletingLastPathComponent)
        }
        let server = DocsServer(root: site.root, port: 0)
        try server.start()
        let port = server.port
        server.stop()
        #expect(throws: (any Error).self) { _ = try Self.get(port, "/") }
    }

    @Test("parses request heads")
    func requestHeads() {
        let request = DocsRequest(head: "GET /a%20b HTTP/1.1\r\nHOST: [::1]:8080\r\nAccept: */*")
        #expect(
            request.method == "GET" && request.target == "/a%20b" && request.host == "::1"
                && request.hasLoopbackHost)
        #expect(DocsRequest(head: "GET / HTTP/1.1\r\nHost: evil.example:80").hasLoopbackHost == false)
    }
}
