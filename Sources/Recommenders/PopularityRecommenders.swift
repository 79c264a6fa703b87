import RecData
import SocialGraph

/// Most popular items among the visible interactions.
public struct MostPopular: Recommender {
    public let name = "most-popular"
    private let ranked: [Int32]
    private let popularity: [Float]

    public init(_ data: VisibleData) {
        ranked = data.interactions.itemsByPopularity()
        popularity = (0..<Int32(data.itemCount)).map { Float(data.interactions.popularity($0)) }
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let exclude = Set(request.supportItems)
        return ranked.lazy.filter { !exclude.contains($0) }.prefix(count)
            .map { ScoredItem(item: $0, score: popularity[Int($0)]) }
    }
}

/// Friends' items weighted by tie strength, then friends of friends' items weighted by personalised
/// PageRank, then global popularity to fill up.
///
/// score(i) = Σ_friends (1 + Adamic–Adar(u, v)) [v chose i]
///          + twoHopWeight · Σ_{w at 2 hops} ppr(u, w) / max ppr · [w chose i]
///          + popularityWeight · popularity(i) / max popularity
public struct SocialPopularity: Recommender {
    public let name = "social-popularity"
    public let data: VisibleData
    /// Weight of friends of friends relative to one friend; chosen on validation users.
    public var twoHopWeight: Float
    public var popularityWeight: Float = 1e-3
    private let maxPopularity: Float

    public init(_ data: VisibleData, twoHopWeight: Float = 0.1) {
        self.data = data
        self.twoHopWeight = twoHopWeight
        maxPopularity = Float(max(1, (0..<Int32(data.itemCount)).map { data.interactions.popularity($0) }.max() ?? 1))
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let (scores, brought) = score(request)
        return topItems(scores, count: count, excluding: Set(request.supportItems)).map {
            ScoredItem(item: $0.item, score: $0.score, broughtBy: brought[$0.item] ?? [])
        }
    }

    /// Dense scores over all items, and which friends chose each scored item.
    public func score(_ request: RecommendationRequest) -> (scores: [Float], broughtBy: [Int32: [Int32]]) {
        let g = data.graph, index = data.interactions
        var scores = (0..<Int32(data.itemCount)).map { popularityWeight * Float(index.popularity($0)) / maxPopularity }
        var brought: [Int32: [Int32]] = [:]
        let friends = request.friends(in: g)
        for v in friends {
            let weight = 1 + Float(request.user.map { g.tieStrength($0, v).adamicAdar } ?? 0)
            for i in index.items(of: v) {
                scores[Int(i)] += weight
                brought[i, default: []].append(v)
            }
        }
        if twoHopWeight > 0, let user = request.user {
            var ppr = PersonalisedPageRank(graph: g)
            let reach = ppr.scores(from: user)
            let friendSet = Set(friends)
            let top = reach.lazy.filter { $0.node != user && !friendSet.contains($0.node) }.map(\.score).max() ?? 0
            if top > 0 {
                for (w, s) in reach where w != user && !friendSet.contains(w) {
                    let weight = twoHopWeight * Float(s / top)
                    for i in index.items(of: w) { scores[Int(i)] += weight }
                }
            }
        }
        return (scores, brought)
    }
}
