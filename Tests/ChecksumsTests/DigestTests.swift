@testable import Checksums
import Foundation
import Testing

@Suite struct DigestTests {
    /// RFC 1321 §A.5 test suite.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        (
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f"
        ),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ])
    func md5MatchesRFC1321(input: String, digest: String) {
        #expect(MD5.hash(input).hex == digest)
    }

    /// FIPS 180-2 Appendix B examples, plus the empty string.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesFIPS180(input: String, digest: String) {
        #expect(SHA256.hash(input).hex == digest)
    }

    @Test func hashesAMillionAs() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(input).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(MD5.hash(input).hex == "7707d6ae4e027c70eea2a935c2296f21")
    }

    /// Feeding in pieces of every awkward size gives the digest of the whole.
    @Test func incrementalUpdatesMatchOneShot() {
        let input = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for chunk in [1, 3, 55, 56, 63, 64, 65, 127, 128, 999] {
            var md5 = MD5()
            var sha = SHA256()
            var offset = 0
            while offset < input.count {
                let piece = input[offset..<min(offset + chunk, input.count)]
                md5.update(piece)
                sha.update(piece)
                offset += chunk
            }
            #expect(md5.finalize() == MD5.hash(input), "chunk \(chunk)")
            #expect(sha.finalize() == SHA256.hash(input), "chunk \(chunk)")
        }
    }

    @Test func hashesStringsAsUTF8() {
        #expect(MD5.hash("Ünïcode ✓ 😀") == MD5.hash(Array("Ünïcode ✓ 😀".utf8)))
        #expect(SHA256.hash("Ünïcode ✓ 😀") == SHA256.hash(Array("Ünïcode ✓ 😀".utf8)))
    }

    /// Every length across the padding boundaries, and a few megabytes of pseudo-random bytes,
    /// against Python's `hashlib`: SHA-256 both as hashed by default (on the processor's SHA
    /// extensions where it has them) and compressed in Swift.
    @Test func matchesPythonHashlib() throws {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let large = (0..<3_000_003).map { _ in next() }
        let lengths = Array(0...130) + [large.count]
        var expected: [String] = []
        var input: [UInt8] = []
        var inSwift: [String] = []
        for length in lengths {
            let bytes = Array(large.prefix(length))
            expected.append(MD5.hash(bytes).hex + " " + SHA256.hash(bytes).hex)
            var software = SHA256(usingExtensions: false)
            software.update(bytes)
            inSwift.append(MD5.hash(bytes).hex + " " + software.finalize().hex)
        }
        input = large
        let lengthList = lengths.map(String.init).joined(separator: ",")
        let output = try python(
            """
            import hashlib, sys
            data = sys.stdin.buffer.read()
            for n in [\(lengthList)]:
                print(hashlib.md5(data[:n]).hexdigest(), hashlib.sha256(data[:n]).hexdigest())
            """, input: input)
        #expect(output.split(separator: "\n").map(String.init) == expected)
        #expect(output.split(separator: "\n").map(String.init) == inSwift)
    }

    func python(_ source: String, input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", source]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed")
        return String(decoding: data, as: UTF8.self)
    }
}
