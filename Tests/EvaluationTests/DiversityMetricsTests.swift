import Foundation
import Testing
@testable import Evaluation

/// The diversity metrics against cases worked by hand.
@Suite struct DiversityMetricsTests {
    @Test func noveltyOfAKnownList() {
        // 8 users; item 0 chosen by 4 (share 1/2: 1 bit), item 1 by 1 (1/8: 3 bits), item 2 by none (as 1: 3 bits).
        let popularity: [Int32: Int] = [0: 4, 1: 1, 2: 0]
        let novelty = DiversityMetrics.novelty([0, 1, 2], popularity: { popularity[$0]! }, userCount: 8)
        #expect(abs(novelty - 7.0 / 3) < 1e-12)
        #expect(DiversityMetrics.novelty([], popularity: { _ in 1 }, userCount: 8) == 0)
    }

    @Test func giniOfUniformAndOneItemDistributions() {
        #expect(DiversityMetrics.gini([5, 5, 5, 5]) == 0)
        #expect(abs(DiversityMetrics.gini([0, 0, 0, 12]) - 3.0 / 4) < 1e-12)
        // 1, 2, 3: Σ (2i − n − 1) x_i = −2·1 + 0·2 + 2·3 = 4; / (3 · 6) = 2/9.
        #expect(abs(DiversityMetrics.gini([3, 1, 2]) - 2.0 / 9) < 1e-12)
        #expect(DiversityMetrics.gini([0, 0]) == 0)
    }

    @Test func personalisationOfDisjointIdenticalAndOverlappingLists() {
        #expect(DiversityMetrics.personalisation([[1, 2, 3], [4, 5, 6]]) == 1)
        #expect(DiversityMetrics.personalisation([[1, 2, 3], [1, 2, 3], [3, 2, 1]]) == 0)
        // {1,2} vs {2,3}: Jaccard 1/3.
        #expect(abs(DiversityMetrics.personalisation([[1, 2], [2, 3]]) - 2.0 / 3) < 1e-12)
        #expect(DiversityMetrics.personalisation([[1]]).isNaN)
        // Sampled pairs (more than maxPairs) of identical lists are still 0.
        #expect(DiversityMetrics.personalisation(Array(repeating: [7, 8], count: 200), maxPairs: 100) == 0)
    }
}
