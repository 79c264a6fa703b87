import GraphFeatures
import RecData
import SocialGraphModule

/// Item-based nearest neighbours (Sarwar et al. 2001; Deshpande & Karypis 2004) on who-chose-what.
///
///   sim(i, j) = |U_i ∩ U_j| / (√(|U_i| |U_j|) + shrinkage)        (cosine on binary columns, shrunk)
///   score(i)  = Σ_{s ∈ support} sim(i, s) · [i among the `neighbours` most similar items of s]
///
/// Similarities are computed per support item when a request comes (one pass over the users who
/// chose s and their items), never as an items × items matrix: Ciao has 105k items. Items no support
/// item reaches, and every item when the support set is empty (k = 0), rank by popularity.
/// Presence is the signal: counts and rating values are ignored, and a rated item is a chosen one.
public struct ItemKNN: RegisteredBaseline {
    /// Neighbours: how many most-similar items each support item votes for. Shrinkage is large by
    /// default because long tails (Ciao: 67k items chosen once) otherwise fill the neighbourhoods
    /// with items whose cosine is high only because they are rare; 100 beat 10 in five of six
    /// CS-3/CS-10 settings on Last.fm, FilmTrust and Ciao.
    public typealias Configuration = NeighbourhoodConfiguration

    /// Searched on validation users.
    public static let grid: [Configuration] = [
        .init(neighbours: 20, shrinkage: 10), .init(neighbours: 100, shrinkage: 0),
        .init(neighbours: 100, shrinkage: 10), .init(neighbours: 100, shrinkage: 100),
        .init(neighbours: 400, shrinkage: 10), .init(neighbours: 400, shrinkage: 100),
    ]

    /// The name reports and the command line use for this method.
    public static let methodName = "item-knn"
    /// Its place in tables, among the baselines.
    public static let listPosition = 30
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init(neighbours: 100, shrinkage: 100)
    /// The neighbourhood size and shrinkage in use.
    public let configuration: Configuration
    private let similarity: ItemSimilarity
    private let floor: [Float]

    /// Nothing is trained (the similarities are computed per request), so `seed` is unused; it is
    /// there so every baseline is built the same way.
    /// - Parameters:
    ///   - data: the visible interactions: their co-occurrence rows give the similarities, their counts the popularity floor.
    ///   - configuration: the neighbourhood size and shrinkage; `grid` holds the ones tried on validation users.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        self.configuration = configuration
        similarity = ItemSimilarity(coOccurrence: data.coOccurrence, neighbours: configuration.neighbours,
                                    shrinkage: configuration.shrinkage)
        floor = Baseline.popularityFloor(data.interactions)
    }

    /// Ranks by the summed similarities of the support items' neighbours, then by popularity.
    /// - Parameters:
    ///   - request: the person; only their support items and `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: similarity.interactions.itemCount).items
        return Baseline.rank(scores(support: support), count: count, for: request, support: support)
    }

    /// Dense scores: Σ of similarities (> 0) where some support item reaches, the popularity floor
    /// (< 0) elsewhere.
    func scores(support: [Int32]) -> [Float] {
        var scores = floor
        guard !support.isEmpty else { return scores }
        var votes = [Float](repeating: 0, count: similarity.interactions.itemCount)
        similarity.forEachNeighbour(ofEach: support) { j, s in votes[Int(j)] += s }
        for j in 0..<votes.count where votes[j] > 0 { scores[j] = votes[j] }
        return scores
    }

    /// The `configuration.neighbours` items most similar to `item`, best first (ties to the smaller
    /// index), similarities > 0.
    public func neighbours(of item: Int32) -> [(item: Int32, similarity: Float)] { similarity.neighbours(of: item) }
}
