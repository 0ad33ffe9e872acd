import Jinja

/// Feeds arbitrary bytes to the lexer, parser and renderer: any crash is a bug, any error is fine.
///
/// Built with `-D FUZZING -sanitize=fuzzer,address` (see `Scripts/fuzz_jinja.sh`) it is a
/// libFuzzer target; built normally it replays the files named on the command line, so crashes
/// that libFuzzer found can be reproduced and kept as regression inputs.
enum JinjaFuzzBody {
    static let environment: Environment = {
        let environment = Environment()
        environment.limits.maxLoopIterations = 20_000
        environment.limits.maxOutputBytes = 1 << 20
        environment.limits.maxCallDepth = 100
        return environment
    }()

    static func run(_ bytes: [UInt8]) {
        guard let template = try? environment.parse(bytes: bytes, name: "fuzz") else { return }
        _ = template.staticCalls
        _ = try? template.render(["x": .int(1), "s": .string("ab"), "xs": .list([.int(1), .int(2)])])
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        JinjaFuzzBody.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    import Foundation

    @main
    struct ReplayInputs {
        static func main() throws {
            for path in CommandLine.arguments.dropFirst() {
                JinjaFuzzBody.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                print("ok \(path)")
            }
        }
    }
#endif
