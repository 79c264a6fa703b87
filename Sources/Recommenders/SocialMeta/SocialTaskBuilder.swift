import GraphFeatures
import MetaLearning
import RecData
import SocialGraphModule

/// Turns a person into a `MetaTask`: their support (and, when training, query) items as examples with
/// pair features; their context friends' items as context sets; a pool of negatives with real pair
/// features. Built only from the data it is given, so training sees training data and nothing else.
public struct SocialTaskBuilder: Sendable {
    /// The data tasks and features are built from (training data, when training).
    public let data: VisibleData
    /// With `social` false this is the non-social twin: no context sets and no friend features.
    public var social: Bool
    /// The most context friends per person, strongest ties first.
    public var maxFriends: Int
    /// Items taken from each friend's history for their context set.
    public var itemsPerFriend: Int
    /// How many uniform negatives a task draws at most (never a friend's item or the task's own).
    public var negativePoolSize: Int
    /// The social vote's weight on people beyond the friends (social popularity's two-hop weight).
    public var twoHopWeight: Float
    /// Item factors of an implicit ALS model of the training data: the collaborative prior, a
    /// closed-form user state folded in from the support and the context friends' items.
    public let collaborative: ALSFactors?
    /// The items' feature vectors, where the data has features: the vote × content match feature.
    public var content: ItemContent? { data.content }
    private let popular: [Int32]

    /// A builder over `data`; the 200 most popular items are kept for serving's candidates.
    /// - Parameters:
    ///   - data: the data to build from.
    ///   - social: false for the non-social twin: no context sets and no friend features.
    ///   - maxFriends: the most context friends per person.
    ///   - itemsPerFriend: items taken from each friend's history for their context set.
    ///   - negativePoolSize: the most negatives a task draws.
    ///   - twoHopWeight: the social vote's weight on people beyond the friends.
    ///   - collaborative: ALS item factors for the collaborative prior; nil for none.
    public init(data: VisibleData, social: Bool, maxFriends: Int = 8, itemsPerFriend: Int = 10, negativePoolSize: Int = 1000,
                twoHopWeight: Float = 1, collaborative: ALSFactors? = nil) {
        self.data = data
        self.collaborative = collaborative
        self.social = social
        self.maxFriends = maxFriends
        self.itemsPerFriend = itemsPerFriend
        self.negativePoolSize = negativePoolSize
        self.twoHopWeight = twoHopWeight
        popular = Array(data.interactions.itemsByPopularity().prefix(200))
    }

    /// The builder a trained model's configuration describes.
    /// - Parameters:
    ///   - data: the data to build from.
    ///   - c: the model's settings: social or not, the friends and items per friend, the two-hop weight, and the loss (a
    ///     softmax over more than 1000 negatives gets a pool that large; otherwise the pool holds 1000).
    ///   - collaborative: the model's ALS item factors; nil when it has none.
    public init(data: VisibleData, configuration c: SocialMetaConfiguration, collaborative: ALSFactors?) {
        self.init(data: data, social: c.method.isSocial, maxFriends: c.maxFriends, itemsPerFriend: c.itemsPerFriend,
                  negativePoolSize: max(1000, c.loss == .softmax ? c.softmaxNegatives : 0),
                  twoHopWeight: c.twoHopWeight, collaborative: collaborative)
    }

    /// The width of a feature row: the pair features, the collaborative prior when there is one,
    /// and the content match. The last two are dense (every item has one) and enter the score
    /// through their direct weights only (`denseColumns`).
    public var featureWidth: Int { PairFeatures.width + Self.denseColumns(collaborative: collaborative != nil) }
    /// The collaborative prior's column (when there is one).
    public var collaborativeColumn: Int { PairFeatures.width }
    /// The content match's column: the cosine of the item's features with the person's profile,
    /// 0 without item features. Dense, so it reaches items nobody has chosen yet (item cold-start).
    public var contentColumn: Int { featureWidth - 1 }

    /// How many dense columns follow the pair features.
    public static func denseColumns(collaborative: Bool) -> Int { (collaborative ? 1 : 0) + 1 }

    /// The social context of a person: their ranked context friends, tie features, pair features,
    /// and every friend (whose items are never the person's negatives).
    public struct Context: Sendable {
        /// The context friends with their tie strengths, best first.
        public var friends: [(friend: Int32, tie: TieStrength)]
        /// Row-major friends × `TieFeatures.width`.
        public var tieFeatures: [Float]
        /// The person's per-item features: friends' votes, co-occurrence with the support, popularity.
        public var pairFeatures: PairFeatures
        /// Every friend (graph neighbours or named), context friend or not; empty for the non-social twin.
        public var allFriends: [Int32]
        /// The person's ALS vector (empty without a collaborative prior).
        public var collaborativeState: [Float]
        /// How items match the person's content profile (nil without item features).
        public var contentMatch: ContentMatch?
    }

