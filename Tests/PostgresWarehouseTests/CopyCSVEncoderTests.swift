import Testing
import Warehouse

@testable import PostgresWarehouse

/// The CSV that `load` sends, without a server.
@Suite("COPY CSV encoding")
struct CopyCSVEncoderTests {
    @Test(
        "one value per field, text always quoted (so empty is not NULL), numbers and booleans bare",
        arguments: [
            (WarehouseValue.null, ""),
            (.text(""), #""""#),
            (.text("plain"), #""plain""#),
            (.text(#"say "hi""#), #""say ""hi""""#),
            (.text("a,b\nc"), "\"a,b\nc\""),
            (.text("\\."), #""\.""#),
            (.text("é"), #""é""#),
            (.text(#"""#), #""""""#),
            (.text(#"ends with ""#), #""ends with """"#),
            (.boolean(true), "true"),
            (.boolean(false), "false"),
            (.integer(-42), "-42"),
            (.integer(0), "0"),
            (.integer(Int64.min), "-9223372036854775808"),
            (.integer(Int64.max), "9223372036854775807"),
            (.real(0.1), "0.1"),
        ])
    func field(value: WarehouseValue, expected: String) {
        var encoder = CopyCSVEncoder()
        encoder.append(row: [value])
        #expect(String(decoding: encoder.bytes, as: UTF8.self) == expected + "\n")
    }

    @Test("fields are separated by commas and rows end with a newline")
    func rows() {
        var encoder = CopyCSVEncoder()
        encoder.append(row: [.integer(1), .null, .text("x")])
        encoder.append(row: [.null, .null, .null])
        #expect(String(decoding: encoder.bytes, as: UTF8.self) == "1,,\"x\"\n,,\n")
        encoder.removeAll()
        #expect(encoder.bytes.isEmpty)
    }
}
