import Testing
import TestSupport
@testable import RecData
@testable import SocialGraphModule

/// Exact counts from ../shared/datasets/README.md, after the documented cleaning.
@Suite(.enabled(if: Datasets.available, "\(Datasets.skipReason ?? "")"))
struct RealDatasetTests {
    @Test func lastfmFriendsUndirectedWithPlayCountsAndNames() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("lastfm-2k/user_friends.dat")
        reader.undirected = true
        reader.interactionsFile = Datasets.path("lastfm-2k/user_artists.dat")
        reader.itemsFile = Datasets.path("lastfm-2k/artists.dat")
        let (data, report) = try reader.read()
        #expect(report.edgeRows == 25_434)
        #expect(report.selfLoopsDropped == 0)
        #expect(report.duplicateEdgesMerged == 12_717)  // each friendship is listed both ways
        #expect(data.graph.edgeCount == 12_717)
        #expect(data.graph.arcCount == 25_434)
        #expect(data.users.count == 1_892)
        #expect(data.items.count == 17_632)
        #expect(data.interactions.count == 92_834)
        #expect(report.namedItems == 17_632)
        let stats = DatasetStatistics(data)
        #expect(stats.usersWithoutFriends == 0)
        #expect(stats.outDegree.median == 6)
        #expect(stats.interactionsPerUser.max == 50)
        #expect(data.interactions.values.max() == 352_698)
        #expect(data.itemName(data.items.index(of: "1")!) == "MALICE MIZER")
    }

    @Test func filmtrustRatingsAndDirectedTrust() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("filmtrust/trust.txt")
        reader.interactionsFile = Datasets.path("filmtrust/ratings.txt")
        reader.interactionOptions.feedback = .explicit(min: 0.5, max: 4)
        let (data, report) = try reader.read()
        #expect(report.edgeRows == 1_853)
        #expect(data.graph.edgeCount == 1_853)
        #expect(data.graph.isWeighted)  // the third column is a trust value of 1
        #expect(report.interactionRows == 35_497)
        #expect(report.duplicateInteractionsMerged == 3)
        #expect(data.interactions.count == 35_494)
        #expect(Set(data.interactions.users).count == 1_508)
        #expect(data.items.count == 2_071)
        let stats = DatasetStatistics(data)
        #expect(stats.graphNodes == 874)
        #expect(data.users.count == 1_642)  // 1,508 raters + 134 trust-only nodes
        #expect(stats.usersWithoutInteractions == 134)
        #expect(1_508 - (874 - 134) == 768)
        #expect(stats.usersWithoutFriends == 768)  // only 740 raters appear in the trust graph
    }

    @Test func ciaoRejectsZeroRatingsWithFileAndLine() throws {
        var reader = DatasetReader()
        reader.interactionsFile = Datasets.path("ciao/ratings.tsv")
        reader.interactionOptions.feedback = .explicit(min: 1, max: 5)
        #expect {
            try reader.read()
        } throws: { error in
            let message = String(describing: error)
            return message.hasPrefix(Datasets.path("ciao/ratings.tsv") + ":") && message.hasSuffix("rating 0 is outside the declared range 1–5")
        }
    }

    @Test func ciaoWithSkipBad() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("ciao/trust.tsv")
        reader.interactionsFile = Datasets.path("ciao/ratings.tsv")
        reader.interactionOptions.feedback = .explicit(min: 1, max: 5)
        reader.interactionOptions.skipBad = true
        let (data, report) = try reader.read()
        #expect(report.edgeRows == 111_781)
        #expect(data.graph.edgeCount == 111_781)
        #expect(report.interactionRows == 284_086)
        #expect(report.interactionsSkipped == 34)
        // 1,436 duplicate rows in the raw file; 3 of them involve a skipped 0 rating.
        #expect(report.duplicateInteractionsMerged == 1_433)
        #expect(data.interactions.count == 282_619)
        #expect(Set(data.interactions.users).count == 7_375)
        #expect(Set(data.interactions.items).count == 105_096)  // 18 items had only 0 ratings
        #expect(data.interactions.timestamps?.count == 282_619)
        let stats = DatasetStatistics(data)
        #expect(stats.graphNodes == 7_317)
        // 583 raters have no outgoing trust; some of them are trusted by others.
        let trusting = Set((0..<Int32(data.users.count)).filter { data.graph.outDegree($0) > 0 })
        #expect(Set(data.interactions.users).subtracting(trusting).count == 583)
    }

    @Test func slashdotGzipSnap() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("slashdot/soc-Slashdot0902.txt.gz")
        let (data, report) = try reader.read()
        #expect(report.edgeRows == 948_464)
        #expect(report.selfLoopsDropped == 78_303)
        #expect(report.duplicateEdgesMerged == 0)
        #expect(data.graph.nodeCount == 82_168)
        #expect(data.graph.edgeCount == 870_161)
        #expect(abs(data.graph.reciprocity - 731_862.0 / 870_161.0) < 1e-12)
        #expect(Double(data.graph.storageBytes) / Double(data.graph.arcCount) <= 12)
    }

    @Test func facebookUndirectedGzip() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("facebook/facebook_combined.txt.gz")
        reader.undirected = true
        let (data, _) = try reader.read()
        #expect(data.graph.nodeCount == 4_039)
        #expect(data.graph.edgeCount == 88_234)
    }
}

@Test func datasetsArePresentOnCI() {
    if Datasets.isCI { #expect(Datasets.available, "CI=true but \(Datasets.root.path) is missing") }
}
