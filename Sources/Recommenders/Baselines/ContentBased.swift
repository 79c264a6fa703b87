import GraphFeatures
import RecData

/// Content-based filtering: the cosine of each item's features with the person's profile (the
/// features of their known items), plus popularity in a small share that orders what the profile
/// does not reach. With no known items it is most-popular.
public struct ContentBased: RegisteredBaseline {
    /// The name reports and the command line use for this method.
    public static let methodName = "content"
    /// Its place in tables, among the baselines.
    public static let listPosition = 90
    /// It ranks by item features.
    public static let needsItemFeatures = true
    /// The visible data, whose interactions give the popularity term.
    public let data: VisibleData
    /// The items' TF-IDF vectors that profiles and cosines are built from.
    public let content: ItemContent
    /// The weight of popularity (relative to the most popular item) beside the cosine.
    public var popularityWeight: Float
    /// The weight of popularity, the one setting.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// As `ContentBased.popularityWeight`.
        public var popularityWeight: Float
        /// The setting as reports list the chosen configuration.
        public var description: String { "popularity weight \(popularityWeight)" }
    }
    /// The weights tried on validation users.
    public static let grid = [Float(0.01), 0.1, 0.3].map(Configuration.init)
    /// The weight it serves with.
    public static let defaultConfiguration = Configuration(popularityWeight: 0.1)

    /// Uses the data's TF-IDF vectors; without item features every cosine is 0 and this is popularity.
    /// - Parameters:
    ///   - data: the visible interactions and item features.
    ///   - popularityWeight: the weight of relative popularity beside the cosine; `grid` tries 0.01–0.3.
    public init(_ data: VisibleData, popularityWeight: Float = defaultConfiguration.popularityWeight) {
        self.data = data
        content = data.content ?? ItemContent(data.itemFeatures)
        self.popularityWeight = popularityWeight
    }

    /// As `init(_:popularityWeight:)`; nothing is drawn.
    /// - Parameters:
    ///   - data: the visible interactions and item features.
    ///   - configuration: the popularity weight.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration, seed: UInt64) {
        self.init(data, popularityWeight: configuration.popularityWeight)
    }

    /// Ranks by the cosine with the profile of the support items, plus `popularityWeight` × relative popularity.
    /// - Parameters:
    ///   - request: the person; only their support items and `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
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
public struct ContentSocial: RegisteredBaseline {
    /// The name reports and the command line use for this method.
    public static let methodName = "content-social"
    /// Its place in tables, among the baselines.
    public static let listPosition = 100
    /// It re-weights the vote by item features.
    public static let needsItemFeatures = true
    /// The social popularity whose scores the content match re-weights.
    public let vote: SocialPopularity
    /// The items' TF-IDF vectors the profile is matched against.
    public let content: ItemContent
    /// γ: an item's vote is multiplied by 1 + γ · cosine; 0 is social popularity itself.
    public var matchWeight: Float

    /// γ and the vote's two-hop weight; γ = 0 is social popularity itself, so the hybrid is never
    /// chosen below the vote it starts from on validation users.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// γ, as `ContentSocial.matchWeight`.
        public var matchWeight: Float
        /// The vote's weight on friends of friends, as `SocialPopularity.twoHopWeight`.
        public var twoHopWeight: Float
        /// The settings as reports list the chosen configuration.
        public var description: String { "match weight \(matchWeight), two-hop weight \(twoHopWeight)" }
    }

    /// The settings tried on validation users.
    public static let grid: [Configuration] = [Float(0.2), 1].flatMap { twoHop in
        [Float(0), 0.5, 2, 8].map { Configuration(matchWeight: $0, twoHopWeight: twoHop) }
    }
    /// The setting it serves with.
    public static let defaultConfiguration = Configuration(matchWeight: 2, twoHopWeight: 0.1)

    /// The hybrid over `data`'s TF-IDF vectors; without item features every match is 0 and this is social popularity.
    /// - Parameters:
    ///   - data: the visible graph, interactions and item features.
    ///   - matchWeight: γ, how much the content match multiplies the vote; `grid` tries 0–8.
    ///   - twoHopWeight: the vote's weight on friends of friends.
    public init(_ data: VisibleData, matchWeight: Float = defaultConfiguration.matchWeight,
                twoHopWeight: Float = defaultConfiguration.twoHopWeight) {
        vote = SocialPopularity(data, twoHopWeight: twoHopWeight)
        content = data.content ?? ItemContent(data.itemFeatures)
        self.matchWeight = matchWeight
    }

    /// As `init(_:matchWeight:twoHopWeight:)`; nothing is drawn.
    /// - Parameters:
    ///   - data: the visible graph, interactions and item features.
    ///   - configuration: γ and the vote's two-hop weight.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration, seed: UInt64) {
        self.init(data, matchWeight: configuration.matchWeight, twoHopWeight: configuration.twoHopWeight)
    }

    /// Ranks by social popularity's vote × (1 + γ · the item's content match with the person).
    /// - Parameters:
    ///   - request: the person: their support items and friends (named, or a known user's in the graph).
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item, each with the friends who chose it.
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
