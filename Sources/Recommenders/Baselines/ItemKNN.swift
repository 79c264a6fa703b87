import RecData
import SocialGraph

/// Item-based nearest neighbours (Sarwar et al. 2001; Deshpande & Karypis 2004) on who-chose-what.
///
///   sim(i, j) = |U_i ∩ U_j| / (√(|U_i| |U_j|) + shrinkage)        (cosine on binary columns, shrunk)
///   score(i)  = Σ_{s ∈ support} sim(i, s) · [i among the `neighbours` most similar items of s]
///
/// Similarities are computed per support item when a request comes (one pass over the users who
/// chose s and their items), never as an items × items matrix: Ciao has 105k items. Items no support
/// item reaches, and every item when the support set is empty (k = 0), rank by popularity.
/// Presence is the signal: counts and rating values are ignored, and a rated item is a chosen one.
public struct ItemKNN: Recommender {
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

    public let name = "item-knn"
    public let configuration: Configuration
    private let index: InteractionIndex
    private let floor: [Float]

    /// Nothing is trained (the similarities are computed per request), so `seed` is unused; it is
    /// there so every baseline is built the same way.
    public init(_ data: VisibleData, configuration: Configuration = .init(neighbours: 100, shrinkage: 100), seed: UInt64 = 1) {
        self.configuration = configuration
        index = data.interactions
        floor = Baseline.popularityFloor(data.interactions)
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: index.itemCount).items
        return Baseline.rank(scores(support: support), count: count, support: support)
    }

    /// Dense scores: Σ of similarities (> 0) where some support item reaches, the popularity floor
    /// (< 0) elsewhere.
    func scores(support: [Int32]) -> [Float] {
        var scores = floor
        guard !support.isEmpty else { return scores }
        var votes = [Float](repeating: 0, count: index.itemCount)
        var scratch = CoCounts(itemCount: index.itemCount)
        for s in support {
            for (j, similarity) in neighbours(of: s, scratch: &scratch) { votes[Int(j)] += similarity }
        }
        for j in 0..<votes.count where votes[j] > 0 { scores[j] = votes[j] }
        return scores
    }

    /// The `configuration.neighbours` items most similar to `item`, best first (ties to the smaller
    /// index), similarities > 0.
    public func neighbours(of item: Int32) -> [(item: Int32, similarity: Float)] {
        var scratch = CoCounts(itemCount: index.itemCount)
        return neighbours(of: item, scratch: &scratch)
    }

    private func neighbours(of s: Int32, scratch: inout CoCounts) -> [(item: Int32, similarity: Float)] {
        guard Int(s) < index.itemCount, configuration.neighbours > 0 else { return [] }
        // Co-occurrence counts with s: every user who chose s, every other item they chose.
        for u in index.users(of: s) {
            for j in index.items(of: u) where j != s { scratch.add(j) }
        }
        let ns = Float(index.popularity(s))
        let shrinkage = max(0, configuration.shrinkage)
        var similar = scratch.touched.map { j -> (item: Int32, similarity: Float) in
            let together = Float(scratch.counts[Int(j)])
            return (j, together / ((ns * Float(index.popularity(j))).squareRoot() + shrinkage))
        }
        scratch.reset()
        similar.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
        return Array(similar.prefix(configuration.neighbours))
    }
}

/// Dense co-occurrence counters that remember which entries they touched, so clearing costs as much
/// as filling rather than a pass over the whole catalogue.
struct CoCounts {
    var counts: [Int32]
    var touched: [Int32] = []

    init(itemCount: Int) { counts = [Int32](repeating: 0, count: itemCount) }

    @inline(__always) mutating func add(_ j: Int32) {
        if counts[Int(j)] == 0 { touched.append(j) }
        counts[Int(j)] += 1
    }

    mutating func reset() {
        for j in touched { counts[Int(j)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}
