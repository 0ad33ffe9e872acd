/// The root project's files as far as the manifest knows them, for `path:` selection.
///
/// dbt expands a `path:` value with a glob against the root project's directory and selects
/// resources whose file, YAML properties file or a parent directory is among the results. Weir
/// selects without reading the disk, so it globs against the files that the root project's
/// resources (enabled or not) come from and the directories holding them.
struct ProjectFiles: Sendable {
    /// Directory ("" for the project root) → the names directly inside it.
    private var entries: [String: Set<String>] = ["": []]
    private var directories: Set<String> = [""]
    private var files: Set<String> = []

    init(paths: some Sequence<String>) {
        for path in paths {
            let components = Self.components(of: path)
            guard !components.isEmpty else { continue }
            var directory = ""
            for (index, component) in components.enumerated() {
                entries[directory, default: []].insert(component)
                let child = Self.join(directory, component)
                if index == components.count - 1 {
                    files.insert(child)
                } else {
                    directories.insert(child)
                    directory = child
                }
            }
        }
    }

    /// Paths, relative to the project root, that a `pathlib` glob of `pattern` would return:
    /// `*`, `?` and `[...]` within one component, `**` for any depth of directories, a trailing
    /// `/` for directories only. Absolute and empty patterns match nothing.
    func glob(_ pattern: String) -> Set<String> {
        guard !pattern.hasPrefix("/") else { return [] }
        let parts = Self.components(of: pattern)
        guard !parts.isEmpty else { return [] }
        var current: Set<String> = [""]
        for part in parts {
            var next: Set<String> = []
            if part == "**" {
                for base in current where directories.contains(base) {
                    next.formUnion(
                        directories.filter { base.isEmpty || $0 == base || $0.hasPrefix(base + "/") })
                }
            } else if part.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                let matcher = WildcardPattern(part)
                for base in current {
                    for name in entries[base] ?? [] where matcher.matches(name) {
                        next.insert(Self.join(base, name))
                    }
                }
            } else {
                for base in current {
                    let path = Self.join(base, part)
                    if files.contains(path) || directories.contains(path) { next.insert(path) }
                }
            }
            current = next
        }
        if pattern.hasSuffix("/") { current = current.filter { directories.contains($0) } }
        return current
    }

    /// `path`'s parent directories, nearest first, ending with the project root "".
    static func parents(of path: String) -> [String] {
        var components = components(of: path)
        var parents: [String] = []
        while !components.isEmpty {
            components.removeLast()
            parents.append(components.joined(separator: "/"))
        }
        return parents
    }

    /// A path's components as `pathlib` normalises them: no empty or `.` components.
    static func components(of path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    static func normalized(_ path: String) -> String { components(of: path).joined(separator: "/") }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory + "/" + name
    }
}
