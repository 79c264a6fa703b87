import GraphFeatures
import MetaLearning
import RecData
import SocialGraph

/// Turns a person into a `MetaTask`: their support (and, when training, query) items as examples with
/// pair features; their context friends' items as context sets; a pool of negatives with real pair
/// features. Built only from the data it is given, so training sees training data and nothing else.
public struct SocialTaskBuilder: Sendable {
    public let data: VisibleData
    /// With `social` false this is the non-social twin: no context sets and no friend features.
    public var social: Bool
    public var maxFriends: Int
    /// Items taken from each friend's history for their context set.
    public var itemsPerFriend: Int
    public var negativePoolSize: Int
    private let logMaxPopularity: Float
    private let popular: [Int32]

    public init(data: VisibleData, social: Bool, maxFriends: Int = 8, itemsPerFriend: Int = 10, negativePoolSize: Int = 64) {
        self.data = data
        self.social = social
        self.maxFriends = maxFriends
        self.itemsPerFriend = itemsPerFriend
        self.negativePoolSize = negativePoolSize
        let index = data.interactions
        let maxPopularity = (0..<Int32(data.itemCount)).map(index.popularity).max() ?? 1
        logMaxPopularity = Float(log1p(Double(maxPopularity)))
        popular = Array(index.itemsByPopularity().prefix(200))
    }

    /// The social context of a person: their ranked context friends, tie features, and pair features.
    public struct Context: Sendable {
        public var friends: [(friend: Int32, tie: TieStrength)]
        /// Row-major friends × `TieFeatures.width`.
        public var tieFeatures: [Float]
        public var pairFeatures: PairFeatures
    }

    public func context(user: Int32?, namedFriends: [Int32]?, supportItems: [Int32]) -> Context {
        let selection = FriendSelection(graph: data.graph, interactions: data.interactions, maxFriends: maxFriends)
        var friends: [(friend: Int32, tie: TieStrength)] = []
        var ties: [(friend: Int32, tie: TieStrength)] = []
        var reach: [(node: Int32, score: Double)] = []
        if social {
            if let user, namedFriends == nil {
                ties = selection.ties(of: user)
                friends = selection.friends(among: ties)
                var ppr = PersonalisedPageRank(graph: data.graph, tolerance: 1e-3)
                reach = ppr.scores(from: user).filter { $0.node != user }
            } else if let namedFriends {
                friends = selection.friends(named: namedFriends)
            }
        }
        let pprScores = Dictionary(uniqueKeysWithValues: reach.map { ($0.node, $0.score) })
        let allFriends = social ? graphFriends(user: user, named: namedFriends) : []
        let friendSet = Set(allFriends)
        let beyond = reach.filter { !friendSet.contains($0.node) }
        let twoHop = Array(beyond.prefix(50))
        // The vote is social popularity's score (friends of friends at full weight): each friend
        // counts 1 + Adamic–Adar, each person beyond by their PageRank relative to the strongest.
        var voters: [(person: Int32, weight: Float)] = if namedFriends == nil {
            ties.map { ($0.friend, 1 + Float($0.tie.adamicAdar)) }
        } else {
            allFriends.map { ($0, 1) }
        }
        if let top = beyond.map(\.score).max(), top > 0 {
            voters += beyond.map { ($0.node, Float($0.score / top)) }
        }
        return Context(
            friends: friends,
            tieFeatures: TieFeatures.matrix(friends: friends, ppr: pprScores, supportItems: supportItems,
                                            interactions: data.interactions),
            pairFeatures: PairFeatures(friends: friends, voters: voters,
                                       twoHop: twoHop, supportItems: supportItems,
                                       interactions: data.interactions, logMaxPopularity: logMaxPopularity, excluding: user))
    }

    private func graphFriends(user: Int32?, named: [Int32]?) -> [Int32] {
        if let named { return named }
        return user.map { data.graph.neighbours($0) } ?? []
    }

    /// Examples for `items` with their targets, from `context`'s pair features.
    public func examples(_ items: [Int32], targets: [Float], context: Context) -> ExampleSet<Float> {
        ExampleSet(items: items, targets: targets, pairFeatures: context.pairFeatures.matrix(items),
                   pairFeatureWidth: PairFeatures.width)
    }

    /// A task for a person: support and query examples, friends' context sets weighted by
    /// `influence`, and negatives drawn from popular items, friends' items and the whole catalogue.
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
        var rng = SplitMix64(seed: seed)
        var pool = Set<Int32>()
        let touched = Array(context.pairFeatures.touchedItems)
        // Mostly uniform negatives, as in BPR; a third from the items friends and the support set
        // point at, the hard cases. Popular items are not favoured: that would teach the model to
        // rank popular items down, which top-N accuracy punishes.
        while pool.count < min(negativePoolSize, data.itemCount) {
            if rng.next() % 3 == 0, !touched.isEmpty {
                pool.insert(touched[Int(rng.next() % UInt64(touched.count))])
            } else {
                pool.insert(Int32(rng.next() % UInt64(data.itemCount)))
            }
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
    public func targets(_ values: [Float]) -> [Float] { [Float](repeating: 1, count: values.count) }

    /// Candidates for serving: the items friends, friends of friends and the support set point at
    /// most strongly, then popular items; at most `limit`.
    public func candidates(context: Context, limit: Int) -> [Int32] {
        let features = context.pairFeatures
        let wanted = max(0, limit - popular.count / 4)
        var pointedAt = features.touchedItems
        if pointedAt.count > wanted {
            // Keep the `wanted` strongest without sorting them all: a request can touch tens of
            // thousands of items, and their order does not matter (the model ranks them next).
            let affinity = pointedAt.map(features.affinity)
            let threshold = Self.kthLargest(affinity, wanted)
            var kept: [Int32] = []
            kept.reserveCapacity(wanted)
            for (i, a) in zip(pointedAt, affinity) where a > threshold { kept.append(i) }
            for (i, a) in zip(pointedAt, affinity) where a == threshold && kept.count < wanted { kept.append(i) }
            pointedAt = kept
        }
        var seen = Set(pointedAt)
        var out = pointedAt
        for i in popular where out.count < limit && seen.insert(i).inserted { out.append(i) }
        return out
    }

    /// The k-th largest value (1-based) by quickselect: expected linear time.
    static func kthLargest(_ values: [Float], _ k: Int) -> Float {
        var a = values
        var lo = 0, hi = a.count - 1
        let target = k - 1
        while lo < hi {
            let pivot = a[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while a[i] > pivot { i += 1 }
                while a[j] < pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { return a[target] }
        }
        return a[target]
    }
}

#if canImport(Glibc)
import Glibc
#endif
