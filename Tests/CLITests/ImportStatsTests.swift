import Foundation
import Testing
import TestSupport

@Suite struct ImportStatsTests {
    @Test func generateImportStatsOnTheSample() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let generated = try CLI.run(["generate", "--out", "sample", "--users", "120", "--items", "150", "--seed", "3"], in: dir.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        let imported = try CLI.run(["import", "--graph", "sample/edges.tsv", "--undirected",
                                    "--interactions", "sample/interactions.tsv", "--items", "sample/items.tsv"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("150 items"))
        #expect(imported.stdout.contains("items         sample/items.tsv: 150 names"))
        #expect(imported.stderr.isEmpty, "no progress line when piped: \(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("socialrec.db")))

        let stats = try CLI.run(["stats", "--json"], in: dir.url)
        #expect(stats.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        #expect(json["users"] as? Int == 120)
        #expect(json["items"] as? Int == 150)
        #expect(json["directed"] as? Bool == false)
        #expect(json["reciprocity"] as? Double == 1)
        let table = try CLI.run(["stats"], in: dir.url)
        #expect(table.stdout.contains("users without friends"))
    }

    @Test func badRatingStopsWithFileLineAndLeavesNoDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("ratings.tsv", "user\titem\trating\nu1\ti1\t4\nu1\ti2\t9\n")
        let result = try CLI.run(["import", "--interactions", "ratings.tsv", "--rating-range", "1:5", "--db", "r.db"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "socialrec: ratings.tsv:3: rating 9 is outside the declared range 1–5\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.path("r.db")))

        let skipped = try CLI.run(["import", "--interactions", "ratings.tsv", "--rating-range", "1:5", "--skip-bad", "--db", "r.db"], in: dir.url)
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("3 rows") == false)
        #expect(skipped.stdout.contains("2 rows, 1 skipped"))
        #expect(skipped.stdout.contains("skipped ratings.tsv:3: rating 9 is outside the declared range 1–5"))
    }

    @Test func failedReimportLeavesTheDatabaseUntouched() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("good.tsv", "a\tb\nb\tc\n")
        try dir.write("bad.tsv", "a\tb\t1\nb\tc\tlots\n")
        #expect(try CLI.run(["import", "--graph", "good.tsv"], in: dir.url).status == 0)
        let before = try CLI.run(["stats", "--json"], in: dir.url).stdout
        let again = try CLI.run(["import", "--graph", "good.tsv"], in: dir.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a dataset (3 users, 0 items); pass --replace"))
        let bad = try CLI.run(["import", "--graph", "bad.tsv", "--replace"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "socialrec: bad.tsv:2: weight 'lots' is not a finite number\n")
        #expect(try CLI.run(["stats", "--json"], in: dir.url).stdout == before)
    }

    @Test func missingFileAndEmptyDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let missing = try CLI.run(["import", "--graph", "nope.tsv"], in: dir.url)
        #expect(missing.status == 1)
        #expect(missing.stderr == "socialrec: nope.tsv: no such file\n")
        let stats = try CLI.run(["stats", "--db", "empty.db"], in: dir.url)
        #expect(stats.status == 1)
        #expect(stats.stderr.contains("empty.db: no such database; run `socialrec import` first"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("empty.db")))
        let usage = try CLI.run(["import"], in: dir.url)
        #expect(usage.status != 0)
        #expect(usage.stderr.contains("Give --graph, --interactions, or both."))
    }

    @Test(.enabled(if: Datasets.available)) func importsLastfmAsAUserWould() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let result = try CLI.run(["import", "--graph", Datasets.path("lastfm-2k/user_friends.dat"), "--undirected",
                                  "--interactions", Datasets.path("lastfm-2k/user_artists.dat"),
                                  "--items", Datasets.path("lastfm-2k/artists.dat")], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("25,434 rows, 0 self-loops dropped, 12,717 duplicate edges merged"))
        #expect(result.stdout.contains("1,892 nodes, 12,717 undirected edges"))
        #expect(result.stdout.contains("1,892 users, 17,632 items, 92,834 interactions (implicit)"))
    }
}
