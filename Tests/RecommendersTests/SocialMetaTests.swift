import Foundation
import Testing
import TestSupport
@testable import GraphFeatures
@testable import MetaLearning
@testable import RecData
@testable import Recommenders
@testable import SocialGraphModule
import Evaluation

/// The social meta-learner on the generated sample (homophilous by construction).
@Suite(.serialized) struct SocialMetaTests {
    static let sample: SocialDataset = {
        var reader = DatasetReader()
        reader.graphFile = Datasets.projectRoot.appendingPathComponent("data/edges.tsv").path
        reader.undirected = true
        reader.interactionsFile = Datasets.projectRoot.appendingPathComponent("data/interactions.tsv").path
        return try! reader.read().0
    }()

    static func configuration(_ method: MetaLearningMethod, seed: UInt64) -> SocialMetaConfiguration {
        var c = SocialMetaConfiguration()
        c.method = method
        c.seed = seed
        c.epochs = 3
        c.embeddingWidth = 16
        c.hiddenWidths = [32]
        c.userStateWidth = 8
        c.collaborativeFactors = 8
        return c
    }

    /// Held-out users (20%), their first k visible, the rest hidden; mean NDCG@10 over them.
    static func ndcg(_ method: MetaLearningMethod, seed: UInt64, ks: [Int]) throws -> [Double] {
        let data = sample
        let split = ColdStartSplit(data.interactions, userCount: data.users.count, maxSupport: 3, minimumQuery: 5,
                                   testShare: 0.3, validationShare: 0, seed: seed)
        func visible(_ rows: [Int]) -> VisibleData {
            VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                           itemCount: data.items.count, rows: rows),
                        feedback: .implicit)
        }
        var lastGood: SocialMetaModel?
        // The social learner itself, measured against its twin: not the choice between them.
        var c = configuration(method, seed: seed)
        c.comparesWithTwin = false
        let model = try SocialMetaTrainer(configuration: c, training: visible(split.trainingRows(data.interactions)))
            .train(validation: EveryEpochBetter(), lastGood: &lastGood).model
        return ks.map { k in
            let recommender = SocialMetaRecommender(model: model, data: visible(split.visibleRows(data.interactions, k: k)))
            let scores = split.users(.test).map { u -> Double in
                let request = RecommendationRequest(user: u, supportItems: split.support(of: u, k: k).map { data.interactions.items[$0] })
                let relevant = Set(split.query(of: u, k: k).map { data.interactions.items[$0] })
                return RankingMetrics.ndcg(recommender.recommend(request, count: 10).map(\.item), relevant: relevant)
            }
            return scores.reduce(0, +) / Double(scores.count)
        }
    }

    @Test func socialMAMLBeatsItsNonSocialTwinOnColdUsers() throws {
        for seed: UInt64 in [1, 2] {
            let social = try Self.ndcg(.socialMAML, seed: seed, ks: [0, 3])
            let twin = try Self.ndcg(.maml, seed: seed, ks: [0, 3])
            #expect(social[0] > twin[0] + 0.15, "seed \(seed), k = 0: social \(social[0]) vs twin \(twin[0])")
            // At k = 3 both start from the support's co-occurrence, and the friends add less.
            #expect(social[1] > twin[1], "seed \(seed), k = 3: social \(social[1]) vs twin \(twin[1])")
        }
    }

    @Test func recommendationsAreDistinctNewAndExactlyK() throws {
        let data = Self.sample
        let visible = VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                                    itemCount: data.items.count), feedback: .implicit)
        var c = Self.configuration(.socialMAML, seed: 3)
        c.epochs = 1
        var lastGood: SocialMetaModel?
        let model = try SocialMetaTrainer(configuration: c, training: visible)
            .train(validation: EveryEpochBetter(), lastGood: &lastGood).model
        for candidates in [SocialMetaRecommender.Candidates.catalogue, .graph(limit: 300)] {
            let recommender = SocialMetaRecommender(model: model, data: visible, candidates: candidates)
            for u in stride(from: Int32(0), to: Int32(data.users.count), by: 7) {
                let support = Array(visible.interactions.items(of: u))
                let top = recommender.recommend(RecommendationRequest(user: u, supportItems: support), count: 10).map(\.item)
                #expect(top.count == 10)
                #expect(Set(top).count == top.count)
                #expect(Set(top).isDisjoint(with: support))
            }
            // A newcomer with no items and two friends still gets recommendations.
            let newcomer = recommender.recommend(RecommendationRequest(user: nil, supportItems: [], friends: [0, 1]), count: 5)
            #expect(newcomer.count == 5)
        }
        // Asking for more than the catalogue minus the support returns every remaining item once.
        let all = SocialMetaRecommender(model: model, data: visible).recommend(RecommendationRequest(user: 0, supportItems: [0, 1]), count: 1000)
        #expect(all.count == data.items.count - 2)
    }

    @Test func checkpointsRoundTripAndRefuseDamageOrAnotherDataset() throws {
        var random = SplitMix64(seed: 4)
        let factors = ALSFactors(itemFactors: (0..<(50 * 8)).map { _ in Float(random.normal()) }, itemCount: 50, width: 8,
                                 regularisation: 0.1, confidence: 10)
        var c = Self.configuration(.socialMAML, seed: 4)
        c.itemFactorWidth = 4
        var model = SocialMetaModel(configuration: c, itemCount: 50, collaborative: factors)
        model.influence.a = [0.5, -1, 2, 0, 0.25, 1, -0.5]
        model.learner.contextWeight = 0.7
        var newcomers = model
        newcomers.configuration.prior = .init(socialVote: 0, twoHopWeight: 1, popularity: 1, collaborative: 1)
        newcomers.learner.model.parameters = newcomers.learner.model.parameters.map { $0 + 0.5 }
        newcomers.learner.contextWeight = 0.3
        model.newcomers = SocialMetaModel.NewcomerModel(newcomers)
        let blob = try ModelCheckpoint.encode(model, datasetFingerprint: "abc")
        let (back, header) = try ModelCheckpoint.decode(blob, expectedFingerprint: "abc")
        #expect(back.learner.model.parameters == model.learner.model.parameters)
        #expect(back.forNewcomers.learner.model.parameters == newcomers.learner.model.parameters)
        #expect(back.forNewcomers.configuration == newcomers.configuration && back.forNewcomers.learner.contextWeight == 0.3)
        #expect(back.influence == model.influence && back.learner.contextWeight == 0.7)
        #expect(back.collaborative?.items == factors.items)
        #expect(header.configuration == model.configuration)
        #expect(throws: ModelCheckpoint.Failure.otherDataset(trainedOn: "abc", database: "xyz")) {
            try ModelCheckpoint.decode(blob, expectedFingerprint: "xyz")
        }
        var damaged = blob
        damaged[damaged.count - 9] ^= 0x40
        #expect(throws: ModelCheckpoint.Failure.corrupted("checksum mismatch")) { try ModelCheckpoint.decode(damaged, expectedFingerprint: "abc") }
        #expect(throws: ModelCheckpoint.Failure.notACheckpoint) { try ModelCheckpoint.decode(Data("hello".utf8), expectedFingerprint: "abc") }
        var future = blob
        future[4] = 9
        #expect(throws: ModelCheckpoint.Failure.unsupportedVersion(9)) { try ModelCheckpoint.decode(future, expectedFingerprint: "abc") }
    }

    /// A person with no known items is ranked by the newcomers' model; one with a support set by the
    /// main model.
    @Test func newcomersAreRankedByTheirOwnModel() {
        let data = Self.sample
        let visible = VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                                    itemCount: data.items.count), feedback: .implicit)
        var c = Self.configuration(.socialMAML, seed: 5)
        c.collaborativeFactors = 0
        let main = SocialMetaModel(configuration: c, itemCount: data.items.count, collaborative: nil)
        c.prior = .init(socialVote: 0, twoHopWeight: 1, popularity: 1, collaborative: 0)
        let popularityFirst = SocialMetaModel(configuration: c, itemCount: data.items.count, collaborative: nil)
        var model = main
        model.newcomers = SocialMetaModel.NewcomerModel(popularityFirst)
        func top(_ model: SocialMetaModel, _ user: Int32, _ support: [Int32]) -> [Int32] {
            SocialMetaRecommender(model: model, data: visible).recommend(RecommendationRequest(user: user, supportItems: support), count: 10)
                .map(\.item)
        }
        var differ = 0
        for user in (0..<Int32(data.users.count)).filter({ visible.graph.neighbours($0).count >= 3 && visible.interactions.activity($0) >= 2 }).prefix(20) {
            #expect(top(model, user, []) == top(popularityFirst, user, []))
            differ += top(main, user, []) == top(popularityFirst, user, []) ? 0 : 1
            let support = Array(visible.interactions.items(of: user).prefix(2))
            #expect(top(model, user, support) == top(main, user, support))
        }
        #expect(differ > 10, "the two models rank newcomers differently")
    }

    /// Where social popularity's own ranking scores above every prior and epoch on validation
    /// users, it is what training keeps, for people with known items and for those without.
    @Test func socialPopularityIsKeptWhereNothingLearnedBeatsIt() throws {
        let data = Self.sample
        let (model, visible) = try Self.trainedOnEveryone(validation: SocialPopularityBest(), epochs: 2)
        #expect(model.configuration.ranksAsSocialPopularity)
        #expect(model.newcomers == nil)
        let reference = SocialPopularity(visible, twoHopWeight: 1)
        for u in stride(from: Int32(0), to: Int32(data.users.count), by: 11) {
            let request = RecommendationRequest(user: u, supportItems: Array(visible.interactions.items(of: u).prefix(3)))
            #expect(SocialMetaRecommender(model: model, data: visible).recommend(request, count: 10).map(\.item)
                == reference.recommend(request, count: 10).map(\.item), "user \(u)")
        }
    }

    /// Where the collaborative prior alone scores above every prior and epoch at k > 0, people with
    /// known items are ranked by it, and newcomers keep social popularity's own ranking.
    @Test func collaborativePriorAloneIsKeptWhereItBeatsTheRestWithKnownItems() throws {
        let model = try Self.trainedOnEveryone(validation: CollaborativeBestWithSupport(), epochs: 1).model
        #expect(model.configuration.ranksByCollaborativeAlone)
        #expect(model.newcomers?.configuration.ranksAsSocialPopularity == true)
        // Without item factors there is no such candidate.
        let without = try Self.trainedOnEveryone(validation: CollaborativeBestWithSupport(), epochs: 1, collaborativeFactors: 0).model
        #expect(!without.configuration.ranksByCollaborativeAlone)
    }

    /// social-maml trained on every sample user (seed 3) under a scripted validation.
    static func trainedOnEveryone<V: TrainingValidation>(validation: V, epochs: Int, collaborativeFactors: Int = 8) throws
        -> (model: SocialMetaModel, visible: VisibleData)
    {
        let data = sample
        let visible = VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                                    itemCount: data.items.count), feedback: .implicit)
        var c = configuration(.socialMAML, seed: 3)
        (c.epochs, c.collaborativeFactors) = (epochs, collaborativeFactors)
        var lastGood: SocialMetaModel?
        return (try SocialMetaTrainer(configuration: c, training: visible).train(validation: validation, lastGood: &lastGood).model, visible)
    }

    /// Where popularity alone clearly beats the vote at k = 0, newcomers are ranked by it, as
    /// most-popular ranks them; people with known items keep the trained model.
    @Test func popularityAloneRanksNewcomersWhereItClearlyBeatsTheVote() throws {
        let data = Self.sample
        let split = ColdStartSplit(data.interactions, userCount: data.users.count, maxSupport: 3, minimumQuery: 5,
                                   testShare: 0.3, validationShare: 0, seed: 3)
        func visible(_ rows: [Int]) -> VisibleData {
            VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                           itemCount: data.items.count, rows: rows),
                        feedback: .implicit)
        }
        var c = Self.configuration(.socialMAML, seed: 3)
        c.epochs = 1
        var lastGood: SocialMetaModel?
        let model = try SocialMetaTrainer(configuration: c, training: visible(split.trainingRows(data.interactions)))
            .train(validation: PopularityBestWithoutSupport(), lastGood: &lastGood).model
        let newcomers = try #require(model.newcomers)
        #expect(newcomers.configuration.ranksByPopularityAlone)
        #expect(!model.configuration.ranksByPopularityAlone)
        // The test users at k = 0, as the protocol shows them: friends and no items of their own.
        let atZero = visible(split.visibleRows(data.interactions, k: 0))
        let reference = MostPopular(atZero)
        for u in split.users(.test) {
            let request = RecommendationRequest(user: u, supportItems: [])
            #expect(SocialMetaRecommender(model: model, data: atZero).recommend(request, count: 10).map(\.item)
                == reference.recommend(request, count: 10).map(\.item), "user \(u)")
        }
    }

    /// The one-standard-error rule on paired per-user differences at k = 0.
    @Test func newcomersModelMustBeatTheVoteByMoreThanOneStandardError() {
        let vote = ValidationScores(supportSizes: [0, 3], perUser: [[0.5, 0.5, 0.5, 0.5], [0.4]])
        // A higher mean from one lucky user: differences 0.3, 0, 0, 0 (mean 0.075, standard error 0.075).
        let lucky = ValidationScores(supportSizes: [0, 3], perUser: [[0.8, 0.5, 0.5, 0.5], [0.4]])
        // Small but steady: differences 0.05, 0.05, 0.05, 0.04 (mean 0.0475, standard error 0.0025).
        let steady = ValidationScores(supportSizes: [0], perUser: [[0.55, 0.55, 0.55, 0.54]])
        #expect(lucky.ndcg[0] > steady.ndcg[0])
        #expect(!lucky.clearlyBeatsWithoutSupport(vote))
        #expect(steady.clearlyBeatsWithoutSupport(vote))
        #expect(!vote.clearlyBeatsWithoutSupport(vote))
    }

    @Test func influenceGradientMatchesFiniteDifferences() {
        var scorer = InfluenceScorer(width: 3)
        scorer.a = [0.3, -0.2, 0.5]
        let psi: [Float] = [1, 0.2, 0.9, 1, 0.8, 0.1, 1, 0.5, 0.5]
        let g: [Float] = [0.7, -1.2, 0.4]  // ∂L/∂w
        let w = scorer.weights(psi)
        #expect(abs(w.reduce(0, +) - 1) < 1e-6)
        let analytic = scorer.gradient(psi: psi, weights: w, weightGradient: g)
        for f in 0..<3 {
            var plus = scorer, minus = scorer
            plus.a[f] += 1e-3
            minus.a[f] -= 1e-3
            let lp = zip(plus.weights(psi), g).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let lm = zip(minus.weights(psi), g).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs((lp - lm) / 2e-3 - analytic[f]) < 1e-3)
        }
    }
}

