import Diagnostics
import ProjectLoading
import ProjectModel

extension Workspace {
    /// One entry of `packages.yml` as `weir deps` found it.
    public struct InstalledPackage: Sendable {
        /// How dbt names the entry when it installs it (`dbt-labs/dbt_utils`, `../helpers`).
        public var entry: String
        /// Where it was found: a `local:` package's directory, read in place; otherwise its
        /// directory under `packages-install-path`, as `dbt deps` left it.
        public var directory: String
        public var version: String?
        public var isLocal: Bool
    }

    /// `weir deps`: checks that every package of `packages.yml` (or `dependencies.yml`) is there to
    /// be read. Weir downloads nothing: a `local:` package is read where it is (no link is made
    /// in `dbt_packages/`); a hub, git or tarball package must have been installed already (by
    /// `dbt deps`, or vendored) under `packages-install-path`, a hub package in a version its
    /// `version:` admits. A missing one stops the invocation, saying what to do.
    public func checkDependencies() throws -> [InstalledPackage] {
        let config = try loadProjectConfig()
        var entries: [(file: SourceFile, node: YAMLNode)] = []
        for name in ["packages.yml", "dependencies.yml"] {
            let path = join(projectDirectory, name)
            guard fileSystem.fileExists(path) else { continue }
            let (file, yaml) = try reader.readYAML(path, displayName: name)
            guard let items = yaml["packages"]?.items else { continue }
            if !entries.isEmpty {
                throw Diagnostic(
                    code: "W0013", message: "packages are listed in both packages.yml and dependencies.yml",
                    file: file, span: yaml["packages"]?.span, help: "list them in one of the two files, as dbt requires")
            }
            entries = items.map { (file, $0) }
        }
        let lockNames = try lockedNames()
        let installPath = join(projectDirectory, config.packagesInstallPath)
        return try entries.map { file, entry in
            if let local = entry["local"]?.string {
                let directory = normalize(join(projectDirectory, local))
                guard fileSystem.fileExists(join(directory, "dbt_project.yml")) else {
                    throw Diagnostic(
                        code: "W0013", message: "the local package '\(local)' has no dbt_project.yml", file: file, span: entry.span,
                        help: "point `local:` at a dbt project's directory (relative to this project)")
                }
                return InstalledPackage(entry: local, directory: directory, version: nil, isLocal: true)
            }
            guard let source = Self.source(of: entry) else {
                throw Diagnostic(
                    code: "W0013", message: "a package entry names no local, package, git, tarball or private source",
                    file: file, span: entry.span, help: "see https://docs.getdbt.com/docs/build/packages")
            }
            let name = lockNames[source] ?? Self.installedName(of: source)
            let directory = join(installPath, name)
            let projectFile = join(directory, "dbt_project.yml")
            guard fileSystem.fileExists(projectFile) else {
                throw Diagnostic(
                    code: "W0013",
                    message: "weir deps downloads nothing, and '\(source)' is not installed in \(config.packagesInstallPath)/\(name)",
                    file: file, span: entry.span,
                    help: "run `dbt deps` once (it installs the packages into \(config.packagesInstallPath)/), or vendor the package there; Weir reads what is installed")
            }
            let (_, installed) = try reader.readYAML(projectFile, displayName: "\(config.packagesInstallPath)/\(name)/dbt_project.yml")
            let version: String? =
                switch installed["version"]?.scalar {
                case .string(let text)?: text
                case .int(let number)?: String(number)
                case .double(let number)?: String(number)
                default: nil
                }
            if entry["package"] != nil, let wanted = entry["version"]?.value.stringList, let version,
                let current = RequiredDbtVersion.Specifier(version)?.version
            {
                for text in wanted {
                    guard let specifier = RequiredDbtVersion.Specifier(text), specifier.admits(current) else {
                        throw Diagnostic(
                            code: "W0013",
                            message: "'\(source)' is installed in version \(version), which \(text) does not admit",
                            file: file, span: entry["version"]?.span,
                            help: "install an admitted version (`dbt deps`), or change `version:`")
                    }
                }
            }
            return InstalledPackage(entry: source, directory: directory, version: version, isLocal: false)
        }
    }

    /// The names `dbt deps` installed each package under, from `package-lock.yml`.
    private func lockedNames() throws -> [String: String] {
        let path = join(projectDirectory, "package-lock.yml")
        guard fileSystem.fileExists(path) else { return [:] }
        let (_, yaml) = try reader.readYAML(path, displayName: "package-lock.yml")
        var names: [String: String] = [:]
        for entry in yaml["packages"]?.items ?? [] {
            guard let name = entry["name"]?.string, let source = Self.source(of: entry) else { continue }
            names[source] = name
        }
        return names
    }

    /// Where a non-local package entry comes from: its hub name, git URL, tarball URL or private repository.
    private static func source(of entry: YAMLNode) -> String? {
        entry["package"]?.string ?? entry["git"]?.string ?? entry["tarball"]?.string ?? entry["private"]?.string
    }

    /// Without a lock file: a hub package's name (`dbt-labs/dbt_utils` is `dbt_utils`), a git
    /// repository's (`.../dbt-utils.git` is `dbt-utils`).
    static func installedName(of source: String) -> String {
        var name = Substring(source.split(separator: "/").last ?? Substring(source))
        if name.hasSuffix(".git") { name = name.dropLast(4) }
        return String(name)
    }
}
