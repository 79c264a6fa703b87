/// Byte-level number parsing for the readers' hot loops (no String is made for a plain number).
public enum NumberParsing {
    /// Powers of ten that a Double holds exactly: mantissa × or ÷ one of them rounds correctly.
    @usableFromInline static let exactPowersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Whether a leading `-` makes the number negative, and where its digits start (after a sign).
    @inlinable @inline(__always)
    static func sign(_ field: UnsafeBufferPointer<UInt8>) -> (negative: Bool, start: Int) {
        guard let first = field.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else { return (false, 0) }
        return (first == UInt8(ascii: "-"), 1)
    }

    /// Parses a decimal number such as `3`, `-0.5`, `4.0e2`. Returns nil for anything else, including
    /// `nan` and `inf`, which are never valid values in an input file.
    @inlinable
    public static func double(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = field.count
        guard n > 0 else { return nil }
        let (negative, start) = sign(field)
        var i = start
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < n, field[i] &- 48 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(field[i] &- 48); if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            sawDigit = true
            i += 1
        }
        if i < n, field[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, field[i] &- 48 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(field[i] &- 48); exponent -= 1; if mantissa > 0 { digits += 1 } }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, field[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
                expNegative = field[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var sawExpDigit = false
            while i < n, field[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(field[i] &- 48) }
                sawExpDigit = true
                i += 1
            }
            guard sawExpDigit else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        var value: Double
        if digits <= 15 && abs(exponent) <= 22 {
            value = Double(mantissa)
            value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        } else {
            // Rare long or extreme numbers: let the standard library round them correctly.
            guard let slow = Double(String(decoding: field, as: UTF8.self)) else { return nil }
            value = abs(slow)
        }
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }

    /// Parses an optionally signed integer; nil for anything else or on overflow.
    @inlinable
    public static func int64(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = field.count
        guard n > 0 else { return nil }
        let (negative, start) = sign(field)
        var i = start
        guard i < n else { return nil }
        var value: Int64 = 0
        while i < n {
            let d = field[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return negative ? -value : value
    }

    /// True when a field reads as a number (used to tell a header line from data).
    @inlinable
    public static func isNumber(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        double(field) != nil
    }

    /// True when a field is written as a number, finite or not (`3`, `NaN`, `inf`, `1e999`): what
    /// tells a numeric column from a word when detecting a header or a weight column, so that a value
    /// the readers will reject is reported rather than taken for a column name or ignored.
    public static func looksNumeric(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if double(field) != nil { return true }
        // Double(String) also reads hexadecimal (`0x1F`), which no reader takes as a number.
        let text = String(decoding: field, as: UTF8.self)
        return Double(text) != nil && !text.contains(where: { $0 == "x" || $0 == "X" })
    }
}
