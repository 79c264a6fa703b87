import Testing
@testable import RecData
@testable import Recommenders
@testable import SocialGraphModule

/// A social method also trains its non-social twin, and the twin ranks people with known items
/// where validation users say it is better; people with none keep the social model's choice.
@Suite struct TwinChoiceTests {
    @Test func theTwinRanksPeopleWithKnownItemsWhereItScoresHigher() throws {
        let data = SocialMetaTests.sample
        let (model, visible) = try SocialMetaTests.trainedOnEveryone(validation: TwinBestWithSupport(), epochs: 1)
        #expect(model.configuration.method == .maml)
        let newcomers = try #require(model.newcomers)
        #expect(newcomers.configuration.method == .socialMAML && newcomers.configuration.ranksAsSocialPopularity)
        // The twin is the model `maml` training gives under the same validation.
        var c = SocialMetaTests.configuration(.maml, seed: 3)
        (c.epochs, c.collaborativeFactors) = (1, 8)
        var lastGood: SocialMetaModel?
        let twin = try SocialMetaTrainer(configuration: c, training: visible).train(validation: TwinBestWithSupport(), lastGood: &lastGood).model
        #expect(model.learner.model.parameters == twin.learner.model.parameters)
        // People with no known items are ranked as the social model alone ranks them.
        var socialAlone = SocialMetaTests.configuration(.socialMAML, seed: 3)
        (socialAlone.epochs, socialAlone.collaborativeFactors, socialAlone.comparesWithTwin) = (1, 8, false)
        let social = try SocialMetaTrainer(configuration: socialAlone, training: visible)
            .train(validation: TwinBestWithSupport(), lastGood: &lastGood).model
        let chosen = SocialMetaRecommender(model: model, data: visible)
        let socialRecommender = SocialMetaRecommender(model: social, data: visible)
        for u in stride(from: Int32(0), to: Int32(data.users.count), by: 13) {
            let known = RecommendationRequest(user: u, supportItems: Array(visible.interactions.items(of: u).prefix(3)))
            #expect(chosen.recommend(known, count: 10).map(\.item)
                == SocialMetaRecommender(model: twin, data: visible).recommend(known, count: 10).map(\.item), "user \(u)")
            let newcomer = RecommendationRequest(user: u, supportItems: [])
            #expect(chosen.recommend(newcomer, count: 10).map(\.item) == socialRecommender.recommend(newcomer, count: 10).map(\.item),
                    "user \(u)")
        }
    }

    @Test func theSocialModelStandsWhereTheTwinIsNotBetterOrNotAsked() throws {
        let model = try SocialMetaTests.trainedOnEveryone(validation: SocialPopularityBest(), epochs: 1).model
        #expect(model.configuration.method == .socialMAML)
        var c = SocialMetaTests.configuration(.socialMAML, seed: 3)
        (c.epochs, c.comparesWithTwin) = (1, false)
        var lastGood: SocialMetaModel?
        let data = SocialMetaTests.sample
        let visible = VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                                    itemCount: data.items.count), feedback: .implicit)
        let alone = try SocialMetaTrainer(configuration: c, training: visible).train(validation: TwinBestWithSupport(), lastGood: &lastGood)
        #expect(alone.model.configuration.method == .socialMAML)
        #expect(alone.epochs.allSatisfy { $0.method == .socialMAML })
    }
}

extension TwinChoiceTests {
    /// The one-standard-error rule over k > 0, each (user, k) a pair; k = 0 is not read.
    @Test func theSocialModelMustBeatTheTwinByMoreThanOneStandardError() {
        let twin = ValidationScores(supportSizes: [0, 1, 3], perUser: [[0.1, 0.1], [0.5, 0.5, 0.5], [0.4, 0.4]])
        // Higher on average from one lucky pair: differences 0.3, 0, 0 | 0, 0.
        let lucky = ValidationScores(supportSizes: [0, 1, 3], perUser: [[0.9, 0.9], [0.8, 0.5, 0.5], [0.4, 0.4]])
        // Small but steady: differences 0.02 on every pair.
        let steady = ValidationScores(supportSizes: [0, 1, 3], perUser: [[0, 0], [0.52, 0.52, 0.52], [0.42, 0.42]])
        #expect(lucky.withSupport > steady.withSupport)
        #expect(!lucky.clearlyBeatsWithSupport(twin))
        #expect(steady.clearlyBeatsWithSupport(twin))
        #expect(!twin.clearlyBeatsWithSupport(twin))
        // Means only (no per-user scores): the higher mean wins.
        #expect(ValidationScores(supportSizes: [3], ndcg: [0.5]).clearlyBeatsWithSupport(ValidationScores(supportSizes: [3], ndcg: [0.4])))
    }
}

/// A validation under which the non-social twin beats everything at k > 0, and social popularity
/// at k = 0.
final class TwinBestWithSupport: TrainingValidation, @unchecked Sendable {
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores {
        let sizes = supportSizes ?? [0, 3]
        return ValidationScores(supportSizes: sizes, perUser: sizes.map { k in
            let best = k == 0 ? model.configuration.ranksAsSocialPopularity : !model.configuration.method.isSocial
            return best ? [0.9, 0.8, 0.9] : [0.5, 0.4, 0.5]
        })
    }

    func forPriors() -> TwinBestWithSupport { self }
}