    /// The social context of a person: their friends from the graph, or the ones they named (none for the non-social twin).
    /// - Parameters:
    ///   - user: the known user, or nil for a newcomer.
    ///   - namedFriends: a newcomer's friends; nil means the user's friends in the graph.
    ///   - supportItems: the person's known items.
    /// - Returns: The context friends, their tie and pair features, every friend, and the dense priors' state.
    public func context(user: Int32?, namedFriends: [Int32]?, supportItems: [Int32]) -> Context {
        let selection = FriendSelection(graph: data.graph, interactions: data.interactions, maxFriends: maxFriends)
        var friends: [(friend: Int32, tie: TieStrength)] = []
        var ties: [(friend: Int32, tie: TieStrength)] = []
        var reach: [(node: Int32, score: Double)] = []
        if social {
            if let user, namedFriends == nil {
                ties = selection.ties(of: user)
                friends = selection.friends(among: ties)
                var ppr = PersonalisedPageRank(graph: data.graph, tolerance: SocialVote.pageRankTolerance)
                reach = ppr.scores(from: user).filter { $0.node != user }
            } else if let namedFriends {
                friends = selection.friends(named: namedFriends)
            }
        }
        let pprScores = Dictionary(uniqueKeysWithValues: reach.map { ($0.node, $0.score) })
        let allFriends = social ? graphFriends(user: user, named: namedFriends) : []
        let friendSet = Set(allFriends)
        let twoHop = Array(reach.lazy.filter { !friendSet.contains($0.node) }.prefix(50))
        let vote = namedFriends == nil
            ? SocialVote(user: user, friends: ties.map(\.friend), ties: ties.map(\.tie), reach: reach, twoHopWeight: twoHopWeight)
            : SocialVote(user: nil, friends: allFriends, ties: nil, reach: [], twoHopWeight: twoHopWeight)
        let contentMatch = content.map { ContentMatch(content: $0, supportItems: supportItems, friends: allFriends, interactions: data.interactions) }
        return Context(
            friends: friends,
            tieFeatures: TieFeatures.matrix(friends: friends, ppr: pprScores, supportItems: supportItems,
                                            interactions: data.interactions),
            pairFeatures: PairFeatures(friends: friends, vote: vote, twoHop: twoHop, friendCount: allFriends.count,
                                       supportItems: supportItems, interactions: data.interactions, excluding: user,
                                       content: contentMatch, coOccurrenceRows: data.coOccurrence),
            allFriends: allFriends,
            collaborativeState: collaborativeState(supportItems: supportItems, friends: friends.map(\.friend)),
            contentMatch: contentMatch)
    }

    /// The ALS fold-in of the support items (confidence weight 1 each) and the context friends'
    /// context-set items (1 / friends each, summed over friends): at k = 0, the friends' taste.
    private func collaborativeState(supportItems: [Int32], friends: [Int32]) -> [Float] {
        guard let collaborative else { return [] }
        var items = supportItems, weights = [Float](repeating: 1, count: supportItems.count)
        for v in friends {
            for i in data.interactions.items(of: v).suffix(itemsPerFriend) {
                items.append(i)
                weights.append(1 / Float(friends.count))
            }
        }
        return collaborative.foldIn(items: items, weights: weights)
    }

    private func graphFriends(user: Int32?, named: [Int32]?) -> [Int32] {
        if let named { return named }
        return user.map { data.graph.neighbours($0) } ?? []
    }

    /// Examples for `items` with their targets, from `context`'s features.
    /// - Parameters:
    ///   - items: the examples' items, each in the catalogue.
    ///   - targets: one target per item, in the same order.
    ///   - context: the person's context, which gives each example's `featureWidth` features.
    public func examples(_ items: [Int32], targets: [Float], context: Context) -> ExampleSet<Float> {
        ExampleSet(items: items, targets: targets, pairFeatures: features(items, context: context), pairFeatureWidth: featureWidth)
    }

    /// Row-major `items.count × featureWidth` feature rows.
    /// - Parameters:
    ///   - items: the items to describe, each in the catalogue.
    ///   - context: the person's context: their pair features, ALS state and content match.
    public func features(_ items: [Int32], context: Context) -> [Float] {
        var out = context.pairFeatures.matrix(items, rowWidth: featureWidth)
        let width = featureWidth
        if let collaborative {
            for (k, i) in items.enumerated() { out[k * width + collaborativeColumn] = collaborative.score(i, context.collaborativeState) }
        }
        if let match = context.contentMatch {
            for (k, i) in items.enumerated() { out[k * width + contentColumn] = match.match(i) }
        }
        return out
    }

