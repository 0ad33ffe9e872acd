/// MD5 (RFC 1321). dbt uses it for `project_id` (the md5 of the project name) and for the hash
/// suffix of long generic-test names; it is not used for anything that needs to be secure.
public struct MD5: HashFunction {
    private var a: UInt32 = 0x6745_2301
    private var b: UInt32 = 0xefcd_ab89
    private var c: UInt32 = 0x98ba_dcfe
    private var d: UInt32 = 0x1032_5476
    private var buffer = BlockBuffer()

    public init() {}

    public mutating func update(bytes: UnsafeRawBufferPointer) {
        var state = (a, b, c, d)
        buffer.absorb(bytes) { block in Self.compress(&state, block) }
        (a, b, c, d) = state
    }

    public func finalize() -> Digest {
        var state = (a, b, c, d)
        let tail = buffer.paddedTail(bigEndianLength: false)
        tail.withUnsafeBytes { tail in
            for offset in stride(from: 0, to: tail.count, by: BlockBuffer.blockSize) {
                Self.compress(
                    &state, UnsafeRawBufferPointer(rebasing: tail[offset..<offset + BlockBuffer.blockSize]))
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return Digest(bytes: bytes)
    }

    /// Per-round left-rotation amounts (RFC 1321 §3.4).
    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// `floor(abs(sin(i + 1)) * 2^32)` (RFC 1321 §3.4, the table T).
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613,
        0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e,
        0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681,
        0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9,
        0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60,
        0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8,
        0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d,
        0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb,
        0xeb86_d391,
    ]

    private static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32), _ block: UnsafeRawBufferPointer
    ) {
        var (a, b, c, d) = state
        constants.withUnsafeBufferPointer { constants in
            shifts.withUnsafeBufferPointer { shifts in
                // One step of round `round`: `f` mixes b, c and d as the round does, `g` picks the word.
                func step(_ f: UInt32, _ g: Int, _ round: Int) {
                    let word = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: g &* 4, as: UInt32.self))
                    let sum = f &+ a &+ constants[round] &+ word
                    let shift = shifts[round]
                    a = d
                    d = c
                    c = b
                    b = b &+ ((sum &<< shift) | (sum &>> (32 &- shift)))
                }
                for round in 0..<16 { step((b & c) | (~b & d), round, round) }
                for round in 16..<32 { step((d & b) | (~d & c), (5 &* round &+ 1) & 15, round) }
                for round in 32..<48 { step(b ^ c ^ d, (3 &* round &+ 5) & 15, round) }
                for round in 48..<64 { step(c ^ (b | ~d), (7 &* round) & 15, round) }
            }
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
