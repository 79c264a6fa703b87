import GraphFeatures
import MetaLearning
import RecData

/// Recommends with a trained social meta-learner: adapt a copy of the initialisation on the
/// person's support set and their friends' context sets (weighted by learned influence), then rank
/// candidates with the adapted model. Nothing is stored.
public struct SocialMetaRecommender: ExplainingRecommender {
    /// Which items the adapted model scores.
    public enum Candidates: Sendable {
        /// Every item: what the evaluation protocol asks for.
        case catalogue
        /// Friends', friends-of-friends', co-occurring and popular items, at most this many: serving.
        case graph(limit: Int)
    }

    /// The trained model; it ranks everyone, except people with no known items when it has `newcomers`.
    public let model: SocialMetaModel
    /// Builds `model`'s tasks and features from the visible data.
    public let builder: SocialTaskBuilder
    /// Who ranks people with no known items: `model.forNewcomers`, with its own builder.
    private let newcomers: (model: SocialMetaModel, builder: SocialTaskBuilder)?
    /// Which items are scored; a request with `onlyAmong` is always scored over the catalogue.
    public var candidates: Candidates
    /// The method's name, e.g. `social-maml`.
    public var name: String { model.configuration.method.rawValue }

    /// Builds the task builders of `model` (and of its newcomers' model) over `data`.
    /// - Parameters:
    ///   - model: the trained model (and its newcomers' model, if any).
    ///   - data: the data visible when recommending: graph, interactions and item features.
    ///   - candidates: the whole catalogue (evaluation) or the graph's candidates (serving).
    public init(model: SocialMetaModel, data: VisibleData, candidates: Candidates = .catalogue) {
        self.model = model
        builder = SocialTaskBuilder(data: data, configuration: model.configuration, collaborative: model.collaborative)
        if model.newcomers != nil {
            let forNewcomers = model.forNewcomers
            newcomers = (forNewcomers, SocialTaskBuilder(data: data, configuration: forNewcomers.configuration,
                                                         collaborative: model.collaborative))
        } else {
            newcomers = nil
        }
        self.candidates = candidates
    }

    /// The model and builder for `request`.
    private func ranker(_ request: RecommendationRequest) -> (model: SocialMetaModel, builder: SocialTaskBuilder) {
        if request.supportItems.isEmpty, let newcomers { return newcomers }
        return (model, builder)
    }

    /// The adapted model's view of a person: their context friends with influence weights.
    public struct Adapted: Sendable {
        /// The person's social context: context friends, tie features and pair features.
        public var context: SocialTaskBuilder.Context
        /// Each context friend's weight, in the order of `context.friends`.
        public var influence: [Float]
        /// The adapted part of the parameters (user state and decision layers) after the inner steps.
        public var parameters: [Float]
    }

    /// Adapts a copy of the initialisation on the request's support set and its friends' context sets.
    /// - Parameters:
    ///   - request: the person: their support items and values, and their friends.
    /// - Returns: The person's context, the friends' influence weights and the adapted parameters.
    public func adapt(_ request: RecommendationRequest) -> Adapted {
        let (model, builder) = ranker(request)
        let context = builder.context(user: request.user, namedFriends: request.friends, supportItems: request.supportItems)
        var weights: [Float] = []
        let task = builder.task(context: context, support: request.supportItems,
                                supportTargets: builder.targets(request.supportValues),
                                influence: model.influence, contextWeights: &weights, seed: model.configuration.seed)
        var learner = model.learner.clone(for: task, seed: model.configuration.seed)
        learner.adapt(steps: model.configuration.innerSteps)
        return Adapted(context: context, influence: weights, parameters: learner.adaptedParameters)
    }

