import Foundation
import RecData
import Recommenders
import SocialGraphModule

/// The meta-learning methods under the protocol: each is trained once per seed on training users,
/// with early stopping on the split's validation users, then adapted per test user at every k.
enum MetaMethods {
    /// NDCG@cutoff of `recommender` for each of `users` at support size k, in `users`' order (those
    /// without relevant query items left out: the same ones for every recommender, so two lists pair
    /// up): what early stopping and model selection read.
    static func ndcgPerUser(_ recommender: any Recommender, users: [Int32], split: ColdStartSplit, interactions: Interactions,
                            k: Int, threshold: Float?, cutoff: Int = 10) -> [Double] {
        var relevant: [Set<Int32>] = []
        let requests = users.map { u -> RecommendationRequest? in
            let support = split.support(of: u, k: k)
            let liked = Set(split.query(of: u, k: k).filter { threshold == nil || interactions.values[$0] >= threshold! }
                .map { interactions.items[$0] })
            guard !liked.isEmpty else { return nil }
            relevant.append(liked)
            return RecommendationRequest(user: u, supportItems: support.map { interactions.items[$0] },
                                         supportValues: support.map { interactions.values[$0] })
        }
        let lists = BlockRanking.lists(recommender, requests: requests, count: cutoff).compactMap { $0 }
        return zip(lists, relevant).map { RankingMetrics.ndcg($0, relevant: $1, at: cutoff) }
    }

    /// Trains (once per method and seed; later calls reuse the model) and wraps the model for `context`.
    static func spec(_ method: MetaLearningMethod, configuration base: SocialMetaConfiguration = SocialMetaConfiguration()) -> MethodSpec {
        let cache = ModelCache()
        return MethodSpec(name: method.rawValue) { context in
            let model = try cache.model(seed: context.seed) {
                var c = base
                c.method = method
                c.seed = context.seed
                let validation = MetaValidation(interactions: context.interactions, training: context.training, split: context.split,
                                                threshold: EvaluationSettings().threshold(for: context.training.feedback),
                                                seed: context.seed)
                var lastGood: SocialMetaModel?
                return try SocialMetaTrainer(configuration: c, training: context.training).train(
                    validation: validation, lastGood: &lastGood).model
            }
            return SocialMetaRecommender(model: model, data: context.visible)
        }
    }
}

/// Trained models by seed, shared across the support sizes of one evaluation.
final class ModelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var models: [UInt64: SocialMetaModel] = [:]

    func model(seed: UInt64, train: () throws -> SocialMetaModel) throws -> SocialMetaModel {
        lock.lock()
        defer { lock.unlock() }
        if let m = models[seed] { return m }
        let m = try train()
        models[seed] = m
        return m
    }
}
