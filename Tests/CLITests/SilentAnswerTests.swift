import Foundation
import Testing
import TestSupport

/// Answers that used to be wrong without a word: duplicated items scored twice, short lists, one
/// unknown user failing a whole batch, an empty query file scoring zero.
@Suite struct SilentAnswerTests {
    @Test func scoreCountsAnItemOnceAndNeedsQueries() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("query.tsv", "u1\ti1\nu1\ti2\n")
        try dir.write("dup.tsv", "user\titem\trank\tscore\n" + (1...10).map { "u1\ti1\t\($0)\t1\n" }.joined())
        let dup = try CLI.run(["score", "--topk", "dup.tsv", "--query", "query.tsv", "--json"], in: dir.url)
        #expect(dup.status == 0, "\(dup.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(dup.stdout.utf8)) as! [String: Any]
        #expect((summary["recall"] as! Double) == 0.5)
        #expect((summary["ndcg"] as! Double) <= 1)
        // The header-only file that `recommend --format tsv` writes when nobody is listed.
        try dir.write("header.tsv", "user\titem\trank\tscore\n")
        let header = try CLI.run(["score", "--topk", "header.tsv", "--query", "query.tsv"], in: dir.url)
        #expect(header.status == 0, "\(header.stderr)")
        #expect(header.stdout.contains("users 1 (1 without recommendations)"))
        try dir.write("empty.tsv", "")
        let empty = try CLI.run(["score", "--topk", "dup.tsv", "--query", "empty.tsv"], in: dir.url)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty.tsv: no query interactions"))
    }

    @Test func exactlyKItemsAndUnknownUsersInABatch() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try ReadOnlyTests.imported(dir)
        #expect(try CLI.run(["train", "--db", "a.db", "--epochs", "1"], in: dir.url).status == 0)
        let known = try String(contentsOfFile: Datasets.projectRoot.appendingPathComponent("data/interactions.tsv").path, encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("u001\t") }.count
        for k in [360, 1_000] {
            let listed = try CLI.run(["recommend", "u001", "-k", String(k), "--format", "tsv", "--db", "a.db"], in: dir.url)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.split(separator: "\n").count - 1 == min(k, 400 - known), "k = \(k)")
        }
        try dir.write("cohort.txt", "u001\nstranger\nu002\n")
        let batch = try CLI.run(["recommend", "--users", "cohort.txt", "-k", "3", "--format", "tsv", "--db", "a.db"], in: dir.url)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.split(separator: "\n").count == 1 + 3 * 3)
        #expect(batch.stderr.contains("1 unknown user(s) ('stranger') got the most popular items"))
        let skipped = try CLI.run(["recommend", "--users", "cohort.txt", "-k", "3", "--format", "tsv", "--unknown-users", "skip",
                                   "--db", "a.db"], in: dir.url)
        #expect(skipped.stdout.split(separator: "\n").count == 1 + 2 * 3)
        let strict = try CLI.run(["recommend", "--users", "cohort.txt", "--unknown-users", "error", "--db", "a.db"], in: dir.url)
        #expect(strict.status == 1 && strict.stdout.isEmpty)
        #expect(strict.stderr.contains("no user 'stranger'"))
    }

    @Test func newcomersAndImportColumnsAreChecked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try TrainRecommendTests.importSample(dir, db: "a.db")
        try dir.write("twice.tsv", "newbie\ta001\nnewbie\ta001\n")
        let twice = try CLI.run(["recommend", "--support", "twice.tsv", "--db", "a.db", "-k", "2"], in: dir.url)
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stdout.contains("newbie (1 known items"), "\(twice.stdout)")
        try dir.write("taken.tsv", "u001\ta001\n")
        let taken = try CLI.run(["recommend", "--support", "taken.tsv", "--db", "a.db"], in: dir.url)
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("taken.tsv:1: 'u001' is already a user in the database"), "\(taken.stderr)")
        try dir.write("edges.tsv", "a\tb\n")
        let sameColumn = try CLI.run(["import", "--db", "b.db", "--graph", "edges.tsv", "--graph-columns", "1,1"], in: dir.url)
        #expect(sameColumn.status == 1 && sameColumn.stderr.contains("--graph-columns names one column twice"))
        let sameInteractionColumn = try CLI.run(["import", "--db", "b.db", "--interactions", "edges.tsv", "--user-column", "2",
                                                 "--item-column", "2"], in: dir.url)
        #expect(sameInteractionColumn.status == 1 && sameInteractionColumn.stderr.contains("both name column 2"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("b.db")))
    }

    @Test func aNewcomersRatingFollowsTheDatasetsScale() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("edges.tsv", "u1\tu2\nu2\tu3\n")
        try dir.write("ratings.tsv", "u1\ti1\t4\nu2\ti2\t5\nu3\ti1\t1\nu3\ti3\t3\n")
        #expect(try CLI.run(["import", "--graph", "edges.tsv", "--interactions", "ratings.tsv", "--rating-range", "1:5"],
                            in: dir.url).status == 0)
        try dir.write("new.tsv", "newbie\ti1\t99\n")
        let wild = try CLI.run(["recommend", "--support", "new.tsv", "--method", "most-popular"], in: dir.url)
        #expect(wild.status == 1)
        #expect(wild.stderr.contains("new.tsv:1: rating 99 is outside the dataset's range 1.0–5.0"), "\(wild.stderr)")
    }
}
