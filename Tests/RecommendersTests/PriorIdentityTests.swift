import Evaluation
import Foundation
import Testing
import TestSupport
@testable import GraphFeatures
@testable import Recommenders
import RecData
import SocialGraphModule

/// The untrained meta-learner is its prior. With the residual at zero and the direct weights on the
/// social vote alone, its top-10 is social popularity's, item for item, for every test user of a
/// real dataset at k = 0: training tasks, serving and evaluation compute the features one way.
@Suite(.enabled(if: Datasets.available, "needs ../shared/datasets"))
struct PriorIdentityTests {
    static func dataset(_ name: String) throws -> SocialDataset {
        var reader = DatasetReader()
        if name == "lastfm" {
            reader.graphFile = Datasets.path("lastfm-2k/user_friends.dat")
            reader.undirected = true
            reader.interactionsFile = Datasets.path("lastfm-2k/user_artists.dat")
        } else {
            reader.graphFile = Datasets.path("filmtrust/trust.txt")
            reader.interactionsFile = Datasets.path("filmtrust/ratings.txt")
            reader.interactionOptions.feedback = .explicit(min: 0.5, max: 4)
        }
        return try reader.read().0
    }

    @Test(arguments: ["lastfm", "filmtrust"])
    func untrainedModelRanksExactlyLikeSocialPopularity(dataset name: String) throws {
        let dataset = try Self.dataset(name)
        let evaluation = ColdStartEvaluation(dataset: dataset, settings: EvaluationSettings())
        let split = evaluation.split(seed: 1)
        let context = evaluation.context(split: split, k: 0, seed: 1)
        let visible = context.visible
        // The collaborative prior is there with weight 0: its dense term must add exactly nothing.
        let factors = SocialMetaModel.collaborativeFactors(SocialMetaConfiguration(), training: context.training.interactions)
        for twoHopWeight: Float in [0, 0.2] {
            var c = SocialMetaConfiguration()
            c.twoHopWeight = twoHopWeight
            c.innerRate = 0  // no adaptation: the initialisation as it is
            let model = SocialMetaModel(configuration: c, itemCount: dataset.items.count, collaborative: factors)
            let meta = SocialMetaRecommender(model: model, data: visible)
            let baseline = SocialPopularity(visible, twoHopWeight: twoHopWeight)
            var compared = 0
            for u in split.users(.test) {
                let request = RecommendationRequest(user: u, supportItems: [])
                let mine = meta.recommend(request, count: 10).map(\.item)
                let theirs = baseline.recommend(request, count: 10).map(\.item)
                #expect(mine == theirs, "user \(u), two-hop weight \(twoHopWeight)")
                compared += 1
            }
            #expect(compared > 100)
        }
    }

    /// Last.fm's seed-1 split with 3 known items per held-out user, and an untrained model of `c`
    /// over what the protocol lets it see.
    static func lastfmWithThreeKnownItems(_ c: SocialMetaConfiguration) throws
        -> (dataset: SocialDataset, split: ColdStartSplit, visible: VisibleData, meta: SocialMetaRecommender)
    {
        let dataset = try Self.dataset("lastfm")
        let evaluation = ColdStartEvaluation(dataset: dataset, settings: EvaluationSettings())
        let split = evaluation.split(seed: 1)
        let context = evaluation.context(split: split, k: 3, seed: 1)
        let factors = SocialMetaModel.collaborativeFactors(c, training: context.training.interactions)
        let model = SocialMetaModel(configuration: c, itemCount: dataset.items.count, collaborative: factors)
        return (dataset, split, context.visible, SocialMetaRecommender(model: model, data: context.visible))
    }