    /// A task for a person: support and query examples, friends' context sets weighted by
    /// `influence`, and a pool of negatives drawn uniformly from the catalogue, never a friend's item or the task's own.
    /// - Parameters:
    ///   - context: the person's context, from `context(user:namedFriends:supportItems:)`.
    ///   - support: the items to adapt on.
    ///   - supportTargets: one target per support item.
    ///   - query: the items the adapted model is judged on; empty when recommending.
    ///   - queryTargets: one target per query item.
    ///   - influence: weighs the context friends' sets by a softmax over their tie features.
    ///   - contextWeights: receives each context friend's weight, in the order of `context.friends`.
    ///   - seed: seeds the draw of negatives: at most `negativePoolSize`, fewer when 8 × that many draws do not find them.
    public func task(
        context: Context, support: [Int32], supportTargets: [Float], query: [Int32] = [], queryTargets: [Float] = [],
        influence: InfluenceScorer, contextWeights: inout [Float], seed: UInt64
    ) -> MetaTask<Float> {
        contextWeights = influence.weights(context.tieFeatures)
        var contexts: [ContextSet<Float>] = []
        for (k, (v, _)) in context.friends.enumerated() {
            let items = Array(data.interactions.items(of: v).suffix(itemsPerFriend))
            let values = Array(data.interactions.values(of: v).suffix(itemsPerFriend))
            contexts.append(ContextSet(examples: examples(items, targets: targets(values), context: context),
                                       weight: contextWeights[k]))
        }
        // Uniform negatives, never an item a friend chose: those are likely positives, and drawing
        // them teaches the model to rank down the very items the social vote rightly puts first.
        // Nor one of the task's own: the softmax's negatives are shared by every positive.
        var friendsItems = Set<Int32>(support + query)
        for v in context.allFriends { friendsItems.formUnion(data.interactions.items(of: v)) }
        var rng = SplitMix64(seed: seed)
        var pool = Set<Int32>()
        let wanted = min(negativePoolSize, data.itemCount - friendsItems.count)
        var attempts = 0
        while pool.count < wanted && attempts < 8 * negativePoolSize {
            attempts += 1
            let item = Int32(rng.below(UInt64(data.itemCount)))
            if !friendsItems.contains(item) { pool.insert(item) }
        }
        let negatives = pool.sorted()
        return MetaTask(
            support: examples(support, targets: supportTargets, context: context),
            query: examples(query, targets: queryTargets, context: context),
            contexts: contexts,
            negativePool: examples(negatives, targets: [Float](repeating: 0, count: negatives.count), context: context))
    }

    /// Targets for a ranking loss: every interaction is a positive.
    public func targets(_ values: ArraySlice<Float>) -> [Float] { [Float](repeating: 1, count: values.count) }
    /// Targets for a ranking loss: every interaction is a positive.
    /// - Parameters:
    ///   - values: the interactions' values; only their number matters.
    /// - Returns: A 1 for each value.
    public func targets(_ values: [Float]) -> [Float] { [Float](repeating: 1, count: values.count) }

    /// Candidates for serving: the items friends, friends of friends and the support set point at
    /// most strongly, then popular items; at most `limit`.
    /// - Parameters:
    ///   - context: the person's context, whose pair features say which items are pointed at.
    ///   - limit: the most candidates; the items pointed at fill at most `limit` less a quarter of the popular items kept
    ///     (50 when 200 are kept), popular items the rest.
    /// - Returns: The items pointed at (the strongest, in no set order, when there are too many), then popular items not
    ///   among them; support items are not left out.
    public func candidates(context: Context, limit: Int) -> [Int32] {
        let features = context.pairFeatures
        let wanted = max(0, limit - popular.count / 4)
        var pointedAt = features.touchedItems
        if pointedAt.count > wanted {
            // Keep the `wanted` strongest without sorting them all: a request can touch tens of
            // thousands of items, and their order does not matter (the model ranks them next).
            var scored = pointedAt.map { (item: $0, affinity: features.affinity($0)) }
            scored.selectFirst(wanted) { $0.affinity != $1.affinity ? $0.affinity > $1.affinity : $0.item < $1.item }
            pointedAt = scored.prefix(wanted).map(\.item)
        }
        var seen = Set(pointedAt)
        var out = pointedAt
        for i in popular where out.count < limit && seen.insert(i).inserted { out.append(i) }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif
