import GraphFeatures
import RecData

/// Content-based filtering: the cosine of each item's features with the person's profile (the
/// features of their known items), plus popularity in a small share that orders what the profile
/// does not reach. With no known items it is most-popular.
public struct ContentBased: Recommender {
    public let name = "content"
    public let data: VisibleData
    public let content: ItemContent
    /// The weight of popularity (relative to the most popular item) beside the cosine.
    public var popularityWeight: Float
    /// The weights tried on validation users.
    public static let grid: [Float] = [0.01, 0.1, 0.3]

    public init(_ data: VisibleData, popularityWeight: Float = 0.1) {
        self.data = data
        content = data.content ?? ItemContent(data.itemFeatures)
        self.popularityWeight = popularityWeight
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: data.itemCount)
        var scores = content.cosines(content.profile(support.items))
        let index = data.interactions, top = Float(max(1, index.maxPopularity))
        for i in scores.indices { scores[i] += popularityWeight * Float(index.popularity(Int32(i))) / top }
        return Baseline.rank(scores, count: count, for: request, support: support.items)
    }
}

/// What a careful practitioner would build by hand from content and friends: social popularity's
/// vote, re-weighted by how well each item's features match the person's profile (their known
/// items, or with none yet the items their friends chose): vote · (1 + γ · cosine).
public struct ContentSocial: Recommender {
    public let name = "content-social"
    public let vote: SocialPopularity
    public let content: ItemContent
    public var matchWeight: Float

    /// γ and the vote's two-hop weight; γ = 0 is social popularity itself, so the hybrid is never
    /// chosen below the vote it starts from on validation users.
    public struct Configuration: Sendable, CustomStringConvertible {
        public var matchWeight: Float
        public var twoHopWeight: Float
        public var description: String { "match weight \(matchWeight), two-hop weight \(twoHopWeight)" }
    }

    /// The settings tried on validation users.
    public static let grid: [Configuration] = [Float(0.2), 1].flatMap { twoHop in
        [Float(0), 0.5, 2, 8].map { Configuration(matchWeight: $0, twoHopWeight: twoHop) }
    }

    public init(_ data: VisibleData, matchWeight: Float = 2, twoHopWeight: Float = 0.1) {
        vote = SocialPopularity(data, twoHopWeight: twoHopWeight)
        content = data.content ?? ItemContent(data.itemFeatures)
        self.matchWeight = matchWeight
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let data = vote.data
        let support = Baseline.support(request, itemCount: data.itemCount)
        let (votes, brought) = vote.score(request)
        let match = ContentMatch(content: content, supportItems: support.items, friends: request.friends(in: data.graph),
                                 interactions: data.interactions).matches()
        var scores = votes
        for i in scores.indices { scores[i] *= 1 + matchWeight * match[i] }
        return Baseline.rank(scores, count: count, for: request, support: support.items).map {
            ScoredItem(item: $0.item, score: $0.score, broughtBy: brought[$0.item] ?? [])
        }
    }
}
