import Testing
@testable import RecData

@Suite struct NumberParsingTests {
    func parse(_ s: String) -> Double? {
        var copy = s
        return copy.withUTF8 { NumberParsing.double($0) }
    }

    @Test func decimalsAndExponents() {
        #expect(parse("3") == 3)
        #expect(parse("-0.5") == -0.5)
        #expect(parse("+4.25") == 4.25)
        #expect(parse("3.5") == 3.5)
        #expect(parse("1e3") == 1000)
        #expect(parse("2.5E-2") == 0.025)
        #expect(parse(".5") == 0.5)
        #expect(parse("352698") == 352_698)
        #expect(parse("0.1") == 0.1)
        #expect(parse("12345678901234567890") == Double("12345678901234567890"))
    }

    @Test func rejectsWhatIsNotAFiniteNumber() {
        for bad in ["", "-", ".", "nan", "NaN", "inf", "-Infinity", "1e", "3,5", "1.2.3", "12a", "1e999", "0x10"] {
            #expect(parse(bad) == nil, "\(bad) should be rejected")
        }
    }

    @Test func integers() {
        func int(_ s: String) -> Int64? { var c = s; return c.withUTF8 { NumberParsing.int64($0) } }
        #expect(int("959670000") == 959_670_000)
        #expect(int("-12") == -12)
        #expect(int("1.5") == nil)
        #expect(int("99999999999999999999") == nil)
        #expect(int("") == nil)
    }
}
