import Testing
@testable import RecData

@Suite struct RecordScannerTests {
    /// All records as (line, fields).
    func records(_ text: String, format: TableFormat = TableFormat()) throws -> (RecordScanner, [(Int, [String])]) {
        let scanner = RecordScanner(TextSource(name: "t.txt", text: text), format: format)
        var out: [(Int, [String])] = []
        try scanner.forEachRecord { r in out.append((r.line, (0..<r.count).map { r.string($0) })) }
        return (scanner, out)
    }

    @Test func snapCommentsAndTabs() throws {
        let (scanner, rows) = try records("# Directed graph\n# FromNodeId\tToNodeId\n0\t1\n1\t2\n")
        #expect(scanner.delimiter == .tab)
        #expect(scanner.headerFields == nil)
        #expect(rows.map(\.0) == [3, 4])
        #expect(rows.map(\.1) == [["0", "1"], ["1", "2"]])
    }

    @Test func konectPercentComments() throws {
        let (_, rows) = try records("% sym unweighted\n% 3 2 2\n1 2\n2 3\n")
        #expect(rows.map(\.1) == [["1", "2"], ["2", "3"]])
    }

    @Test func crlfBomAndBlankLines() throws {
        let (scanner, rows) = try records("\u{FEFF}source,target,weight\r\n\r\na,b,2\r\nb,c,3\r\n")
        #expect(scanner.delimiter == .comma)
        #expect(scanner.headerFields == ["source", "target", "weight"])
        #expect(rows.map(\.1) == [["a", "b", "2"], ["b", "c", "3"]])
        #expect(rows.map(\.0) == [3, 4])
    }

    @Test func whitespaceRunsAndSemicolons() throws {
        #expect(try records("1   2  0.5\n3\t 4 1\n").1.map(\.1) == [["1", "2", "0.5"], ["3", "4", "1"]])
        let (scanner, rows) = try records("a;b\nc;d\n")
        #expect(scanner.delimiter == .semicolon)
        #expect(rows.map(\.1) == [["a", "b"], ["c", "d"]])
    }

    @Test func quotedCSVFields() throws {
        let (_, rows) = try records("\"a, b\",\"say \"\"hi\"\"\",3\n")
        #expect(rows.first?.1 == ["a, b", "say \"hi\"", "3"])
    }

    @Test func headerDetection() throws {
        #expect(try records("userID\tartistID\tweight\n2\t51\t13883\n").0.headerFields == ["userID", "artistID", "weight"])
        #expect(try records("1 1 2\n1 2 4\n").0.headerFields == nil)
        // Words over words: only known column names make a header.
        #expect(try records("user friend\nalice bob\n").0.headerFields == ["user", "friend"])
        #expect(try records("carol dave\nalice bob\n").0.headerFields == nil)
        #expect(try records("carol dave\nalice bob\n", format: TableFormat(header: .present)).0.headerFields == ["carol", "dave"])
        #expect(try records("user item\n", format: TableFormat(header: .absent)).1.count == 1)
    }

    @Test func emptyAndCommentOnlyFilesHaveNoRecords() throws {
        #expect(try records("").1.isEmpty)
        #expect(try records("# nothing\n% here\n\n").1.isEmpty)
    }
}
