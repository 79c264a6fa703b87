import Foundation
import Testing
import TestSupport
@testable import SampleData

@Suite struct SampleCommunityTests {
    @Test func friendsShareTasteGroups() {
        var p = SampleCommunity.Parameters()
        p.users = 200
        p.seed = 11
        let c = SampleCommunity(p)
        let group = Dictionary(uniqueKeysWithValues: (0..<p.users).map { (String(format: "u%03d", $0 + 1), c.groupOfUser[$0]) })
        let within = c.edges.filter { group[$0.a] == group[$0.b] }.count
        // Expected 7 friends in-group and 1.5 across: far more than the 1/6 chance would give.
        #expect(Double(within) / Double(c.edges.count) > 0.7)
        let perUser = Dictionary(grouping: c.interactions, by: \.user).mapValues(\.count)
        let cold = (0..<p.users).filter { (perUser[String(format: "u%03d", $0 + 1)] ?? 0) <= 3 }.count
        #expect(cold >= 20 && cold <= 70, "about 20% cold users, got \(cold)")
    }

    @Test func sameSeedSameSample() {
        var p = SampleCommunity.Parameters()
        p.users = 50
        let a = SampleCommunity(p), b = SampleCommunity(p)
        #expect(a.interactions.map(\.item) == b.interactions.map(\.item))
        p.seed = 8
        #expect(SampleCommunity(p).interactions.map(\.item) != a.interactions.map(\.item))
    }

    /// `data/` is exactly what `socialrec generate --out data --seed 7` writes.
    @Test func bundledSampleIsTheGeneratorsOutput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try SampleCommunity().write(to: dir.url)
        for file in ["edges.tsv", "interactions.tsv", "items.tsv"] {
            let bundled = try Data(contentsOf: Datasets.projectRoot.appendingPathComponent("data/\(file)"))
            #expect(try Data(contentsOf: dir.url.appendingPathComponent(file)) == bundled, "data/\(file) is stale: regenerate it")
        }
    }
}
