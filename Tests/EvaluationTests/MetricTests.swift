import Foundation
import Testing
@testable import Evaluation

@Suite struct MetricTests {
    let l2 = { (x: Double) in 1 / log2(x) }

    @Test func ndcgByHand() {
        // Hits at positions 1 and 3 of 3 relevant: DCG = 1 + 1/log2(4); IDCG = 1 + 1/log2(3) + 1/log2(4).
        let ndcg = RankingMetrics.ndcg([5, 9, 7, 8], relevant: [5, 7, 100])
        #expect(abs(ndcg - (1 + 0.5) / (1 + l2(3) + 0.5)) < 1e-12)
    }

    @Test func fewerRelevantThanN() {
        // One relevant item at position 2: ideal DCG counts one hit only.
        #expect(abs(RankingMetrics.ndcg([1, 2, 3], relevant: [2]) - l2(3)) < 1e-12)
        #expect(RankingMetrics.recall([1, 2, 3], relevant: [2]) == 1)
        #expect(RankingMetrics.hitRate([1, 2, 3], relevant: [2]) == 1)
        #expect(RankingMetrics.reciprocalRank([1, 2, 3], relevant: [2]) == 0.5)
    }

    @Test func cutOffAtN() {
        let ranked = Array(Int32(0)..<20)
        #expect(RankingMetrics.recall(ranked, relevant: [3, 15], at: 10) == 0.5)
        #expect(RankingMetrics.hitRate(ranked, relevant: [15], at: 10) == 0)
        #expect(RankingMetrics.ndcg(ranked, relevant: [15], at: 10) == 0)
        #expect(RankingMetrics.reciprocalRank(ranked, relevant: [15]) == 1.0 / 16)
    }

    @Test func scoredFilesReadTheTopCutoffOnlyForEveryMetric() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mrr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let topK = dir.appendingPathComponent("top.tsv").path, query = dir.appendingPathComponent("query.tsv").path
        // u1's relevant item is third, u2's first.
        try "user\titem\trank\nu1\ta\t1\nu1\tb\t2\nu1\tc\t3\nu2\tc\t1\n".write(toFile: topK, atomically: true, encoding: .utf8)
        try "u1\tc\nu2\tc\n".write(toFile: query, atomically: true, encoding: .utf8)
        #expect(try ExternalScoring.score(topK: topK, query: query, cutoff: 3).mrr == (1.0 / 3 + 1) / 2)
        let top2 = try ExternalScoring.score(topK: topK, query: query, cutoff: 2)
        #expect(top2.mrr == 0.5 && top2.hr == 0.5)
    }

    @Test func emptyListsAndAbsentUsers() {
        // A user the method returned nothing for scores zero, not NaN.
        #expect(RankingMetrics.ndcg([], relevant: [1]) == 0)
        #expect(RankingMetrics.recall([], relevant: [1]) == 0)
        #expect(RankingMetrics.reciprocalRank([], relevant: [1]) == 0)
        // No relevant items: zero (the protocol leaves such users out of averages).
        #expect(RankingMetrics.ndcg([1, 2], relevant: []) == 0)
    }

    @Test func perfectListScoresOne() {
        #expect(RankingMetrics.ndcg([4, 2, 9], relevant: [9, 4, 2]) == 1)
        #expect(RankingMetrics.ndcg(Array(Int32(0)..<10), relevant: Set(Int32(0)..<30)) == 1)
    }

    @Test func ratingErrorsAndEstimates() {
        var e = RatingErrors()
        e.add(predicted: 4, actual: 5)
        e.add(predicted: 3, actual: 1)
        #expect(abs(e.rmse - (5.0 / 2).squareRoot()) < 1e-12)
        #expect(e.mae == 1.5)
        #expect(RatingErrors().rmse.isNaN)
        let single = Estimate([0.3])
        #expect(single.mean == 0.3 && single.halfWidth == 0)
        let three = Estimate([0.1, 0.2, 0.3])
        #expect(abs(three.mean - 0.2) < 1e-12)
        #expect(abs(three.halfWidth - 4.303 * 0.1 / 3.0.squareRoot()) < 1e-9)
    }
}
