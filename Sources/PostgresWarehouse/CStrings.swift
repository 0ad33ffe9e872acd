import Foundation

/// Calls `body` with NUL-terminated copies of `strings` (nil stays a null pointer, as libpq's
/// keyword arrays end), freed afterwards.
func withCStrings<Result>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    let copies = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
