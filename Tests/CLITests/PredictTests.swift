import Foundation
import Testing
import TestSupport

@Suite struct PredictTests {
    @Test func predictsRatingsOnTheScaleAndExplainsMistakes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var ratings = ""
        for u in 1...30 { for i in 1...8 where (u + i) % 3 != 0 { ratings += "u\(u) i\(i) \(Double((u * i) % 8 + 1) / 2)\n" } }
        try dir.write("ratings.txt", ratings)
        try dir.write("trust.txt", (1...29).map { "u\($0) u\($0 + 1)" }.joined(separator: "\n") + "\n")
        #expect(try CLI.run(["import", "--graph", "trust.txt", "--interactions", "ratings.txt", "--rating-range", "0.5:4"], in: dir.url).status == 0)
        try dir.write("pairs.tsv", "u1\ti3\nu2\ti1\n")
        for method in ["social-mf", "item-mean"] {
            let result = try CLI.run(["predict", "--pairs", "pairs.tsv", "--method", method], in: dir.url)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.first == "user\titem\tscore")
            #expect(lines.count == 3)
            for line in lines.dropFirst() {
                let score = Double(line.split(separator: "\t")[2])!
                #expect(score >= 0.5 && score <= 4)
            }
        }
        let ranker = try CLI.run(["predict", "--pairs", "pairs.tsv", "--method", "item-knn"], in: dir.url)
        #expect(ranker.status != 0)
        #expect(ranker.stderr.contains("item-knn ranks items but does not predict ratings; use social-mf or item-mean"))
        // Every baseline of the registry serves `recommend --method`; the meta-learners come from `train`.
        for method in ["item-knn", "user-knn", "ials", "social-mf", "item-mean", "most-popular", "social-popularity"] {
            let result = try CLI.run(["recommend", "u1", "-k", "3", "--format", "tsv", "--method", method], in: dir.url)
            #expect(result.status == 0, "\(method): \(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 4, "\(method): \(result.stdout)")
        }
        let untrained = try CLI.run(["recommend", "u1", "--method", "social-maml"], in: dir.url)
        #expect(untrained.status != 0)
        #expect(untrained.stderr.contains("social-maml"), "\(untrained.stderr)")
        try dir.write("bad.tsv", "u1\ti3\nnobody\ti1\n")
        let bad = try CLI.run(["predict", "--pairs", "bad.tsv"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "socialrec: bad.tsv:2: unknown user 'nobody'\n")

        try dir.write("plays.tsv", "a x 3\nb y 1\n")
        #expect(try CLI.run(["import", "--db", "implicit.db", "--interactions", "plays.tsv"], in: dir.url).status == 0)
        let implicit = try CLI.run(["predict", "--pairs", "pairs.tsv", "--db", "implicit.db"], in: dir.url)
        #expect(implicit.status != 0)
        #expect(implicit.stderr.contains("predict needs ratings"))
    }
}