/// A validation under which every scoring is better than the last: training keeps its last epoch,
/// never the untrained prior. The priors all score alike, so training starts from the grid's first
/// (the vote, the co-occurrence and the friends' context sets), not from whichever came last.
final class EveryEpochBetter: TrainingValidation, @unchecked Sendable {
    private var calls = 0.0
    private let scoresPriorsAlike: Bool

    init(scoresPriorsAlike: Bool = false) { self.scoresPriorsAlike = scoresPriorsAlike }

    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores {
        calls += scoresPriorsAlike ? 0 : 1
        return ValidationScores(supportSizes: [3], ndcg: [calls])
    }

    func forPriors() -> EveryEpochBetter { EveryEpochBetter(scoresPriorsAlike: true) }
}

/// A validation under which popularity alone beats everything at k = 0, and nothing differs at k > 0.
final class PopularityBestWithoutSupport: TrainingValidation, @unchecked Sendable {
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores {
        let best = model.configuration.ranksByPopularityAlone
        let sizes = supportSizes ?? [0, 3]
        return ValidationScores(supportSizes: sizes, perUser: sizes.map { k in k == 0 && best ? [0.9, 0.8, 0.9] : [0.5, 0.4, 0.5] })
    }

    func forPriors() -> PopularityBestWithoutSupport { self }
}

/// A validation under which social popularity's own ranking beats everything, at every k.
final class SocialPopularityBest: TrainingValidation, @unchecked Sendable {
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores {
        let best = model.configuration.ranksAsSocialPopularity
        let sizes = supportSizes ?? [0, 3]
        return ValidationScores(supportSizes: sizes, perUser: sizes.map { _ in best ? [0.9, 0.8, 0.9] : [0.5, 0.4, 0.5] })
    }

    func forPriors() -> SocialPopularityBest { self }
}

/// A validation under which the collaborative prior alone beats everything at k > 0, and social
/// popularity at k = 0.
final class CollaborativeBestWithSupport: TrainingValidation, @unchecked Sendable {
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores {
        let sizes = supportSizes ?? [0, 3]
        return ValidationScores(supportSizes: sizes, perUser: sizes.map { k in
            let best = k == 0 ? model.configuration.ranksAsSocialPopularity : model.configuration.ranksByCollaborativeAlone
            return best ? [0.9, 0.8, 0.9] : [0.5, 0.4, 0.5]
        })
    }

    func forPriors() -> CollaborativeBestWithSupport { self }
}
