import GraphFeatures
import RecData
import SocialGraphModule

/// Most popular items among the visible interactions.
public struct MostPopular: RegisteredBaseline {
    /// The name reports and the command line use for this method.
    public static let methodName = "most-popular"
    /// Its place in tables, among the baselines.
    public static let listPosition = 10
    /// Nothing to tune.
    public static let grid = [Untuned()]
    /// The only setting.
    public static let defaultConfiguration = Untuned()
    private let ranked: [Int32]
    private let popularity: [Float]

    /// Ranks the catalogue once by visible popularity, most chosen first (ties to the smaller index).
    /// - Parameters:
    ///   - data: the visible interactions to count.
    public init(_ data: VisibleData) {
        ranked = data.interactions.itemsByPopularity()
        popularity = (0..<Int32(data.itemCount)).map { Float(data.interactions.popularity($0)) }
    }

    /// As `init(_:)`: there is nothing to set and nothing drawn.
    /// - Parameters:
    ///   - data: the visible interactions to count.
    ///   - configuration: the only setting.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Untuned, seed: UInt64) { self.init(data) }

    /// The most popular items that are not support items (and are among `onlyAmong`, when given).
    /// - Parameters:
    ///   - request: the person; only their support items and `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, most popular first, each scored by its interaction count.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let exclude = Set(request.supportItems)
        let among = request.onlyAmong.map(Set.init)
        return ranked.lazy.filter { !exclude.contains($0) && among?.contains($0) != false }.prefix(count)
            .map { ScoredItem(item: $0, score: popularity[Int($0)]) }
    }
}

/// Friends' items weighted by tie strength, then friends of friends' items weighted by personalised
/// PageRank, then global popularity to fill up: `SocialVote`, the score the meta-learner starts from.
public struct SocialPopularity: RegisteredBaseline {
    /// The name reports and the command line use for this method.
    public static let methodName = "social-popularity"
    /// Its place in tables, among the baselines.
    public static let listPosition = 20
    /// The visible graph and interactions the vote reads.
    public let data: VisibleData
    /// Weight of friends of friends relative to one friend; chosen on validation users.
    public var twoHopWeight: Float
    private let maxPopularity: Int
    /// The weight of friends of friends, the one setting.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// As `SocialPopularity.twoHopWeight`.
        public var twoHopWeight: Float
        /// The setting as reports list the chosen configuration.
        public var description: String { "two-hop weight \(twoHopWeight)" }
    }
    /// The two-hop weights tried on validation users.
    public static let grid = [Float(0), 0.05, 0.2, 1].map(Configuration.init)
    /// The two-hop weight it serves with.
    public static let defaultConfiguration = Configuration(twoHopWeight: 0.1)

    /// Social popularity over `data`; the maximum popularity is read once for the floor.
    /// - Parameters:
    ///   - data: the visible graph and interactions.
    ///   - twoHopWeight: the weight of friends of friends relative to one friend; 0 leaves them out
    ///     (and skips the personalised PageRank), `grid` tries 0 to 1.
    public init(_ data: VisibleData, twoHopWeight: Float = defaultConfiguration.twoHopWeight) {
        self.data = data
        self.twoHopWeight = twoHopWeight
        maxPopularity = data.interactions.maxPopularity
    }

    /// As `init(_:twoHopWeight:)`; nothing is drawn.
    /// - Parameters:
    ///   - data: the visible graph and interactions.
    ///   - configuration: the two-hop weight.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration, seed: UInt64) {
        self.init(data, twoHopWeight: configuration.twoHopWeight)
    }

    /// Ranks by `score(_:)`: the friends' vote, then the wider vote, then popularity.
    /// - Parameters:
    ///   - request: the person: their friends (named, or a known user's in the graph) and support items.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item, each with the friends who chose it.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let (scores, brought) = score(request)
        return topItems(request.restricted(scores), count: count, excluding: Set(request.supportItems)).map {
            ScoredItem(item: $0.item, score: $0.score, broughtBy: brought[$0.item] ?? [])
        }
    }

    /// The vote of `request`'s friends and the people beyond them.
    public func vote(_ request: RecommendationRequest) -> SocialVote {
        let g = data.graph
        let friends = request.friends(in: g)
        var reach: [(node: Int32, score: Double)] = []
        if twoHopWeight > 0, let user = request.user {
            var ppr = PersonalisedPageRank(graph: g, tolerance: SocialVote.pageRankTolerance)
            reach = ppr.scores(from: user)
        }
        return SocialVote(user: request.user, friends: friends, ties: request.user.map { u in friends.map { g.tieStrength(u, $0) } },
                          reach: reach, twoHopWeight: twoHopWeight)
    }

    /// Dense scores over all items, and which friends chose each scored item.
    public func score(_ request: RecommendationRequest) -> (scores: [Float], broughtBy: [Int32: [Int32]]) {
        let index = data.interactions
        var votes = [Float](repeating: 0, count: data.itemCount)
        vote(request).forEachVote(index) { i, weight in votes[Int(i)] += weight }
        var brought: [Int32: [Int32]] = [:]
        for v in request.friends(in: data.graph) {
            for i in index.items(of: v) { brought[i, default: []].append(v) }
        }
        let scores = (0..<data.itemCount).map { i in
            SocialVote.popularityFloor(popularity: index.popularity(Int32(i)), maxPopularity: maxPopularity) + votes[i]
        }
        return (scores, brought)
    }
}
