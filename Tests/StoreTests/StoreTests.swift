import Foundation
import GRDB
import Testing
import TestSupport
@testable import RecData
@testable import SocialGraphModule
@testable import Store

@Suite struct StoreTests {
    static func sample(_ text: String = "a b 2\nb c 1\nc a 1\nd a 1\n") throws -> SocialDataset {
        var reader = DatasetReader()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        reader.graphFile = try dir.write("edges.txt", text)
        reader.interactionsFile = try dir.write("ratings.tsv", "user\titem\trating\ttime\na\tx\t5\t10\nb\tx\t3\t11\nb\ty\t4\t12\ne\tz\t1\t13\n")
        reader.interactionOptions.feedback = .explicit(min: 1, max: 5)
        reader.itemsFile = try dir.write("items.tsv", "x\tThe \"X\" <band>\ny\tCafé Ÿ\n")
        // Repeated pairs add up (x: rock 2 + 1.5); the unknown item is left out.
        reader.itemFeaturesFile = try dir.write("features.tsv", "x\trock\t2\nx\tpop\t1\nx\trock\t1.5\nz\tjazz\t4\nghost\tjazz\t1\n")
        return try reader.read().0
    }

    /// Every row of every table, to compare a database before and after.
    static func dump(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try ["meta", "users", "items", "edges", "interactions", "features", "item_features", "checkpoints", "evaluation_runs"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table) \($0)" }
            }
        }
    }

    @Test func roundTripKeepsEverything() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let original = try Self.sample()
        let store = try SocialStore(path: dir.path("s.db"))
        #expect(try store.isEmpty())
        try store.importDataset(original)
        let loaded = try store.loadDataset()
        #expect(loaded.users == original.users)
        #expect(loaded.items == original.items)
        #expect(loaded.itemNames == original.itemNames)
        #expect(loaded.graph == original.graph)
        #expect(loaded.interactions.count == original.interactions.count)
        #expect(loaded.fingerprint == original.fingerprint)
        #expect(try store.metadata("fingerprint") == original.fingerprint)
        #expect(try store.metadata("feedback") == "explicit:1.0:5.0")
        #expect(loaded.itemName(loaded.items.index(of: "x")!) == "The \"X\" <band>")
        #expect(loaded.itemFeatures == original.itemFeatures)
        let x = loaded.items.index(of: "x")!
        let named = Dictionary(uniqueKeysWithValues: zip(loaded.itemFeatures.features(of: x).map { loaded.itemFeatures.features.externalID($0) },
                                                         loaded.itemFeatures.weights(of: x)))
        #expect(named == ["rock": 3.5, "pop": 1])
        #expect(loaded.itemFeatures.itemsWithFeatures == 2 && loaded.itemFeatures.assignmentCount == 3)
    }

    /// Training reads rows in order, so the files and the database must give the same rows in the same
    /// order: the library reading files and the command line reading the database train one model.
    @Test func filesAndDatabaseHoldRowsInOneOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var reader = DatasetReader()
        reader.graphFile = try dir.write("edges.txt", "a b\nb c\n")
        reader.interactionsFile = try dir.write("plays.tsv", "c\ty\t3\na\tz\t1\nc\tx\t2\na\ty\t5\nb\tz\t4\n")
        let original = try reader.read().0
        #expect(original.interactions.users == [0, 0, 1, 2, 2])
        #expect(original.interactions.values == [5, 1, 4, 3, 2])
        #expect(original.interactions.isInUserItemOrder && original.interactions.userItemOrder == Array(0..<5))
        let store = try SocialStore(path: dir.path("s.db"))
        try store.importDataset(original)
        #expect(try store.loadDataset().interactions == original.interactions)
    }

    @Test func undirectedAndUnweightedRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var reader = DatasetReader()
        reader.graphFile = try dir.write("e.txt", "1 2\n2 3\n3 1\n")
        reader.undirected = true
        let (data, _) = try reader.read()
        let store = try SocialStore(path: dir.path("u.db"))
        try store.importDataset(data)
        let loaded = try store.loadDataset()
        #expect(loaded.graph == data.graph)
        #expect(!loaded.graph.isDirected && loaded.graph.edgeCount == 3)
    }

    @Test func reimportIsRefusedUnlessReplacing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("r.db")
        let store = try SocialStore(path: path)
        try store.importDataset(try Self.sample())
        #expect(throws: StoreError.notEmpty(path: path, users: 5, items: 3)) { try store.importDataset(try Self.sample()) }
        let other = try Self.sample("a b 1\n")
        try store.importDataset(other, replace: true)
        #expect(try store.loadDataset().fingerprint == other.fingerprint)
    }

    @Test func importCancelledMidwayLeavesTheDatabaseExactlyAsBefore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("c.db")
        let store = try SocialStore(path: path)
        try store.importDataset(try Self.sample())
        let before = try Self.dump(path)
        // A bigger dataset, cancelled once half its rows are written.
        var text = ""
        for i in 0..<40_000 { text += "n\(i) n\((i * 7 + 1) % 40_000)\n" }
        let big = try Self.sample(text)
        struct Cancelled: Error {}
        #expect(throws: Cancelled.self) {
            try store.importDataset(big, replace: true) { done, total in if done > total / 2 { throw Cancelled() } }
        }
        #expect(try Self.dump(path) == before)
        // And the next import succeeds.
        try store.importDataset(big, replace: true)
        #expect(try store.loadDataset().graph.edgeCount == 40_000)
    }

    @Test func emptyDatabaseSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path("e.db")
        #expect(throws: StoreError.empty(path: path)) { try SocialStore(path: path).loadDataset() }
    }
}