    /// The candidate training keeps for people with known items where nothing it learned beat
    /// social popularity on validation users: it must be social popularity at k > 0 too, where the
    /// support's co-occurrence and ALS fold-in are non-zero and must weigh nothing.
    @Test func theSocialPopularityPriorIgnoresTheSupport() throws {
        var c = SocialMetaConfiguration()
        c.prior = .socialPopularity
        c.innerRate = 0
        #expect(c.ranksAsSocialPopularity)
        let (dataset, split, visible, meta) = try Self.lastfmWithThreeKnownItems(c)
        let baseline = SocialPopularity(visible, twoHopWeight: 1)
        var compared = 0
        for u in split.users(.test) {
            let support = split.support(of: u, k: 3).map { dataset.interactions.items[$0] }
            guard support.count == 3 else { continue }
            let request = RecommendationRequest(user: u, supportItems: support)
            #expect(meta.recommend(request, count: 10).map(\.item) == baseline.recommend(request, count: 10).map(\.item), "user \(u)")
            compared += 1
        }
        #expect(compared > 100)
    }

    /// Ranking people in a batch (one matrix product for the collaborative prior) gives each the
    /// list they get alone, with ALS weighing in.
    @Test func aBatchRanksEveryoneAsAlone() throws {
        var c = SocialMetaConfiguration()
        c.collaborativePrior = 1
        let (dataset, split, _, meta) = try Self.lastfmWithThreeKnownItems(c)
        let requests = split.users(.test).prefix(40).map { u in
            RecommendationRequest(user: u, supportItems: split.support(of: u, k: 3).map { dataset.interactions.items[$0] })
        }
        let batch = meta.recommend(Array(requests), count: 10)
        #expect(batch.count == requests.count)
        for (request, list) in zip(requests, batch) {
            #expect(list.map(\.item) == meta.recommend(request, count: 10).map(\.item), "user \(request.user ?? -1)")
        }
    }

    /// With the vote and the vote × content match at γ alone, the untrained model ranks as
    /// content-social at γ: the feature is that baseline's own term. Items no friend chose get no
    /// match in the model (content-social lifts them a little), and the two sum in other orders, so
    /// near-ties may swap: the lists must agree for nearly every user, and share 9 of 10 items for all.
    @Test func theContentPriorRanksLikeContentSocial() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("lastfm-2k/user_friends.dat")
        reader.undirected = true
        reader.interactionsFile = Datasets.path("lastfm-2k/user_artists.dat")
        reader.itemFeaturesFile = Datasets.path("lastfm-2k/user_taggedartists.dat")
        reader.itemFeatureReader.item = .name("artistID")
        reader.itemFeatureReader.feature = .name("tagID")
        reader.itemFeatureReader.ignoresWeightColumn = true
        let dataset = try reader.read().0
        let evaluation = ColdStartEvaluation(dataset: dataset, settings: EvaluationSettings())
        let split = evaluation.split(seed: 1)
        let context = evaluation.context(split: split, k: 3, seed: 1)
        var c = SocialMetaConfiguration()
        c.prior = SocialMetaConfiguration.Prior(socialVote: 1, twoHopWeight: 1, popularity: 0, collaborative: 0, coOccurrence: 0, content: 8)
        c.innerRate = 0
        let factors = SocialMetaModel.collaborativeFactors(c, training: context.training.interactions)
        let meta = SocialMetaRecommender(model: SocialMetaModel(configuration: c, itemCount: dataset.items.count, collaborative: factors),
                                         data: context.visible)
        let baseline = ContentSocial(context.visible, matchWeight: 8, twoHopWeight: 1)
        var same = 0, users = 0
        for u in split.users(.test) {
            let request = RecommendationRequest(user: u, supportItems: split.support(of: u, k: 3).map { dataset.interactions.items[$0] })
            let mine = meta.recommend(request, count: 10).map(\.item), theirs = baseline.recommend(request, count: 10).map(\.item)
            same += mine == theirs ? 1 : 0
            users += 1
            #expect(Set(mine).intersection(theirs).count >= 9, "user \(u): \(mine) vs \(theirs)")
        }
        #expect(users > 100 && Double(same) >= 0.95 * Double(users), "\(same) of \(users) lists agree")
    }
}
