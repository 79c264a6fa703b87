import GraphFeatures
import MetaLearning
import RecData

/// Recommends with a trained social meta-learner: adapt a copy of the initialisation on the
/// person's support set and their friends' context sets (weighted by learned influence), then rank
/// candidates with the adapted model. Nothing is stored.
public struct SocialMetaRecommender: Recommender {
    public enum Candidates: Sendable {
        /// Every item: what the evaluation protocol asks for.
        case catalogue
        /// Friends', friends-of-friends', co-occurring and popular items, at most this many: serving.
        case graph(limit: Int)
    }

    public let model: SocialMetaModel
    public let builder: SocialTaskBuilder
    public var candidates: Candidates
    public var name: String { model.configuration.method.rawValue }

    public init(model: SocialMetaModel, data: VisibleData, candidates: Candidates = .catalogue) {
        self.model = model
        let c = model.configuration
        builder = SocialTaskBuilder(data: data, social: c.method.isSocial, maxFriends: c.maxFriends, itemsPerFriend: c.itemsPerFriend)
        self.candidates = candidates
    }

    /// The adapted model's view of a person: their context friends with influence weights.
    public struct Adapted: Sendable {
        public var context: SocialTaskBuilder.Context
        public var influence: [Float]
        public var parameters: [Float]
    }

    public func adapt(_ request: RecommendationRequest) -> Adapted {
        let context = builder.context(user: request.user, namedFriends: request.friends, supportItems: request.supportItems)
        var weights: [Float] = []
        let task = builder.task(context: context, support: request.supportItems,
                                supportTargets: builder.targets(request.supportValues),
                                influence: model.influence, contextWeights: &weights, seed: model.configuration.seed)
        var learner = model.learner.clone(for: task, seed: model.configuration.seed)
        learner.adapt(steps: model.configuration.innerSteps)
        return Adapted(context: context, influence: weights, parameters: learner.adaptedParameters)
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let adapted = adapt(request)
        let items: [Int32]
        switch candidates {
        case .catalogue: items = Array(0..<Int32(builder.data.itemCount))
        case .graph(let limit): items = builder.candidates(context: adapted.context, limit: limit)
        }
        let scores = model.learner.model.scores(items: items, pairFeatures: adapted.context.pairFeatures.matrix(items),
                                                adapted: adapted.parameters)
        var dense = [Float](repeating: -.infinity, count: builder.data.itemCount)
        for (i, s) in zip(items, scores) { dense[Int(i)] = s }
        // Friends who chose an item, most influential first, explain it.
        let byInfluence = zip(adapted.context.friends.map(\.friend), adapted.influence).sorted { $0.1 > $1.1 }.map(\.0)
        return topItems(dense, count: count, excluding: Set(request.supportItems)).map { top in
            ScoredItem(item: top.item, score: top.score,
                       broughtBy: byInfluence.filter { builder.data.interactions.items(of: $0).contains(top.item) })
        }
    }
}
