import RecData
import SocialGraph

/// Social features of (user, item) pairs, computed for candidate items only:
/// friends' share of the item (uniform and tie-weighted, over the context friends), the share
/// among friends of friends (weighted by personalised PageRank), the item's popularity, how often
/// people who chose the user's support items also chose it, and the social vote: social
/// popularity's score over everyone the user reaches, relative to the user's most-voted item.
public struct PairFeatures: Sendable {
    public static let names = ["friends' share", "tie-weighted friends' share", "2-hop share", "popularity",
                               "support co-occurrence", "social vote"]
    public static var width: Int { names.count }
    /// Columns kept per item in `shares`: every feature but popularity.
    static let stride = 5

    /// Per item, dense over the catalogue: the five sparse features, interleaved so one item's
    /// values share a cache line. Dense beats hashing here: a request touches thousands of items,
    /// and zeroing the arrays costs less than hashing them (measured on the serving path).
    private var shares: [Float]
    /// Items with any non-zero share, in the order first touched.
    public private(set) var touchedItems: [Int32] = []
    private let interactions: InteractionIndex
    private let logMaxPopularity: Float
    private var maxVote: Float = 0
    private var maxTwoHop: Float = 0
    /// The excluded user's own items: their popularity is counted without that user.
    private let ownItems: Set<Int32>

    /// Co-occurrence reads at most this many users of each support item (bounded cost per request).
    public static let usersPerSupportItem = 64

    /// `friends` are the context friends; `voters` everyone whose items vote, with their weight. A
    /// person may have a hundred friends and the context keeps a few, but at k = 0 the strongest
    /// signal is what all of them (and their friends) chose. Shares of friends of friends and
    /// votes are divided by the user's largest, so they read the same for a person with two friends
    /// or two hundred.
    ///
    /// `user` is left out of the co-occurrence counts: during training the user's own history is in
    /// `interactions`, and counting it would leak their query items into their features.
    public init(
        friends: [(friend: Int32, tie: TieStrength)], voters: [(person: Int32, weight: Float)] = [],
        twoHop: [(node: Int32, score: Double)], supportItems: [Int32],
        interactions: InteractionIndex, logMaxPopularity: Float, excluding user: Int32? = nil
    ) {
        self.interactions = interactions
        self.logMaxPopularity = max(logMaxPopularity, 1e-6)
        ownItems = user.map { Set(interactions.items(of: $0)) } ?? []
        let stride = Self.stride
        var shares = [Float](repeating: 0, count: stride * interactions.itemCount)
        var touched: [Int32] = []
        func add(_ item: Int32, _ column: Int, _ amount: Float) {
            let base = stride * Int(item)
            if shares[base] == 0 && shares[base + 1] == 0 && shares[base + 2] == 0 && shares[base + 3] == 0
                && shares[base + 4] == 0 { touched.append(item) }
            shares[base + column] += amount
        }
        if !friends.isEmpty {
            let weights = friends.map { 1 + Float($0.tie.adamicAdar) }
            let total = weights.reduce(0, +)
            for (k, (v, _)) in friends.enumerated() {
                for i in interactions.items(of: v) {
                    add(i, 0, 1 / Float(friends.count))
                    add(i, 1, weights[k] / total)
                }
            }
        }
        let reach = twoHop.reduce(0) { $0 + $1.score }
        if reach > 0 {
            for (w, s) in twoHop {
                for i in interactions.items(of: w) {
                    add(i, 2, Float(s / reach))
                    maxTwoHop = max(maxTwoHop, shares[stride * Int(i) + 2])
                }
            }
        }
        // In the given order, repeats dropped: a Set's order is seeded per process, and the order
        // items are first touched reaches negative sampling and float sums.
        var seenSupport = Set<Int32>()
        let support = supportItems.filter { seenSupport.insert($0).inserted }
        for s in support {
            let users = interactions.users(of: s).lazy.filter { $0 != user }.prefix(Self.usersPerSupportItem)
            guard !users.isEmpty else { continue }
            let share = 1 / (Float(users.count) * Float(support.count))
            for w in users {
                for i in interactions.items(of: w) where i != s { add(i, 3, share) }
            }
        }
        for (v, weight) in voters {
            for i in interactions.items(of: v) {
                add(i, 4, weight)
                maxVote = max(maxVote, shares[stride * Int(i) + 4])
            }
        }
        self.shares = shares
        touchedItems = touched
    }

    /// How strongly the graph and the support set point at `item` (the sum of the sparse shares):
    /// what ranks serving candidates before the model scores them.
    public func affinity(_ item: Int32) -> Float {
        let base = Self.stride * Int(item)
        return shares[base] + shares[base + 2] + shares[base + 3] + vote(base)
    }

    private func vote(_ base: Int) -> Float { maxVote > 0 ? shares[base + 4] / maxVote : 0 }

    /// The feature row of `item`, written into `row` (width `PairFeatures.width`).
    public func write(_ item: Int32, into row: UnsafeMutableBufferPointer<Float>) {
        let base = Self.stride * Int(item)
        row[0] = shares[base]
        row[1] = shares[base + 1]
        row[2] = maxTwoHop > 0 ? shares[base + 2] / maxTwoHop : 0
        let popularity = interactions.popularity(item) - (ownItems.contains(item) ? 1 : 0)
        row[3] = Float(log1p(Double(popularity))) / logMaxPopularity
        row[4] = shares[base + 3]
        row[5] = vote(base)
    }

    /// Row-major `items.count × width` features.
    public func matrix(_ items: [Int32]) -> [Float] {
        var out = [Float](repeating: 0, count: items.count * Self.width)
        out.withUnsafeMutableBufferPointer { buffer in
            for (k, item) in items.enumerated() {
                write(item, into: UnsafeMutableBufferPointer(rebasing: buffer[(k * Self.width)..<((k + 1) * Self.width)]))
            }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif
