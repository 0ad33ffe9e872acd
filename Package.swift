// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Weir",
    products: [
        .library(name: "Jinja", targets: ["Jinja"]),
        .executable(name: "jinja-bench", targets: ["JinjaBenchmark"]),
        .executable(name: "jinja-fuzz", targets: ["JinjaFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1")
    ],
    targets: [
        // Source files, spans (line/column) and diagnostics with stable codes, rendered as caret snippets.
        .target(name: "Diagnostics", exclude: ["README.md"]),
        // A generic dependency graph: topological order and levels, cycle paths, ancestors/descendants.
        .target(name: "DAG", exclude: ["README.md"]),
        // The calling thread's stack bounds (C), so deep template recursion fails cleanly.
        .target(name: "CStackBounds"),
        // A Jinja2-compatible template engine: lexer, parser, spanned AST, renderer, Python value model,
        // built-in filters/tests/globals and a static pass over calls. Knows nothing of SQL or dbt.
        .target(
            name: "Jinja",
            dependencies: ["Diagnostics", "CStackBounds", .product(name: "BigInt", package: "BigInt")],
            exclude: ["README.md"]),
        // Renders the conformance corpus and a large macro file; prints parse and render timings.
        .executableTarget(
            name: "JinjaBenchmark", dependencies: ["Jinja"], path: "Benchmarks/JinjaBenchmark"),
        // libFuzzer target for the lexer, parser and renderer (Scripts/fuzz_jinja.sh); replays inputs otherwise.
        .executableTarget(name: "JinjaFuzz", dependencies: ["Jinja"], path: "Fuzz/JinjaFuzz"),
        .testTarget(name: "DAGTests", dependencies: ["DAG"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(
            name: "JinjaTests", dependencies: ["Jinja", "Diagnostics"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
