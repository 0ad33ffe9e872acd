import Warehouse

/// A seed value as dbt's agate `Number` type casts it: a Python `Decimal` after
/// `agate.data_types.Number.cast` (en_US locale) and the default decimal context
/// (28 significant digits, ROUND_HALF_EVEN, exponents within ±999999).
///
/// The cast, step by step as agate 1.9 does it: `strip()`; `"null"`/`""` are NULL; strip `%`
/// from both ends; a leading `-` becomes the sign; strip each of agate's currency symbols from
/// both ends; drop every `,` (the en_US group symbol); `Decimal(d) * sign`. `Decimal()` itself
/// strips whitespace, drops `_`, reads any Unicode decimal digit and accepts `1e3`, `.5`, `5.`,
/// `inf`, `Infinity` and `nan`; the multiplication rounds to 28 digits and rejects `sNaN`.
/// So `1.0`, `01`, `1e3`, `1,000`, `$5`, `5%` and ` 5 ` are numbers, and `1 2`, `0x10` are not.
struct AgateNumber: Sendable {
    enum Kind: Sendable { case finite, infinity, nan }

    var kind: Kind
    /// The sign of the result (for NaN, the sign `Decimal()` read: NaN times ±1 is that NaN).
    var negative: Bool
    /// The coefficient (for NaN, the diagnostic payload: `nan12` keeps 12) when it has at most
    /// 19 digits, which holds for nearly every value and costs no allocation.
    var coefficient: UInt64 = 0
    /// The coefficient's digits, most significant first without leading zeros, when it has
    /// more than 19 (then `coefficient` is unused).
    var longDigits: [UInt8]?
    var exponent = 0

    /// The default context's precision, and its exponent limits (`Emax`, `Etiny`, `Etop`).
    static let precision = 28
    static let maxExponent = 999_999
    static let tinyExponent = -999_999 - (precision - 1)
    static let topExponent = maxExponent - precision + 1

    /// The result of casting one cell.
    enum Cast: Sendable {
        case null
        /// agate raises `CastError`: the value is not a number.
        case invalid
        case number(AgateNumber)
        /// `Decimal(d) * sign` raises `decimal.Overflow`, which agate does not catch: dbt fails.
        case overflow
    }

    /// agate's currency symbols (`DEFAULT_CURRENCY_SYMBOLS`), in the order it strips them.
    static let currencySymbols: [UInt32] = [
        0x060B, 0x24, 0x0192, 0x17DB, 0xA5, 0x20A1, 0x20B1, 0xA3, 0x20AC, 0xA2, 0xFDFC, 0x20AA, 0x20A9,
        0x20AD, 0x20AE, 0x20A6, 0x0E3F, 0x20A4, 0x20AB,
    ]

    /// Casts one cell as `Number.cast` does.
    static func cast(_ cell: Scalars) -> Cast {
        var text = cell.stripped()
        if text.isNullMarker { return .null }
        text = text.trimming { $0 == 0x25 }  // "%"
        var negative = false
        if text.first == 0x2D {  // "-"
            negative = true
            text = text.dropping(1)
        }
        // Every currency symbol but "$" is non-ASCII: plain ASCII ends have none to strip.
        if let first = text.first, let last = text.last,
            first >= 0x80 || last >= 0x80 || first == 0x24 || last == 0x24
        {
            for symbol in currencySymbols { text = text.trimming { $0 == symbol } }
        }
        return parseDecimal(text, agateNegative: negative)
    }

