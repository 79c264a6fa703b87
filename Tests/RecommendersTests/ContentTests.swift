import Evaluation
import GraphFeatures
import Testing
@testable import MetaLearning
@testable import RecData
@testable import Recommenders

/// The content baselines on a hand-made catalogue: items 0–2 are "rock", 3–4 "jazz", 5 both, 6 none.
@Suite struct ContentTests {
    static func data() -> VisibleData {
        // Popularity: item 6 is the most chosen, then 4; nobody chose item 2.
        let rows: [(Int, Int, Float)] = [(0, 0, 1), (1, 6, 1), (2, 6, 1), (3, 6, 1), (1, 4, 1), (2, 4, 1), (3, 1, 1), (0, 3, 1), (2, 5, 1)]
        let toy = Toy.data(users: 4, items: 7, edges: [(0, 1), (0, 2)], interactions: rows)
        var names = IDMap()
        let rock = names.intern("rock"), jazz = names.intern("jazz")
        let features = ItemFeatures(itemCount: 7, features: names, triples: [
            (0, rock, 1), (1, rock, 1), (2, rock, 2), (3, jazz, 1), (4, jazz, 1), (5, rock, 1), (5, jazz, 1),
        ])
        return VisibleData(graph: toy.graph, interactions: toy.interactions, feedback: .implicit, itemFeatures: features)
    }

    @Test func unitVectorsAndCosines() {
        let content = ItemContent(Self.data().itemFeatures)
        #expect(abs(content.cosine(0, 2) - 1) < 1e-6, "one feature each: the same direction whatever the weight")
        #expect(content.cosine(0, 3) == 0)
        #expect(content.cosine(0, 6) == 0, "an item without features is orthogonal to everything")
        #expect(abs(content.cosine(5, 5) - 1) < 1e-6)
        let c = content.cosine(0, 5)
        #expect(c > 0.5 && c < 0.9, "half rock: \(c)")
        let scores = content.cosines(content.profile([0]))
        for i: Int32 in 0..<7 { #expect(abs(scores[Int(i)] - content.cosine(0, i)) < 1e-6, "item \(i)") }
    }

    @Test func contentRanksByTheProfileThenByPopularity() {
        let recommender = ContentBased(Self.data(), popularityWeight: 0.01)
        // Known: item 0 (rock). Rock items first (1, 2, the more popular 1 ahead of 2 on the tie),
        // then half-rock 5, then by popularity: 6 ahead of 4 ahead of 3.
        #expect(recommender.recommend(RecommendationRequest(user: 0, supportItems: [0]), count: 6).map(\.item) == [1, 2, 5, 6, 4, 3])
        // No known items: most-popular.
        #expect(recommender.recommend(RecommendationRequest(user: 0, supportItems: []), count: 3).map(\.item) == [6, 4, 0])
    }

    @Test func theHybridIsTheVoteWithoutMatchWeight() {
        let data = Self.data()
        for support: [Int32] in [[], [0], [3, 4]] {
            let request = RecommendationRequest(user: 0, supportItems: support)
            #expect(ContentSocial(data, matchWeight: 0).recommend(request, count: 5).map(\.item)
                == SocialPopularity(data).recommend(request, count: 5).map(\.item))
        }
        // A jazz profile lifts jazz items above the friends' equally voted others.
        let jazz = ContentSocial(data, matchWeight: 8).recommend(RecommendationRequest(user: 0, supportItems: [3]), count: 2).map(\.item)
        #expect(jazz.first == 4, "\(jazz)")
    }

    @Test func intraListDiversityIsTheMeanFeatureDistance() {
        let content = ItemContent(Self.data().itemFeatures)
        #expect(DiversityMetrics.intraListDiversity([0, 1, 2], content: content)! < 1e-6, "all rock")
        #expect(DiversityMetrics.intraListDiversity([0, 3], content: content) == 1)
        #expect(DiversityMetrics.intraListDiversity([0], content: content) == nil)
        let mixed = DiversityMetrics.intraListDiversity([0, 3, 6], content: content)!
        #expect(abs(mixed - 1) < 1e-9, "no pair shares a feature")
    }

    /// Item cold-start ranks among given items only: every method keeps to them.
    @Test func everyMethodRanksOnlyAmongTheGivenItems() {
        let data = Self.data()
        var c = SocialMetaConfiguration()
        c.collaborativeFactors = 0
        let meta = SocialMetaRecommender(model: SocialMetaModel(configuration: c, itemCount: 7, collaborative: nil), data: data)
        let recommenders = Method.allCases.compactMap { $0.recommender(on: data) } + [meta]
        for recommender in recommenders {
            for support: [Int32] in [[], [0]] {
                let list = recommender.recommend(RecommendationRequest(user: 0, supportItems: support, onlyAmong: [2, 5]), count: 10)
                #expect(Set(list.map(\.item)) == [2, 5], "\(recommender.name), support \(support): \(list.map(\.item))")
            }
        }
    }

    /// The meta-learner's content match is a dense column: it scores an item nobody has chosen
    /// (item 2, rock) for a rock profile, where the graph and the support reach nothing.
    @Test func theMetaLearnersContentMatchReachesAnItemNobodyChose() {
        let data = Self.data()
        var c = SocialMetaConfiguration()
        c.collaborativeFactors = 0
        c.innerSteps = 0
        var model = SocialMetaModel(configuration: c, itemCount: 7, collaborative: nil)
        let builder = SocialTaskBuilder(data: data, configuration: c, collaborative: nil)
        let request = RecommendationRequest(user: 0, supportItems: [0], onlyAmong: [2, 6])
        // Untrained, the content match weighs nothing: the friends' item 6 comes first.
        #expect(SocialMetaRecommender(model: model, data: data).recommend(request, count: 2).map(\.item) == [6, 2])
        let pairModel = model.learner.model
        model.learner.model.parameters[pairModel.globalCount + pairModel.layout.pairWeights + builder.contentColumn] = 5
        let lifted = SocialMetaRecommender(model: model, data: data).recommend(request, count: 2)
        #expect(lifted.map(\.item) == [2, 6], "a rock profile lifts the rock item nobody chose: \(lifted)")
        // The catalogue's fast path (item 2 is untouched) gives the score a full feature row gives.
        let adapted = SocialMetaRecommender(model: model, data: data).adapt(request)
        let full = model.learner.model.scores(items: [2], pairFeatures: builder.features([2], context: adapted.context),
                                              adapted: adapted.parameters)[0]
        #expect(abs(lifted[0].score - full) < 1e-5, "\(lifted[0].score) vs \(full)")
    }
}
