import Testing

import ProjectModel

/// `ConfigMap` is a Python dict as dbt's configs are: insertion-ordered, a replaced key keeping
/// its place, a removed one closing the gap. Small maps find keys by comparing, larger ones by
/// hashing; both must behave the same, including across the size where one becomes the other.
@Suite struct ConfigMapTests {
    @Test func behavesAsAnOrderedDictionaryAtEverySize() {
        // A fixed pseudo-random sequence of sets and removals over 20 keys, checked after each
        // step against an array of pairs.
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            var map = ConfigMap()
            var expected: [(key: String, value: Int)] = []
            for _ in 0..<60 {
                let key = "key_\(next(20))"
                if next(3) > 0 {
                    let value = next(1000)
                    map[key] = .int(value)
                    if let index = expected.firstIndex(where: { $0.key == key }) {
                        expected[index].value = value
                    } else {
                        expected.append((key, value))
                    }
                } else {
                    map[key] = nil
                    expected.removeAll { $0.key == key }
                }
                #expect(map.keys == expected.map(\.key))
                #expect(map.map(\.value) == expected.map { ConfigValue.int($0.value) })
                for probe in 0..<20 {
                    let key = "key_\(probe)"
                    #expect(map[key] == expected.first { $0.key == key }.map { .int($0.value) })
                }
            }
        }
    }

    @Test func equalMapsHashAlikeWhateverTheirHistory() {
        var grown = ConfigMap()
        for index in 0..<12 { grown["key_\(index)"] = .int(index) }
        for index in 4..<12 { grown["key_\(index)"] = nil }
        var built = ConfigMap()
        for index in 0..<4 { built["key_\(index)"] = .int(index) }
        #expect(grown == built)
        #expect(grown.hashValue == built.hashValue)
    }
}