    /// `Decimal(d.replace(",", "")) * (-1 if negative else 1)`. Rather than copy the text
    /// without commas, commas are ignored wherever they are: at the ends, `Decimal()`'s
    /// whitespace stripping then reaches past them, as it would once they were gone.
    private static func parseDecimal(_ raw: Scalars, agateNegative: Bool) -> Cast {
        let text = raw.trimming { Scalars.isSpace($0) || $0 == 0x2C }
        let end = text.count
        var index = 0
        // `Decimal()` drops underscores anywhere once the surrounding whitespace is gone.
        func skipIgnored() {
            while index < end, text[index] == 0x5F || text[index] == 0x2C { index += 1 }
        }
        skipIgnored()
        var innerNegative = false
        if index < end, text[index] == 0x2B || text[index] == 0x2D {
            innerNegative = text[index] == 0x2D
            index += 1
            skipIgnored()
        }
        guard index < end else { return .invalid }
        let lead = text[index] | 0x20
        if lead == 0x69 || lead == 0x6E || lead == 0x73 {  // i, n, s
            return parseSpecial(
                Scalars(rebasing: text[index...]), negative: innerNegative, agateNegative: agateNegative)
        }
        var number = AgateNumber(kind: .finite, negative: innerNegative != agateNegative)
        var digitCount = 0
        var sawDigit = false
        var sawPoint = false
        while true {
            skipIgnored()
            guard index < end else { break }
            let scalar = text[index]
            if let digit = Scalars.decimalDigit(scalar) {
                sawDigit = true
                if sawPoint { number.exponent -= 1 }
                if digitCount > 0 || digit != 0 {
                    digitCount += 1
                    number.appendDigit(digit, count: digitCount)
                }
                index += 1
            } else if scalar == 0x2E, !sawPoint {
                sawPoint = true
                index += 1
            } else {
                break
            }
        }
        guard sawDigit else { return .invalid }
        if index < end, text[index] | 0x20 == 0x65 {  // e, E
            index += 1
            skipIgnored()
            var exponentNegative = false
            if index < end, text[index] == 0x2B || text[index] == 0x2D {
                exponentNegative = text[index] == 0x2D
                index += 1
            }
            var literal = 0
            var sawExponentDigit = false
            while true {
                skipIgnored()
                guard index < end, let digit = Scalars.decimalDigit(text[index]) else { break }
                sawExponentDigit = true
                // Past 18 digits the exponent is beyond libmpdec's limits anyway: saturate (well
                // within Int) so that the check below rejects it, as `Decimal()` does.
                literal =
                    literal >= 100_000_000_000_000_000 ? 2_000_000_000_000_000_000 : literal * 10 + digit
                index += 1
            }
            guard sawExponentDigit else { return .invalid }
            number.exponent += exponentNegative ? -literal : literal
        }
        guard index == end else { return .invalid }
        // libmpdec refuses exponents beyond its absolute limits while converting.
        let adjusted = number.exponent + max(digitCount, 1) - 1
        guard adjusted <= 999_999_999_999_999_999, adjusted >= -1_999_999_999_999_999_997 else {
            return .invalid
        }
        guard number.roundToContext(digitCount: digitCount) else { return .overflow }
        return .number(number)
    }

    /// Appends the `count`-th significant digit.
    private mutating func appendDigit(_ digit: Int, count: Int) {
        if count <= 19 {
            coefficient = coefficient * 10 + UInt64(digit)
        } else {
            if longDigits == nil { longDigits = Self.digits(of: coefficient) }
            longDigits?.append(UInt8(digit))
        }
    }

