import Testing
@testable import RecData

@Suite struct InteractionReaderTests {
    func read(_ text: String, _ configure: (inout InteractionReader.Options) -> Void = { _ in }) throws
        -> (Interactions, InteractionReader.Report, IDMap, IDMap)
    {
        var options = InteractionReader.Options()
        configure(&options)
        var users = IDMap(), items = IDMap()
        let (interactions, report) = try InteractionReader(options: options)
            .read(TextSource(name: "ratings.tsv", text: text), users: &users, items: &items)
        return (interactions, report, users, items)
    }

    @Test func columnsByHeaderName() throws {
        let text = "user\titem\tcategory\trating\thelpfulness\ttimestamp\n7\t92\t24\t5\t4\t959670000\n8\t93\t4\t3\t4\t959756400\n"
        let (r, report, users, items) = try read(text) { $0.feedback = .explicit(min: 1, max: 5) }
        #expect(report.rows == 2)
        #expect(r.values == [5, 3])
        #expect(r.timestamps == [959_670_000, 959_756_400])
        #expect(users.externalIDs == ["7", "8"])
        #expect(items.externalIDs == ["92", "93"])
    }

    @Test func columnsByPositionWithoutHeader() throws {
        let (r, _, _, _) = try read("1 1 2\n1 2 4\n2 1 3.5\n") { $0.feedback = .explicit(min: 0.5, max: 4) }
        #expect(r.values == [2, 4, 3.5])
        #expect(r.timestamps == nil)
        let (swapped, _, users, _) = try read("i1,u1\ni2,u2\n") { $0.user = .position(1); $0.item = .position(0) }
        #expect(users.externalIDs == ["u1", "u2"])
        #expect(swapped.values == [1, 1])
    }

    @Test func ratingOutsideRangeNamesFileAndLine() {
        #expect(throws: InputError(file: "ratings.tsv", line: 3, "rating 0 is outside the declared range 1–5")) {
            try read("user item rating\n1 1 5\n1 2 0\n") { $0.feedback = .explicit(min: 1, max: 5) }
        }
    }

    @Test func invalidValuesAreErrors() {
        #expect(throws: InputError(file: "ratings.tsv", line: 1, "value 'NaN' is not a finite number")) { try read("1 1 NaN\n") }
        #expect(throws: InputError(file: "ratings.tsv", line: 2, "value 'abc' is not a finite number")) { try read("1 1 3\n1 2 abc\n") }
        #expect(throws: InputError(file: "ratings.tsv", line: 1, "value -2.0 is negative; implicit feedback must be ≥ 0")) { try read("1 1 -2\n") }
        #expect(throws: InputError(file: "ratings.tsv", line: 2, "expected at least 3 columns, found 2")) { try read("1 1 3\n1 2\n") }
        #expect(throws: InputError(file: "ratings.tsv", line: 1, "timestamp '12.5' is not an integer (Unix seconds)")) { try read("1 1 3 12.5\n") }
        #expect(throws: InputError(file: "ratings.tsv", "no interactions: the file has no data lines")) { try read("user item\n") }
    }

    @Test func skipBadCountsAndKeepsTheRest() throws {
        let (r, report, _, _) = try read("1 1 5\n1 2 0\n2 1 x\n2 2 4\n") {
            $0.feedback = .explicit(min: 1, max: 5)
            $0.skipBad = true
        }
        #expect(r.count == 2)
        #expect(report.skipped == 2)
        #expect(report.skippedExamples == ["ratings.tsv:2: rating 0 is outside the declared range 1–5",
                                           "ratings.tsv:3: value 'x' is not a finite number"])
    }

    @Test func duplicatesKeepTheLatest() throws {
        // With timestamps, the latest wins wherever it is in the file.
        let (timed, report, _, _) = try read("1 1 3 200\n1 1 5 100\n1 2 4 50\n") { $0.feedback = .explicit(min: 1, max: 5) }
        #expect(timed.values == [3, 4])
        #expect(timed.timestamps == [200, 50])
        #expect(report.duplicatesMerged == 1)
        // Without, the last row in the file wins.
        let (plain, plainReport, _, _) = try read("1 1 3\n1 1 5\n") { $0.feedback = .explicit(min: 1, max: 5) }
        #expect(plain.values == [5])
        #expect(plainReport.duplicatesMerged == 1)
    }

    @Test func namedColumnThatIsMissing() {
        #expect(throws: InputError(file: "ratings.tsv", "no column named 'stars' in the header (user, item, rating)")) {
            try read("user item rating\n1 1 5\n") { $0.value = .name("stars") }
        }
    }

    @Test func itemNamesWithSpacesAndTabs() throws {
        var items = IDMap()
        let tabbed = try ItemCatalogueReader().read(
            TextSource(name: "artists.dat", text: "id\tname\turl\n1\tMALICE MIZER\thttp://x\n2\tDiary of Dreams\thttp://y\n"), items: &items)
        #expect(tabbed[0] == "MALICE MIZER" && tabbed[1] == "Diary of Dreams")
        var categories = IDMap()
        let spaced = try ItemCatalogueReader().read(TextSource(name: "catalog.txt", text: "1 DVDs\r\n2 Home & Garden\r\n"), items: &categories)
        #expect(spaced[1] == "Home & Garden")
    }
}
