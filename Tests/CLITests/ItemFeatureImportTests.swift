import Foundation
import Testing
import TestSupport

/// Item features go in with `import` and come back out through `stats`, with the counts an
/// independent reading of the files gives (a Python pass over the same files, 2026-12-02).
@Suite struct ItemFeatureImportTests {
    static func features(_ dir: TemporaryDirectory) throws -> [String: Any] {
        let stats = try CLI.run(["stats", "--json"], in: dir.url)
        #expect(stats.status == 0, "\(stats.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        return try #require(json["itemFeatures"] as? [String: Any], "no itemFeatures in \(stats.stdout)")
    }

    @Test(.enabled(if: Datasets.available)) func ciaoCategoriesFromTheRatingsFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let imported = try CLI.run(["import", "--graph", Datasets.path("ciao/trust.tsv"), "--interactions", Datasets.path("ciao/ratings.tsv"),
                                    "--rating-range", "1:5", "--skip-bad", "--item-category-column", "category"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        // The 18 rows whose item has no valid rating (each rated 0) name an item the data lacks.
        #expect(imported.stdout.contains("284,086 rows, 28 features, 105,201 (item, feature) pairs on 105,096 items"), "\(imported.stdout)")
        #expect(imported.stdout.contains("18 rows name an item not in the interactions or the catalogue"))
        let f = try Self.features(dir)
        #expect(f["features"] as? Int == 28)
        #expect(f["pairs"] as? Int == 105_201)
        #expect(f["itemsWithFeatures"] as? Int == 105_096)
        #expect(f["itemsWithoutFeatures"] as? Int == 0)
        #expect((f["featuresPerItem"] as? [String: Any])?["max"] as? Int == 3)
    }

    @Test(.enabled(if: Datasets.available)) func lastfmTagsWeightedByHowManyGaveThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let imported = try CLI.run(["import", "--graph", Datasets.path("lastfm-2k/user_friends.dat"), "--undirected",
                                    "--interactions", Datasets.path("lastfm-2k/user_artists.dat"), "--items", Datasets.path("lastfm-2k/artists.dat"),
                                    "--item-features", Datasets.path("lastfm-2k/user_taggedartists.dat"),
                                    "--item-feature-columns", "artistID,tagID"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("186,479 rows, 9,718 features, 108,437 (item, feature) pairs on 12,133 items"), "\(imported.stdout)")
        #expect(imported.stdout.contains("1,538 rows name an item not in the interactions or the catalogue"))
        let f = try Self.features(dir)
        #expect(f["features"] as? Int == 9_718)
        #expect(f["pairs"] as? Int == 108_437)
        #expect(f["itemsWithFeatures"] as? Int == 12_133)
        #expect(f["itemsWithoutFeatures"] as? Int == 5_499)
        #expect((f["featuresPerItem"] as? [String: Any])?["max"] as? Int == 329)
    }

    @Test func weightsAddUpAndBadLinesSayWhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("plays.tsv", "u1\ti1\t3\nu1\ti2\t1\nu2\ti2\t5\n")
        let text = "# item feature weight\ni1\trock\t2\ni1\trock\t1.5\ni2\tjazz\t1\nghost\tjazz\t1\n"
        try Data(try gzipped(text)).write(to: dir.url.appendingPathComponent("features.tsv.gz"))
        let imported = try CLI.run(["import", "--interactions", "plays.tsv", "--item-features", "features.tsv.gz"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("4 rows, 2 features, 2 (item, feature) pairs on 2 items"), "\(imported.stdout)")
        #expect(imported.stdout.contains("1 rows name an item not in the interactions or the catalogue (skipped), e.g. 'ghost'"))
        #expect(try Self.features(dir)["pairs"] as? Int == 2)

        try dir.write("bad.tsv", "i1\trock\t2\ni2\tjazz\tlots\n")
        let bad = try CLI.run(["import", "--db", "bad.db", "--interactions", "plays.tsv", "--item-features", "bad.tsv"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "socialrec: bad.tsv:2: weight 'lots' is not a finite number ≥ 0\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("bad.db")))
        let both = try CLI.run(["import", "--db", "x.db", "--interactions", "plays.tsv", "--item-features", "bad.tsv",
                                "--item-category-column", "3"], in: dir.url)
        #expect(both.status != 0 && both.stderr.contains("not both"))
        let missing = try CLI.run(["import", "--db", "x.db", "--interactions", "plays.tsv", "--item-features", "features.tsv.gz",
                                   "--item-feature-columns", "item,colour"], in: dir.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("features.tsv.gz: column 'item' named, but the file has no header line"), "\(missing.stderr)")
    }
}
