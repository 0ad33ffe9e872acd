// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Weir",
    products: [
        .executable(name: "weir", targets: ["weir"]),
        .library(name: "Jinja", targets: ["Jinja"]),
        .executable(name: "jinja-bench", targets: ["JinjaBenchmark"]),
        .executable(name: "jinja-fuzz", targets: ["JinjaFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Source files, spans (line/column) and diagnostics with stable codes, rendered as caret snippets.
        .target(name: "Diagnostics", exclude: ["README.md"]),
        // Data-parallel helpers (an ordered `concurrentMap` on all cores), no dependencies.
        .target(name: "Parallelism", exclude: ["README.md"]),
        // A generic dependency graph: topological order and levels, cycle paths, ancestors/descendants.
        .target(name: "DAG", exclude: ["README.md"]),
        // The calling thread's stack bounds (C), so deep template recursion fails cleanly.
        .target(name: "CStackBounds"),
        // Python's repr() of a float, shared by the template engine and the artifacts. No dependencies.
        .target(name: "PythonRepr", exclude: ["README.md"]),
        // A Jinja2-compatible template engine: lexer, parser, spanned AST, renderer, Python value model,
        // built-in filters/tests/globals and a static pass over calls. Knows nothing of SQL or dbt.
        .target(
            name: "Jinja",
            dependencies: ["Diagnostics", "CStackBounds", "PythonRepr", .product(name: "BigInt", package: "BigInt")],
            exclude: ["README.md"]),
        // Python's datetime, re, pytz and itertools modules as Jinja values: dbt's `modules` global.
        .target(name: "PythonModules", dependencies: ["Jinja"], exclude: ["README.md"]),
        // Plain Sendable values for a dbt project: configs, nodes, sources, macros, the manifest, targets.
        .target(name: "ProjectModel", dependencies: ["Diagnostics", "Parallelism"], exclude: ["README.md"]),
        // Reads a project from a file system (real or in memory): discovery and YAML syntax. The only user of Yams
        // (of the libyaml it builds, `CYaml`: YAML is composed straight from libyaml's events).
        .target(
            name: "ProjectLoading",
            dependencies: ["ProjectModel", "Diagnostics", "Parallelism", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]),
        // dbt's node selection: --select/--exclude/selectors.yml over the manifest's graph → unique ids. Pure.
        .target(name: "Selection", dependencies: ["ProjectModel", "DAG", "Diagnostics", "Parallelism", "PythonRepr"], exclude: ["README.md"]),
        // SHA-256's compression on the x86 SHA extensions (C), for Checksums where the processor has them.
        .target(name: "CSHA256"),
        // MD5 and SHA-256 digests (dbt's checksums and test-name hashes).
        .target(name: "Checksums", dependencies: ["CSHA256"], exclude: ["README.md"]),
        // dbt's artifacts (manifest.json v12, run_results.json v6, catalog.json v1) as deterministic JSON, written byte for byte the way dbt writes it.
        .target(name: "Artifacts", dependencies: ["ProjectModel", "Checksums", "Execution", "Planning", "Parallelism", "PythonRepr"], exclude: ["README.md"]),
        // Per-warehouse SQL knowledge as data: quoting, relation names, adapter inheritance for dispatch.
        .target(name: "SQLDialect", exclude: ["README.md"]),
        // The warehouse boundary: connection protocol, result values, WarehouseError. Imports no driver.
        .target(name: "Warehouse", dependencies: ["SQLDialect"], exclude: ["README.md"]),
        // The system libsqlite3, for SQLiteWarehouse only.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // SQLite through libsqlite3: dbt-sqlite's profile fields, schemas as attached database files.
        .target(name: "SQLiteWarehouse", dependencies: ["Warehouse", "SQLDialect", "CSQLite", "Checksums"], exclude: ["README.md"]),
        // The system libpq, for PostgresWarehouse only.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // PostgreSQL (and Redshift) through libpq, with COPY for bulk loads.
        .target(name: "PostgresWarehouse", dependencies: ["Warehouse", "SQLDialect", "CLibPQ"], exclude: ["README.md"]),
        // Seed files: CSV (RFC 4180) and dbt's type inference, to typed rows. Pure.
        // A result as `dbt show` prints it: typed as dbt types result sets, written as agate writes tables.
        .target(name: "ResultPreview", dependencies: ["PythonRepr"], exclude: ["README.md"]),
        .target(name: "Seeds", dependencies: ["Warehouse", "SQLDialect", "Diagnostics"], exclude: ["README.md"]),
        // Column-name contracts: the weir.yml vocabulary and the checks of names and types against it. Pure.
        .target(name: "Contracts", dependencies: ["ProjectModel", "Diagnostics", "Parallelism"], exclude: ["README.md"]),
        // The dbt context, Weir's built-in macro library, and dbt's parse and compile renders.
        .target(
            name: "Compiler",
            dependencies: [
                "Jinja", "PythonModules", "SQLDialect", "ProjectModel", "ProjectLoading", "DAG", "Diagnostics",
                "Checksums", "Contracts", "Parallelism",
            ],
            exclude: ["README.md"]),
        // Compiled nodes + dialect + warehouse facts → ExecutionPlan: dbt's materializations in Swift. Pure.
        .target(
            name: "Planning", dependencies: ["ProjectModel", "SQLDialect", "Warehouse", "Checksums", "Diagnostics"],
            exclude: ["README.md"]),
        // Runs plans on a warehouse connection pool: readiness, skip-on-failure, cancellation, timings.
        .target(name: "Execution", dependencies: ["Planning", "Warehouse", "SQLDialect", "ProjectModel", "PythonRepr"], exclude: ["README.md"]),
        // The static documentation site (target/docs/) from manifest, catalog and run results as JSON. Pure.
        .target(name: "Docs", dependencies: ["Artifacts", "Parallelism", "Warehouse"], exclude: ["README.md"]),
        // `state:`/`result:`: the current manifest judged against an earlier one (and its run results) as dbt does. Pure.
        .target(
            name: "StateComparison", dependencies: ["Artifacts", "ProjectModel", "Selection", "Parallelism"],
            exclude: ["README.md"]),
        // The orchestration facade: load, parse, select, compile, write artifacts. No globals.
        .target(
            name: "Workspace",
            dependencies: [
                "Compiler", "Selection", "Artifacts", "ProjectLoading", "ProjectModel", "Diagnostics", "DAG", "Planning",
                "Execution", "Warehouse", "SQLiteWarehouse", "PostgresWarehouse", "Seeds", "SQLDialect", "Docs", "Contracts",
                "Parallelism", "StateComparison", "ResultPreview",
            ],
            exclude: ["README.md"]),
        // The `weir` commands: argument parsing, output, errors to messages and exit statuses.
        .target(
            name: "WeirCLI",
            dependencies: [
                "Workspace", "Selection", "Artifacts", "ProjectLoading", "ProjectModel", "Diagnostics", "Execution", "Warehouse",
                "Parallelism", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The executable: a one-line main.
        .executableTarget(name: "weir", dependencies: ["WeirCLI"]),
        // Renders the conformance corpus and a large macro file; prints parse and render timings.
        .executableTarget(
            name: "JinjaBenchmark", dependencies: ["Jinja"], path: "Benchmarks/JinjaBenchmark"),
        // libFuzzer target for the lexer, parser and renderer (Scripts/fuzz_jinja.sh); replays inputs otherwise.
        .executableTarget(name: "JinjaFuzz", dependencies: ["Jinja"], path: "Fuzz/JinjaFuzz"),
        .testTarget(name: "DAGTests", dependencies: ["DAG"]),
        .testTarget(name: "ParallelismTests", dependencies: ["Parallelism"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "ProjectModel", "ProjectLoading", "Diagnostics"]),
        .testTarget(
            name: "DocsTests",
            dependencies: ["Docs", "Artifacts", "Workspace", "WeirCLI", "Selection", "Warehouse", "PostgresWarehouse"]),
        .testTarget(
            name: "RunTests",
            dependencies: [
                "Workspace", "Execution", "Warehouse", "SQLiteWarehouse", "PostgresWarehouse", "ProjectModel", "SQLDialect",
                "Selection", "Diagnostics", "Artifacts", "ResultPreview",
            ],
            // Fixture projects and the outputs dbt produced on them, read by path.
            exclude: [
                "Projects", "ResourceTypes", "StoreFailures", "Clone", "Contracts", "CustomMaterializations", "Defer", "Freshness", "MaterializedViews", "Operations", "Show",
                "Sample", "Snapshots", "UnitTests", "WarnError",
            ]),
        .testTarget(name: "ResultPreviewTests", dependencies: ["ResultPreview", "Artifacts"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Planning", "Warehouse", "SQLDialect"]),
        .testTarget(
            name: "PlanningTests", dependencies: ["Planning", "ProjectModel", "SQLDialect", "Warehouse"],
            exclude: ["Golden"]),
        .testTarget(name: "SQLiteWarehouseTests", dependencies: ["SQLiteWarehouse", "Warehouse", "SQLDialect"]),
        .testTarget(name: "PostgresWarehouseTests", dependencies: ["PostgresWarehouse", "Warehouse", "SQLDialect"]),
        .testTarget(name: "SeedsTests", dependencies: ["Seeds", "Warehouse", "SQLDialect", "Diagnostics"], exclude: ["Fixtures"]),
        .testTarget(
            name: "PythonModulesTests", dependencies: ["PythonModules", "Jinja"], exclude: ["Fixtures"]),
        .testTarget(name: "ProjectLoadingTests", dependencies: ["ProjectLoading", "ProjectModel"]),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: ["Workspace", "Selection", "ProjectLoading", "ProjectModel", "Diagnostics", "Parallelism"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "SelectionTests", dependencies: ["Selection", "ProjectModel", "Diagnostics"], exclude: ["Oracle"]),
        .testTarget(name: "ChecksumsTests", dependencies: ["Checksums"]),
        .testTarget(
            name: "ArtifactsTests", dependencies: ["Artifacts", "ProjectModel", "Checksums"],
            exclude: ["validate_artifact.py", "Schemas"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(
            name: "JinjaTests", dependencies: ["Jinja", "Diagnostics"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