    /// The list of `explainedList(_:count:)`, without the influence.
    /// - Parameters:
    ///   - request: the person to recommend for.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item, each with the friends who chose it.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        explainedList(request, count: count).items
    }

    /// Adapts on the request, scores the candidates and ranks them, keeping the friends' influence.
    /// - Parameters:
    ///   - request: the person to recommend for.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, each with the friends who chose it (most
    ///   influential first), and every context friend's weight.
    public func explainedList(_ request: RecommendationRequest, count: Int) -> ExplainedList {
        let adapted = adapt(request)
        let (model, builder) = ranker(request)
        let matches = adapted.context.contentMatch?.matches()
        let dense: [Float]
        // A ranking among given items (item cold-start) needs their scores, graph-reached or not.
        switch request.onlyAmong == nil ? candidates : .catalogue {
        case .catalogue: dense = Self.catalogueScores(adapted, model: model, builder: builder, contentMatches: matches)
        case .graph(let limit):
            let items = builder.candidates(context: adapted.context, limit: max(limit, count + request.supportItems.count))
            if items.count < count + request.supportItems.count {
                // Fewer candidates than asked for: rank everything, so the list has exactly `count`
                // items whenever the catalogue holds them.
                dense = Self.catalogueScores(adapted, model: model, builder: builder, contentMatches: matches)
            } else {
                var scores = [Float](repeating: -.infinity, count: builder.data.itemCount)
                for (i, s) in zip(items, Self.score(items, adapted, model: model, builder: builder)) { scores[Int(i)] = s }
                dense = scores
            }
        }
        return ExplainedList(items: list(request, adapted, dense: dense, tieBreak: matches, count: count),
                             influence: Self.byInfluence(adapted))
    }

    /// The context friends and their weights, most influential first.
    private static func byInfluence(_ adapted: Adapted) -> [(friend: Int32, weight: Float)] {
        zip(adapted.context.friends.map(\.friend), adapted.influence).map { (friend: $0, weight: $1) }.sorted { $0.weight > $1.weight }
    }

    /// The same lists as one `recommend` each; over the catalogue, the collaborative prior of the
    /// whole batch is one pass over the item factors.
    /// - Parameters:
    ///   - requests: the people to recommend for.
    ///   - count: the most items in each list.
    /// - Returns: One list per request, in the requests' order.
    public func recommend(_ requests: [RecommendationRequest], count: Int) -> [[ScoredItem]] {
        guard case .catalogue = candidates, let collaborative = builder.collaborative, requests.count > 1 else {
            return requests.map { recommend($0, count: count) }
        }
        let adapted = requests.map(adapt)
        let prior = collaborative.scores(adapted.map(\.context.collaborativeState))
        return requests.indices.map { r in
            let (model, builder) = ranker(requests[r])
            let matches = adapted[r].context.contentMatch?.matches()
            let dense = Self.catalogueScores(adapted[r], model: model, builder: builder, collaborativeScores: prior[r],
                                             contentMatches: matches)
            return list(requests[r], adapted[r], dense: dense, tieBreak: matches, count: count)
        }
    }

    /// The top `count` of `dense`, explained: friends who chose an item, most influential first.
    /// Items the model scores alike (a new item, which nothing touches, scores as every other item
    /// nobody chose) are told apart by `tieBreak`, their content match where items have features.
    private func list(_ request: RecommendationRequest, _ adapted: Adapted, dense: [Float], tieBreak: [Float]?,
                      count: Int) -> [ScoredItem] {
        let data = ranker(request).builder.data
        let byInfluence = Self.byInfluence(adapted).map(\.friend)
        return topItems(request.restricted(dense), count: count, excluding: Set(request.supportItems), tieBreak: tieBreak).map { top in
            ScoredItem(item: top.item, score: top.score,
                       broughtBy: byInfluence.filter { data.interactions.items(of: $0).contains(top.item) })
        }
    }

    private static func score(_ items: [Int32], _ adapted: Adapted, model: SocialMetaModel, builder: SocialTaskBuilder) -> [Float] {
        model.learner.model.scores(items: items, pairFeatures: builder.features(items, context: adapted.context), adapted: adapted.parameters)
    }

    /// Every item's score. Without item embeddings an item that nothing touches enters the MLP
    /// with a row that depends on its popularity alone, so those rows are scored once per distinct
    /// popularity, and the dense collaborative prior (outside the MLP) is added per item: the MLP
    /// runs on the touched items and a few hundred rows, not on the whole catalogue; the item
    /// factors' dot product, like the collaborative prior, is added per item.
    /// `collaborativeScores`, when given, is the collaborative prior over the catalogue for this
    /// person (`ALSFactors.scores`), computed with others'; `contentMatches`, every item's content
    /// match (`ContentMatch.matches`), computed once for the scores and the list's tie-break.
    static func catalogueScores(_ adapted: Adapted, model: SocialMetaModel, builder: SocialTaskBuilder,
                                collaborativeScores: [Float]? = nil, contentMatches: [Float]?) -> [Float] {
        let itemCount = builder.data.itemCount
        guard model.configuration.embeddingWidth == 0 else {
            return score(Array(0..<Int32(itemCount)), adapted, model: model, builder: builder)
        }
        let features = adapted.context.pairFeatures
        let touched = features.touchedItems
        var isTouched = [Bool](repeating: false, count: itemCount)
        for i in touched { isTouched[Int(i)] = true }
        // One representative item per popularity, the first untouched one in catalogue order.
        let popularity = features.popularities()
        var representativeOf = [Int32](repeating: -1, count: builder.data.interactions.maxPopularity + 1)
        var representatives: [Int32] = []
        for i in 0..<itemCount where !isTouched[i] && representativeOf[popularity[i]] < 0 {
            representativeOf[popularity[i]] = Int32(i)
            representatives.append(Int32(i))
        }
        var rows = builder.features(representatives, context: adapted.context)
        let collaborative = builder.collaborative
        // A representative's own dense scores (collaborative, content) are not its group's: score
        // the rows without them and add each item's own.
        for k in representatives.indices {
            if collaborative != nil { rows[k * builder.featureWidth + builder.collaborativeColumn] = 0 }
            rows[k * builder.featureWidth + builder.contentColumn] = 0
        }
        var byPopularity = [Float](repeating: 0, count: representativeOf.count)
        // The dot product of item and user factors is dense too: it is added per item below.
        for (i, s) in zip(representatives, model.learner.model.scores(items: representatives, pairFeatures: rows,
                                                                      adapted: adapted.parameters, includingItemFactors: false)) {
            byPopularity[popularity[Int(i)]] = s
        }
        // The dense prior's one matrix–vector product is the buffer the scores are written into.
        let weight = collaborative == nil ? 0 : model.learner.model.directWeight(builder.collaborativeColumn, adapted: adapted.parameters)
        var dense = collaborativeScores ?? collaborative.map { $0.scores(adapted.context.collaborativeState) }
            ?? [Float](repeating: 0, count: itemCount)
        dense.withUnsafeMutableBufferPointer { dense in
            for i in 0..<itemCount { dense[i] = byPopularity[popularity[i]] + weight * dense[i] }
        }
        model.learner.model.addItemFactorScores(adapted: adapted.parameters, into: &dense)
        if let contentMatches {
            let contentWeight = model.learner.model.directWeight(builder.contentColumn, adapted: adapted.parameters)
            for (i, m) in contentMatches.enumerated() where m != 0 { dense[i] += contentWeight * m }
        }
        for (i, s) in zip(touched, score(touched, adapted, model: model, builder: builder)) { dense[Int(i)] = s }
        return dense
    }
}
