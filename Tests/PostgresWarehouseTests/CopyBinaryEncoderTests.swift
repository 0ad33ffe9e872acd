import Testing
import Warehouse

@testable import PostgresWarehouse

/// The binary COPY data that `load` sends when it can, without a server (the server side of
/// the story is in BinaryLoadTests).
@Suite("COPY binary encoding")
struct CopyBinaryEncoderTests {
    /// One value's field (length, then bytes) after the row's field count.
    static func field(_ value: WarehouseValue, oid: UInt32) -> [UInt8]? {
        guard var encoder = CopyBinaryEncoder(oids: [oid]) else { return nil }
        encoder.removeAll()
        guard encoder.append(row: [value]) else { return nil }
        return Array(encoder.bytes.dropFirst(2))
    }

    @Test("the header, a row's field count and the trailer are PostgreSQL's")
    func framing() throws {
        var encoder = try #require(CopyBinaryEncoder(oids: [23, 25]))
        #expect(encoder.bytes == Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        encoder.removeAll()
        let appended = encoder.append(row: [.integer(7), .null])
        #expect(appended)
        encoder.finish()
        #expect(encoder.bytes == [0, 2, 0, 0, 0, 4, 0, 0, 0, 7, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test("only the built-in types whose conversion is certain are written in binary")
    func columnTypes() {
        for oid: UInt32 in [16, 20, 21, 23, 25, 701, 1043, 1082, 1114] {
            #expect(CopyBinaryEncoder(oids: [oid]) != nil, "oid \(oid)")
        }
        // numeric, real, bpchar, timestamptz, json, an extension type
        for oid: UInt32 in [1700, 700, 1042, 1184, 114, 16_385] {
            #expect(CopyBinaryEncoder(oids: [23, oid]) == nil, "oid \(oid)")
        }
    }

    @Test(
        "numbers and booleans in network byte order",
        arguments: [
            (WarehouseValue.integer(-2), UInt32(21), [0, 0, 0, 2, 0xFF, 0xFE] as [UInt8]),
            (.integer(258), 23, [0, 0, 0, 4, 0, 0, 1, 2]),
            (.integer(Int64.min), 20, [0, 0, 0, 8, 0x80, 0, 0, 0, 0, 0, 0, 0]),
            (.real(1.0), 701, [0, 0, 0, 8, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0]),
            (.integer(-2), 701, [0, 0, 0, 8, 0xC0, 0, 0, 0, 0, 0, 0, 0]),
            (.boolean(true), 16, [0, 0, 0, 1, 1]),
            (.null, 1082, [0xFF, 0xFF, 0xFF, 0xFF]),
        ])
    func scalar(value: WarehouseValue, oid: UInt32, expected: [UInt8]) {
        #expect(Self.field(value, oid: oid) == expected)
    }

    @Test("a text column gets the very text CSV would send, whatever the value's kind")
    func text() {
        #expect(Self.field(.text("é,\"x\""), oid: 25) == [0, 0, 0, 6] + Array("é,\"x\"".utf8))
        #expect(Self.field(.integer(-12), oid: 1043) == [0, 0, 0, 3] + Array("-12".utf8))
        #expect(Self.field(.real(0.1), oid: 25) == [0, 0, 0, 3] + Array("0.1".utf8))
        #expect(Self.field(.boolean(false), oid: 25) == [0, 0, 0, 5] + Array("false".utf8))
    }

    @Test(
        "canonical dates count days from 2000-01-01",
        arguments: [
            ("2000-01-01", 0), ("1999-12-31", -1), ("2000-03-01", 60), ("2024-02-29", 8_825),
            ("1970-01-01", -10_957), ("0001-01-01", -730_119), ("9999-12-31", 2_921_939),
        ])
    func date(text: String, days: Int32) {
        var text = text
        let counted = text.withUTF8(CopyBinaryEncoder.daysSince2000)
        #expect(counted == days)
    }

    @Test(
        "canonical timestamps count microseconds from 2000-01-01 00:00:00",
        arguments: [
            ("2000-01-01 00:00:00", Int64(0)), ("1999-12-31 23:59:59.999999", -1),
            ("2000-01-02 01:02:03.5", 90_123_500_000), ("1970-01-01 00:00:00", -946_684_800_000_000),
        ])
    func timestamp(text: String, microseconds: Int64) {
        var text = text
        let counted = text.withUTF8(CopyBinaryEncoder.microsecondsSince2000)
        #expect(counted == microseconds)
    }

    @Test(
        "anything the column's text input might read differently is refused, for CSV to send",
        arguments: [
            (WarehouseValue.integer(32_768), UInt32(21)), (.integer(Int64(Int32.max) + 1), 23),
            (.real(1.5), 23), (.text("12"), 23), (.boolean(true), 23), (.text("1.5"), 701),
            (.text("NaN"), 701), (.text("true"), 16), (.integer(1), 16),
            (.text("2024-1-2"), 1082), (.text("2023-02-29"), 1082), (.text("0000-01-01"), 1082),
            (.text("2024-13-01"), 1082), (.text("24-01-02"), 1082), (.text("2024-01-02 00:00:00"), 1082),
            (.integer(20_240_102), 1082), (.text("2024-01-02"), 1114), (.text("2024-01-02T03:04:05"), 1114),
            (.text("2024-01-02 24:00:00"), 1114), (.text("2024-01-02 23:59:60"), 1114),
            (.text("2024-01-02 03:04:05+01:00"), 1114), (.text("2024-01-02 03:04:05."), 1114),
            (.text("2024-01-02 03:04:05.1234567"), 1114),
        ])
    func refused(value: WarehouseValue, oid: UInt32) {
        #expect(Self.field(value, oid: oid) == nil)
    }

    @Test("a refused row leaves nothing of itself behind")
    func refusedRow() throws {
        var encoder = try #require(CopyBinaryEncoder(oids: [23, 1082]))
        encoder.removeAll()
        let first = encoder.append(row: [.integer(1), .text("2024-01-02")])
        let before = encoder.bytes
        let second = encoder.append(row: [.integer(2), .text("yesterday")])
        #expect(first && !second)
        #expect(encoder.bytes == before)
    }
}
