import RecData
import SocialGraphModule
import Testing
@testable import Recommenders

/// Toy data where the right answer is known.
@Suite struct BaselineAnswerTests {
    /// Items 0 and 1 always go together (users 0–2); item 2 joins item 0 once; item 3 is the most
    /// popular item and never meets item 0.
    static let pairs = Toy.data(users: 8, items: 6, interactions: [
        (0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1), (2, 0, 1), (2, 1, 1), (2, 2, 1),
        (3, 3, 1), (4, 3, 1), (5, 3, 1), (6, 3, 1), (7, 2, 1), (7, 4, 1),
    ])

    @Test func itemKNNRecommendsTheAlwaysTogetherItem() {
        let knn = ItemKNN(Self.pairs, configuration: .init(neighbours: 10, shrinkage: 0))
        let neighbours = knn.neighbours(of: 0)
        #expect(neighbours.map(\.item) == [1, 2])
        #expect(neighbours[0].similarity == 1)  // 3 together / √(3 · 3)
        #expect(abs(neighbours[1].similarity - 1 / Float(6).squareRoot()) < 1e-6)  // 1 / √(3 · 2)
        let top = knn.recommend(RecommendationRequest(user: nil, supportItems: [0]), count: 4)
        // Then the items no support item reaches, by popularity: 3 (4 users), then 4 (1 user).
        #expect(top.map(\.item) == [1, 2, 3, 4])
        #expect(top[0].score > top[1].score && top[1].score > 0 && top[2].score < 0)
        // Shrinkage penalises the pair seen once more than the pair seen three times.
        let shrunk = ItemKNN(Self.pairs, configuration: .init(neighbours: 10, shrinkage: 3)).neighbours(of: 0)
        #expect(shrunk[0].similarity == 0.5)
        // One neighbour per support item: item 2 is no longer reached and falls to popularity.
        let one = ItemKNN(Self.pairs, configuration: .init(neighbours: 1, shrinkage: 0))
        #expect(one.recommend(RecommendationRequest(user: nil, supportItems: [0]), count: 3).map(\.item) == [1, 3, 2])
    }

    @Test func neighbourhoodMethodsFallBackToPopularityAtKZero() {
        for recommender in [ItemKNN(Self.pairs) as any Recommender, UserKNN(Self.pairs)] {
            let top = recommender.recommend(RecommendationRequest(user: nil, supportItems: []), count: 6)
            // Popularity 3: 4 users; 0, 1, 2: 3 users (ties by index); 4: 1; 5: 0.
            #expect(top.map(\.item) == [3, 0, 1, 2, 4, 5], "\(recommender.name)")
        }
    }

    @Test func userKNNWeighsNeighboursByOverlap() {
        // The person chose 0 and 1. User 0 chose 0, 1, 2 (cosine 2/√6); user 1 chose 0 and 3 (1/2);
        // user 2 chose 5 and 6 (no overlap, no vote).
        let data = Toy.data(users: 4, items: 8, interactions: [
            (0, 0, 1), (0, 1, 1), (0, 2, 1), (1, 0, 1), (1, 3, 1), (2, 5, 1), (2, 6, 1), (3, 0, 1), (3, 1, 1),
        ])
        let knn = UserKNN(data, configuration: .init(neighbours: 10, shrinkage: 0))
        let top = knn.recommend(RecommendationRequest(user: 3, supportItems: [0, 1]), count: 3)
        #expect(top.map(\.item) == [2, 3, 5])
        #expect(abs(top[0].score - 2 / Float(6).squareRoot()) < 1e-6)
        #expect(abs(top[1].score - 0.5) < 1e-6)
        // User 3 is not their own neighbour: their row would otherwise be the closest match.
        #expect(knn.neighbours(support: [0, 1], excluding: 3).map(\.user) == [0, 1])
        #expect(knn.neighbours(support: [0, 1], excluding: nil).map(\.user) == [3, 0, 1])
        // Only the nearest neighbour votes.
        let nearest = UserKNN(data, configuration: .init(neighbours: 1, shrinkage: 0))
        #expect(nearest.recommend(RecommendationRequest(user: 3, supportItems: [0, 1]), count: 1).map(\.item) == [2])
    }

