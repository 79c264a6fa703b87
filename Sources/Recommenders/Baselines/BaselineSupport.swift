import RecData
import SocialGraphModule

/// Small pieces every baseline needs: cleaning a request, a popularity floor for items a method
/// cannot score, ranking, and a uniform integer that does not depend on the standard library.
enum Baseline {
    /// The request's support items that exist in the catalogue, first occurrence kept, with their
    /// values (1 where the request gave fewer values than items). A request may come from a file a
    /// person wrote, so repeats and stray indices are dropped rather than trusted.
    static func support(_ request: RecommendationRequest, itemCount: Int) -> (items: [Int32], values: [Float]) {
        var seen = Set<Int32>()
        var items: [Int32] = [], values: [Float] = []
        for (n, item) in request.supportItems.enumerated() where item >= 0 && Int(item) < itemCount && seen.insert(item).inserted {
            items.append(item)
            values.append(n < request.supportValues.count ? request.supportValues[n] : 1)
        }
        return (items, values)
    }

    /// The request's friends (graph neighbours of a known user, or a newcomer's named friends) that
    /// are users of this graph, without repeats and without the user themself.
    static func friends(_ request: RecommendationRequest, graph: SocialGraph) -> [Int32] {
        var seen = Set<Int32>()
        return request.friends(in: graph).filter {
            $0 >= 0 && Int($0) < graph.nodeCount && $0 != request.user && seen.insert($0).inserted
        }
    }

    /// The top `count` items of dense `scores` for `request`, never a support item, ties to the
    /// smaller index. Support items are scored −∞ (which `topItems` skips) rather than passed as a
    /// set: one store each instead of a hash lookup for each of Ciao's 105k items.
    static func rank(_ scores: consuming [Float], count: Int, for request: RecommendationRequest, support: [Int32]) -> [ScoredItem] {
        guard count > 0 else { return [] }
        var scores = request.restricted(scores)
        for s in support { scores[Int(s)] = -.infinity }
        return topItems(scores, count: count, excluding: []).map { ScoredItem(item: $0.item, score: $0.score) }
    }

    /// Uniform in 0..<n by Lemire's multiply-shift: one multiplication, no division in the hot loop,
    /// and the same draws on every Swift release (unlike `Int.random(in:using:)`).
    @inline(__always) static func uniform(_ n: Int, _ rng: inout SplitMix64) -> Int {
        Int(truncatingIfNeeded: rng.below(UInt64(n)))
    }

    /// Each item's count of visible interactions.
    static func popularity(_ index: InteractionIndex) -> [Float] {
        (0..<Int32(index.itemCount)).map { Float(index.popularity($0)) }
    }

    /// Popularity mapped into [-1, 0): the starting scores of the neighbourhood methods. Any positive
    /// personal score outranks every item scored only by this floor, and among items the method has
    /// no opinion on, the popular come first. So k = 0, or a support set with no neighbours, falls
    /// back to most-popular without a second code path, and a request always gets `count` items.
    static func popularityFloor(_ index: InteractionIndex) -> [Float] {
        let popularity = popularity(index)
        let top = max(1, popularity.max() ?? 1)
        return popularity.map { $0 / (top + 1) - 1 }
    }
}

/// Every visible (user, item) pair as a positive, as flat arrays: what the factorisations sample
/// from. Explicit ratings count as positives whatever their value (ranking treats a rated item as
/// chosen). Each user's items are also kept sorted so "is j a positive of u" is a binary search.
struct PositivePairs: Sendable {
    let users: [Int32]
    let items: [Int32]
    let values: [Float]
    let userOffsets: [Int]
    let sortedItems: [Int32]

    init(_ index: InteractionIndex) {
        var users: [Int32] = [], items: [Int32] = [], values: [Float] = []
        var offsets = [0], sorted: [Int32] = []
        users.reserveCapacity(index.count); items.reserveCapacity(index.count)
        values.reserveCapacity(index.count); sorted.reserveCapacity(index.count)
        offsets.reserveCapacity(index.userCount + 1)
        for u in 0..<Int32(index.userCount) {
            let mine = index.items(of: u)
            items += mine
            values += index.values(of: u)
            users += repeatElement(u, count: mine.count)
            sorted += mine.sorted()
            offsets.append(sorted.count)
        }
        self.users = users
        self.items = items
        self.values = values
        self.userOffsets = offsets
        self.sortedItems = sorted
    }

    var count: Int { users.count }

    @inline(__always) func contains(user u: Int32, item: Int32) -> Bool {
        var lo = userOffsets[Int(u)], hi = userOffsets[Int(u) + 1]
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sortedItems[mid] < item { lo = mid + 1 } else { hi = mid }
        }
        return lo < userOffsets[Int(u) + 1] && sortedItems[lo] == item
    }
}

/// Friends ignoring direction, as compressed rows built once: the social regulariser walks every
/// list each epoch, and `SocialGraph.neighbours` allocates for directed graphs.
struct FriendLists: Sendable {
    let offsets: [Int]
    let targets: [Int32]

    init(_ graph: SocialGraph) {
        var offsets = [0], targets: [Int32] = []
        offsets.reserveCapacity(graph.nodeCount + 1)
        for u in 0..<Int32(graph.nodeCount) {
            targets += graph.neighbours(u).lazy.filter { $0 != u }
            offsets.append(targets.count)
        }
        self.offsets = offsets
        self.targets = targets
    }

    var nodeCount: Int { offsets.count - 1 }
    @inline(__always) func degree(_ u: Int) -> Int { offsets[u + 1] - offsets[u] }
}

/// Σ a[k] b[k] over n floats, eight lanes at a time. The compiler never reorders a scalar float sum,
/// so a plain loop would not vectorise; the lane order here is fixed, so results stay deterministic.
@inline(__always) func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var lanes = SIMD8<Float>()
    var k = 0
    while k + 8 <= n {
        lanes += UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
            * UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
        k += 8
    }
    var sum = lanes.sum()
    while k < n { sum += a[k] * b[k]; k += 1 }
    return sum
}

/// The settings of a neighbourhood method (ItemKNN, UserKNN): how many neighbours vote, and the
/// shrinkage added to the cosine's denominator so that overlaps seen once count less.
public struct NeighbourhoodConfiguration: Sendable, CustomStringConvertible, Equatable {
    /// How many most-similar neighbours vote: items per support item (ItemKNN), or users (UserKNN); 20–400 in the grids.
    public var neighbours: Int
    /// Added to the cosine's denominator so that overlaps of a user or two count less; 0–100 in the grids.
    public var shrinkage: Float

    /// Settings for ItemKNN or UserKNN, each of which has its own defaults and `grid`.
    /// - Parameters:
    ///   - neighbours: how many most-similar neighbours vote.
    ///   - shrinkage: added to the cosine's denominator.
    public init(neighbours: Int, shrinkage: Float) {
        self.neighbours = neighbours
        self.shrinkage = shrinkage
    }

    /// The settings on one line, as reports list the chosen configuration.
    public var description: String { "neighbours=\(neighbours) shrinkage=\(shrinkage)" }
}
