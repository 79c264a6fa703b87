import GraphFeatures
import RecData
import SocialGraphModule

/// User-based nearest neighbours (Herlocker et al. 1999) on who-chose-what. Not social: the
/// neighbours are the users whose items overlap the request's support set, whoever their friends are.
///
///   sim(v) = |S ∩ I_v| / (√(|S| |I_v|) + shrinkage)        (cosine on binary rows, shrunk)
///   score(i) = Σ_{v among the `neighbours` most similar users} sim(v) · [v chose i]
///
/// The person is described by the request's support set S (at evaluation exactly the k visible
/// items), not by their row in the visible data; a known user is never their own neighbour. With
/// k = 0 there is nobody to be similar to, and the ranking falls back to popularity (deliberately
/// not to friends' items: that is `SocialPopularity`, and this baseline measures taste alone).
/// Presence is the signal: counts and rating values are ignored.
public struct UserKNN: RegisteredBaseline {
    /// Neighbours: how many most-similar users vote. Shrinkage: a one-item overlap with a heavy
    /// user counts less.
    public typealias Configuration = NeighbourhoodConfiguration

    /// Searched on validation users.
    public static let grid: [Configuration] = [
        .init(neighbours: 20, shrinkage: 5), .init(neighbours: 50, shrinkage: 0),
        .init(neighbours: 50, shrinkage: 5), .init(neighbours: 50, shrinkage: 25),
        .init(neighbours: 200, shrinkage: 5), .init(neighbours: 200, shrinkage: 25),
    ]

    /// The name reports and the command line use for this method.
    public static let methodName = "user-knn"
    /// Its place in tables, among the baselines.
    public static let listPosition = 40
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init(neighbours: 50, shrinkage: 5)
    /// The neighbourhood size and shrinkage in use.
    public let configuration: Configuration
    private let index: InteractionIndex
    private let floor: [Float]

    /// Nothing is trained, so `seed` is unused; it is there so every baseline is built the same way.
    /// - Parameters:
    ///   - data: the visible interactions: whom a request's neighbours are found among, and the popularity floor.
    ///   - configuration: the neighbourhood size and shrinkage; `grid` holds the ones tried on validation users.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        self.configuration = configuration
        index = data.interactions
        floor = Baseline.popularityFloor(data.interactions)
    }

    /// Ranks by the similarity-weighted votes of the users nearest the support set, then by popularity.
    /// - Parameters:
    ///   - request: the person: their support items and `onlyAmong`; a known user is never their own neighbour.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: index.itemCount).items
        return Baseline.rank(scores(support: support, user: request.user), count: count, for: request, support: support)
    }

    /// Dense scores: neighbours' weighted votes (> 0) where any, the popularity floor (< 0) elsewhere.
    func scores(support: [Int32], user: Int32?) -> [Float] {
        var scores = floor
        let neighbours = self.neighbours(support: support, excluding: user)
        guard !neighbours.isEmpty else { return scores }
        var votes = [Float](repeating: 0, count: index.itemCount)
        for (v, similarity) in neighbours {
            for i in index.items(of: v) { votes[Int(i)] += similarity }
        }
        for i in 0..<votes.count where votes[i] > 0 { scores[i] = votes[i] }
        return scores
    }

    /// The users most similar to `support`, best first (ties to the smaller index).
    func neighbours(support: [Int32], excluding user: Int32?) -> [(user: Int32, similarity: Float)] {
        guard !support.isEmpty, configuration.neighbours > 0 else { return [] }
        // Overlap |S ∩ I_v| for every user who chose a support item, through the item → users
        // lists: the co-occurrence counts item-knn keeps, on the other side of the matrix.
        var overlap = CoCounts(itemCount: index.userCount)
        for s in support { overlap.add(index.users(of: s), skipping: user ?? -1) }
        let size = Float(support.count), shrinkage = max(0, configuration.shrinkage)
        var similar = overlap.touched.map { v -> (user: Int32, similarity: Float) in
            (v, Float(overlap.counts[Int(v)]) / ((size * Float(index.activity(v))).squareRoot() + shrinkage))
        }
        let before: ((user: Int32, similarity: Float), (user: Int32, similarity: Float)) -> Bool = {
            $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.user < $1.user
        }
        similar.selectFirst(configuration.neighbours, by: before)
        return similar.prefix(configuration.neighbours).sorted(by: before)
    }
}