    @Test func bprMFRanksHeldOutPositivesOfThePlantedBlock() {
        // Users 0 and 20 are newcomers: their items are hidden from training.
        let blocks = Toy.Blocks(hidden: [0, 20])
        let bpr = BPRMF(blocks.data(), configuration: .init(factors: 8, epochs: 40))
        #expect(!bpr.diverged)
        #expect(bpr.epochLosses.last! < bpr.epochLosses.first! * 0.8)
        let chosen = blocks.choices()
        for newcomer in [0, 20] {
            let mine = chosen[newcomer].map { Int32($0.item) }
            let support = Array(mine.prefix(3)), heldOut = Array(mine.dropFirst(3))
            let top = bpr.recommend(RecommendationRequest(user: nil, supportItems: support), count: 10)
            let block = blocks.blockOfUser(newcomer)
            #expect(top.filter { blocks.blockOfItem($0.item) == block }.count >= 9, "newcomer \(newcomer)")
            // AUC of the held-out positives against the other block's items: nearly every pair in order.
            let all = bpr.recommend(RecommendationRequest(user: nil, supportItems: support), count: blocks.itemCount)
            let position = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.item, $0) })
            let others = blocks.items(ofBlock: 1 - block)
            let ordered = heldOut.flatMap { h in others.map { position[h]! < position[$0]! ? 1.0 : 0.0 } }
            let auc = ordered.reduce(0, +) / Double(ordered.count)
            #expect(auc >= 0.95, "newcomer \(newcomer): AUC \(auc)")
        }
        // k = 0: no user vector, the same (bias) ranking for everyone.
        let a = bpr.recommend(RecommendationRequest(user: 0, supportItems: []), count: 10)
        let b = bpr.recommend(RecommendationRequest(user: 25, supportItems: []), count: 10)
        #expect(a == b)
    }

    @Test func socialMFAtKZeroRecommendsTheFriendsBlock() {
        let blocks = Toy.Blocks(blocks: 3, hidden: [0, 20, 40])
        let data = blocks.data()
        let model = SocialMF(data, configuration: .init(factors: 8, socialRegularisation: 2, epochs: 40))
        #expect(!model.diverged)
        for newcomer in [0, 20, 40] {
            let block = blocks.blockOfUser(newcomer)
            // A known user with no visible items: friends come from the graph.
            let known = model.recommend(RecommendationRequest(user: Int32(newcomer), supportItems: []), count: 10)
            #expect(known.filter { blocks.blockOfItem($0.item) == block }.count >= 8, "user \(newcomer)")
            // A newcomer naming friends from the block.
            let friends = Array(blocks.users(ofBlock: block).dropFirst().prefix(4))
            let named = model.recommend(RecommendationRequest(user: nil, supportItems: [], friends: friends), count: 10)
            #expect(named.filter { blocks.blockOfItem($0.item) == block }.count >= 8, "friends in block \(block)")
            #expect(named.allSatisfy { item in item.broughtBy.allSatisfy(friends.contains) })
            #expect(named.contains { !$0.broughtBy.isEmpty })
        }
    }

    @Test func socialMFPredictsRatingsFromFriendsAtKZero() {
        // Each block rates its own items 4–5 and one item of the next block 1.
        let blocks = Toy.Blocks(explicit: true, hidden: [0])
        let model = SocialMF(blocks.data(), configuration: .init(factors: 8, epochs: 20, ratingFactors: 4, ratingEpochs: 40))
        let inBlock = blocks.items(ofBlock: 0), other = blocks.items(ofBlock: 1)
        let friends = Array(blocks.users(ofBlock: 0).dropFirst().prefix(5))
        let request = RecommendationRequest(user: nil, supportItems: [], friends: friends)
        let own = model.predictRatings(request, items: inBlock), theirs = model.predictRatings(request, items: other)
        #expect((own + theirs).allSatisfy { $0 >= 1 && $0 <= 5 })
        let ownMean: Float = own.reduce(0, +) / Float(own.count), theirMean: Float = theirs.reduce(0, +) / Float(theirs.count)
        #expect(ownMean > theirMean)
        // A support set of low ratings lowers every prediction.
        let grumpy = RecommendationRequest(user: nil, supportItems: Array(inBlock.prefix(3)), supportValues: [1, 1, 1], friends: friends)
        let lowered = model.predictRatings(grumpy, items: Array(inBlock.dropFirst(3)))
        let loweredSum: Float = lowered.reduce(0, +), ownSum: Float = own.dropFirst(3).reduce(0, +)
        #expect(loweredSum < ownSum)
    }

    @Test func itemMeanDampsTowardTheGlobalMeanAndShiftsByTheSupport() {
        // Item 0 rated 5 and 5, item 1 rated 1: μ = 11/3.
        let data = Toy.data(users: 3, items: 3, interactions: [(0, 0, 5), (1, 0, 5), (2, 1, 1)],
                            feedback: .explicit(min: 1, max: 5))
        let model = ItemMean(data, configuration: .init(itemDamping: 1, userDamping: 1))
        #expect(abs(model.globalMean - 11 / 3) < 1e-6)
        let cold = model.predictRatings(RecommendationRequest(user: nil, supportItems: []), items: [0, 1, 2])
        // b_0 = (10 − 2μ) / 3 = 8/9; b_1 = (1 − μ) / 2 = −4/3; item 2 unrated: μ.
        #expect(abs(cold[0] - 41 / 9) < 1e-5)
        #expect(abs(cold[1] - 7 / 3) < 1e-5)
        #expect(abs(cold[2] - 11 / 3) < 1e-5)
        // The person rated item 1 a 3: residual 3 − μ − b_1 = 2/3, damped by 1 + 1: +1/3.
        let warm = model.predictRatings(RecommendationRequest(user: nil, supportItems: [1], supportValues: [3]), items: [0, 2])
        #expect(abs(warm[0] - 44 / 9) < 1e-5)
        #expect(abs(warm[1] - 4) < 1e-5)
        // A generous rater is clamped to the scale.
        let fan = ItemMean(data, configuration: .init(itemDamping: 1, userDamping: 0))
        #expect(fan.predictRatings(RecommendationRequest(user: nil, supportItems: [1], supportValues: [5]), items: [0]) == [5])
        #expect(model.recommend(RecommendationRequest(user: nil, supportItems: [1]), count: 3).map(\.item) == [0, 2])
    }
}