    /// `inf`, `infinity`, `nan<digits>` (any case); `snan` is read but `* sign` rejects it.
    private static func parseSpecial(_ text: Scalars, negative: Bool, agateNegative: Bool) -> Cast {
        var word: UInt64 = 0  // up to eight lower-cased ASCII letters, packed
        var letters = 0
        var payload = AgateNumber(kind: .nan, negative: negative)
        var payloadDigits = 0
        for scalar in text where scalar != 0x5F && scalar != 0x2C {
            if letters >= 3, let digit = Scalars.decimalDigit(scalar) {
                if payloadDigits > 0 || digit != 0 {
                    payloadDigits += 1
                    payload.appendDigit(digit, count: payloadDigits)
                }
            } else if payloadDigits == 0, letters < 8, scalar < 0x80 {
                word = word << 8 | UInt64(scalar | 0x20)
                letters += 1
            } else {
                return .invalid
            }
        }
        func packed(_ text: StaticString) -> UInt64 {
            text.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt64($1) } }
        }
        switch word {
        case packed("inf"), packed("infinity"):
            guard payloadDigits == 0 else { return .invalid }
            return .number(AgateNumber(kind: .infinity, negative: negative != agateNegative))
        case packed("nan"):
            // The context keeps at most `precision` payload digits, the last ones.
            if payloadDigits > precision, var digits = payload.longDigits {
                digits.removeFirst(digits.count - precision)
                while digits.first == 0 { digits.removeFirst() }
                payload = AgateNumber(kind: .nan, negative: negative)
                for (index, digit) in digits.enumerated() {
                    payload.appendDigit(Int(digit), count: index + 1)
                }
            }
            return .number(payload)
        default:
            // Includes "snan": `Decimal('sNaN') * 1` signals InvalidOperation, a CastError.
            return .invalid
        }
    }

    private static func digits(of value: UInt64) -> [UInt8] {
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(rest % 10))
            rest /= 10
        }
        return digits.reversed()
    }

    private static func digitCount(of value: UInt64) -> Int {
        var count = 0
        var rest = value
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    private var digitArray: [UInt8] { longDigits ?? Self.digits(of: coefficient) }

    private var isZero: Bool { longDigits == nil && coefficient == 0 }

    /// Rounds to the context as Python's `Decimal._fix` does: 28 significant digits (fewer for
    /// subnormal values), half-even. Returns false on overflow (adjusted exponent > Emax).
    private mutating func roundToContext(digitCount: Int) -> Bool {
        guard !isZero else {
            exponent = min(max(exponent, Self.tinyExponent), Self.topExponent)
            return true
        }
        if digitCount + exponent - Self.precision > Self.topExponent { return false }
        let minimumExponent = max(digitCount + exponent - Self.precision, Self.tinyExponent)
        guard exponent < minimumExponent else { return true }
        // Drop the digits below `minimumExponent`; the first dropped one decides, half-even.
        let digits = digitArray
        let roundingIndex = digits.count - (minimumExponent - exponent)
        let roundingDigit = roundingIndex >= 0 ? digits[roundingIndex] : 0
        let restNonZero = digits[max(roundingIndex + 1, 0)...].contains { $0 != 0 }
        var result = Array(digits[0..<max(roundingIndex, 0)])
        let lastKeptOdd = (result.last ?? 0) % 2 == 1
        if roundingDigit > 5 || (roundingDigit == 5 && (restNonZero || lastKeptOdd)) {
            var position = result.count - 1
            while position >= 0, result[position] == 9 {
                result[position] = 0
                position -= 1
            }
            if position >= 0 { result[position] += 1 } else { result.insert(1, at: 0) }
        }
        exponent = minimumExponent
        if result.count > Self.precision {
            result.removeLast()
            exponent += 1
            if exponent > Self.topExponent { return false }
        }
        while result.first == 0 { result.removeFirst() }
        longDigits = nil
        coefficient = 0
        for (index, digit) in result.enumerated() { appendDigit(Int(digit), count: index + 1) }
        return true
    }

    /// `Decimal.normalize()`: trailing zeros folded into the exponent, for a finite value. The
    /// coefficient is there when it fits 19 digits.
    private var normalized: (coefficient: UInt64?, digitCount: Int, exponent: Int) {
        if let longDigits {
            var trailing = 0
            while trailing < longDigits.count, longDigits[longDigits.count - 1 - trailing] == 0 {
                trailing += 1
            }
            let count = longDigits.count - trailing
            var value: UInt64?
            if count <= 19 { value = longDigits[0..<count].reduce(UInt64(0)) { $0 * 10 + UInt64($1) } }
            return (value, count, exponent + trailing)
        }
        guard coefficient != 0 else { return (0, 0, 0) }
        var value = coefficient
        var shift = 0
        while value % 10 == 0 {
            value /= 10
            shift += 1
        }
        return (value, Self.digitCount(of: value), exponent + shift)
    }

    /// Python's `str()` of a NaN or infinity (`NaN`, `-NaN`, `NaN12`, `Infinity`, `-Infinity`):
    /// what dbt-sqlite binds (it converts every `Decimal` with `str`).
    var specialText: String {
        let sign = negative ? "-" : ""
        switch kind {
        case .infinity: return sign + "Infinity"
        case .nan: return sign + "NaN" + (isZero ? "" : digitArray.map { String($0) }.joined())
        case .finite: return sign + "0"
        }
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value as a `Double`, correctly rounded (as PostgreSQL's `float8` input and Python's
    /// `float(Decimal)` both round).
    var doubleValue: Double {
        switch kind {
        case .infinity: return negative ? -.infinity : .infinity
        case .nan: return .nan
        case .finite:
            var magnitude: Double
            if longDigits == nil, coefficient < 1 << 53, abs(exponent) <= 22 {
                // Both operands are exact, so one IEEE operation rounds correctly.
                let power = Self.exactPowersOfTen[abs(exponent)]
                magnitude = exponent < 0 ? Double(coefficient) / power : Double(coefficient) * power
            } else {
                let digits = String(decoding: digitArray.map { $0 + 0x30 }, as: UTF8.self)
                magnitude = Double(digits + "e" + String(exponent)) ?? 0
            }
            return negative ? -magnitude : magnitude
        }
    }

    /// The value as an `Int64` when it is a whole number that fits; nil otherwise.
    var int64Value: Int64? {
        guard kind == .finite else { return nil }
        let (value, count, exponent) = normalized
        guard count > 0 else { return 0 }
        guard let value, exponent >= 0, count + exponent <= 19 else { return nil }
        var magnitude = value
        for _ in 0..<exponent {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            magnitude = shifted
        }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}

extension AgateNumber {
    /// agate's `MaxPrecision` aggregation, which dbt's `convert_number_type` asks for to choose
    /// between an integer and a float column (`agate.utils.max_precision`).
    struct Precision: Sendable, Hashable {
        private var maxWholePlaces = 1
        private var maxDecimalPlaces = 0

        mutating func add(_ number: AgateNumber) {
            // `max_precision` skips values for which `math.isnan` or `math.isinf` holds, and those
            // convert to float first: 1e999999 is a finite Decimal but an infinite float.
            guard number.kind == .finite else { return }
            if number.exponent > 280, !number.doubleValue.isFinite { return }  // 28 digits at most
            let (_, count, exponent) = number.normalized
            // `Decimal('0.00').normalize()` is `0`: one digit, exponent 0.
            let places = count == 0 ? 0 : -exponent
            let whole = count == 0 ? 1 : count - places
            maxWholePlaces = max(maxWholePlaces, whole)
            maxDecimalPlaces = max(maxDecimalPlaces, places)
        }

        /// Both aggregations together, as if one had seen every value.
        mutating func merge(_ other: Precision) {
            maxWholePlaces = max(maxWholePlaces, other.maxWholePlaces)
            maxDecimalPlaces = max(maxDecimalPlaces, other.maxDecimalPlaces)
        }

        /// The decimal places agate reports. When whole plus decimal places exceed the context
        /// precision it reports `precision - whole`, which can be zero (an integer column for
        /// values with decimals) or negative (a float column for integers over 28 digits).
        var decimalPlaces: Int {
            if maxWholePlaces + maxDecimalPlaces > AgateNumber.precision {
                return AgateNumber.precision - maxWholePlaces
            }
            return maxDecimalPlaces
        }

        /// `"float8" if decimals else "integer"`: any non-zero count makes a float column.
        var isFloat: Bool { decimalPlaces != 0 }
    }

    /// The value Weir loads for this number. Finite values in an integer column are integers
    /// when whole and within `Int64` (what SQLite's INT affinity keeps), else doubles (SQLite
    /// stores such text as REAL); in a float column, doubles. NaN and infinities stay text as
    /// dbt-sqlite binds them (`str(Decimal)`), since SQLite keeps them as TEXT.
    func warehouseValue(integerColumn: Bool) -> WarehouseValue {
        switch kind {
        case .nan, .infinity: return .text(specialText)
        case .finite:
            if integerColumn, let value = int64Value { return .integer(value) }
            return .real(doubleValue)
        }
    }
}
