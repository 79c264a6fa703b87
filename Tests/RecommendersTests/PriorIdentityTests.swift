import Evaluation
import Foundation
import Testing
import TestSupport
@testable import GraphFeatures
@testable import Recommenders
import RecData
import SocialGraph

/// The untrained meta-learner is its prior. With the residual at zero and the direct weights on the
/// social vote alone, its top-10 is social popularity's, item for item, for every test user of a
/// real dataset at k = 0: training tasks, serving and evaluation compute the features one way.
@Suite(.enabled(if: Datasets.available, "needs ../shared/datasets"))
struct PriorIdentityTests {
    @Test(arguments: ["lastfm", "filmtrust"])
    func untrainedModelRanksExactlyLikeSocialPopularity(dataset name: String) throws {
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
        let dataset = try reader.read().0
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
}
