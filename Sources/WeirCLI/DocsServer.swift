import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The static file server of `weir docs serve`: GET and HEAD of regular files below one
/// directory, one request per connection. It refuses `..` and `.` segments, hidden files and
/// anything a symbolic link would take outside the directory; bound to a loopback address it
/// also refuses requests whose `Host` is not a loopback name, so a web page cannot reach it
/// through DNS rebinding. It opens nothing and runs no code from the files it serves.
final class DocsServer: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case address(String)
        case socket(String, Int32)

        var description: String {
            switch self {
            case .address(let host):
                return "'\(host)' is not an IP address (use 127.0.0.1, ::1, localhost or 0.0.0.0)"
            case .socket(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    let root: String
    let host: String
    /// The port it listens on, known after `start()` (ask for 0 to get a free one).
    private(set) var port: UInt16
    /// Called with each request line and the status it got, for the command's log.
    var log: (@Sendable (String, Int) -> Void)?

    private var listener: Int32 = -1
    private let lock = NSLock()
    private let workers = DispatchQueue(label: "weir.docs.server", attributes: .concurrent)
    static let maximumHeadBytes = 16 * 1024

    init(root: String, host: String = "127.0.0.1", port: UInt16 = 8080) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        self.host = host
        self.port = port
    }

    var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

    /// Binds and listens, then accepts on a thread of its own until `stop()`.
    func start() throws {
        let name = host == "localhost" ? "127.0.0.1" : host
        var address4 = sockaddr_in()
        var address6 = sockaddr_in6()
        let isIPv6: Bool
        if inet_pton(AF_INET, name, &address4.sin_addr) == 1 {
            isIPv6 = false
        } else if inet_pton(AF_INET6, name, &address6.sin6_addr) == 1 {
            isIPv6 = true
        } else {
            throw Failure.address(host)
        }
        #if canImport(Glibc)
            let stream = Int32(SOCK_STREAM.rawValue)
        #else
            let stream = SOCK_STREAM
        #endif
        let descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, stream, 0)
        guard descriptor >= 0 else { throw Failure.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if isIPv6 {
            address6.sin6_family = sa_family_t(AF_INET6)
            address6.sin6_port = port.bigEndian
            bound = withUnsafePointer(to: &address6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            address4.sin_family = sa_family_t(AF_INET)
            address4.sin_port = port.bigEndian
            bound = withUnsafePointer(to: &address4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let code = errno
            close(descriptor)
            throw Failure.socket(bound == 0 ? "listen" : "bind to \(host):\(port)", code)
        }
        port = Self.localPort(of: descriptor, isIPv6: isIPv6) ?? port
        lock.lock()
        listener = descriptor
        lock.unlock()
        let thread = Thread { [weak self] in self?.acceptLoop(descriptor) }
        thread.name = "weir-docs-server"
        thread.start()
    }

    /// Stops accepting; requests being answered finish.
    func stop() {
        lock.lock()
        let socket = listener
        listener = -1
        lock.unlock()
        guard socket >= 0 else { return }
        // shutdown wakes the thread blocked in accept() on Linux; close alone does not.
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    private func acceptLoop(_ socket: Int32) {
        while true {
            let connection = accept(socket, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                lock.lock()
                let stopped = listener != socket
                lock.unlock()
                if stopped { return }
                // Out of descriptors, say: wait a little rather than spin.
                usleep(10_000)
                continue
            }
            workers.async { [weak self] in
                self?.serve(connection)
                close(connection)
            }
        }
    }

    private func serve(_ connection: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        guard let head = readHead(connection) else {
            transmit(
                DocsResponse.status(400, "the request head is incomplete or too large"), to: connection,
                headOnly: false)
            return
        }
        let request = DocsRequest(head: head)
        let response = respond(to: request)
        log?(request.line, response.status)
        transmit(response, to: connection, headOnly: request.method == "HEAD")
    }

    /// Bytes up to the blank line that ends the head; nil when it does not come or is too large.
    private func readHead(_ connection: Int32) -> String? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < Self.maximumHeadBytes {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            bytes += buffer[0..<count]
            if let end = bytes.firstRange(of: [13, 10, 13, 10]) ?? bytes.firstRange(of: [10, 10]) {
                return String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
            }
        }
        return nil
    }

    func respond(to request: DocsRequest) -> DocsResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = DocsResponse.status(405, "only GET and HEAD are served")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        if isLoopback, !request.hasLoopbackHost {
            return .status(403, "this server answers only to localhost")
        }
        switch resolve(request.target) {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                return .status(404, "not found")
            }
            return DocsResponse(status: 200, contentType: Self.contentType(of: path), body: Array(data))
        case .forbidden:
            return .status(403, "forbidden")
        case .notFound:
            return .status(404, "not found")
        case .badRequest:
            return .status(400, "bad request")
        }
    }

    enum Resolution: Equatable {
        case file(String)
        case forbidden
        case notFound
        case badRequest
    }

    /// The file a request target names: `/` and directories are their `index.html`.
    func resolve(_ target: String) -> Resolution {
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding else { return .badRequest }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        var candidate = ([root] + segments.map(String.init)).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else {
            return .notFound
        }
        if isDirectory.boolValue { candidate += "/index.html" }
        // A symbolic link inside the directory must not lead outside it.
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .forbidden }
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            return .notFound
        }
        return .file(real)
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "txt", "sql", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    private func transmit(_ response: DocsResponse, to connection: Int32, headOnly: Bool) {
        var bytes = Array(response.head.utf8)
        if !headOnly { bytes += response.body }
        var offset = 0
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            if sent <= 0 {
                if sent < 0 && errno == EINTR { continue }
                return
            }
            offset += sent
        }
    }

    private static func localPort(of socket: Int32, isIPv6: Bool) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard result == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer in
            isIPv6
                ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin6_port)
                }
                : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin_port)
                }
        }
    }
}
