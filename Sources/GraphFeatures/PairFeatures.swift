import RecData
import SocialGraphModule

/// Features of (user, item) pairs: the priors the baselines rank by, and the social shares around
/// them. Sparse: only the items that the graph or the support set touch are stored, so a task costs
/// what it touches, never the size of the catalogue. Every other item's row depends on its
/// popularity alone (`isTouched`, `popularity`).
///
/// Columns: friends' share (uniform and tie-weighted, over the context friends); the share among
/// people beyond the friends (by personalised PageRank, relative to the user's largest); log
/// popularity (relative); support co-occurrence, as item-knn scores it (relative); the social vote,
/// exactly social popularity's score (scaled by a power of two); and two constants of the user,
/// how many friends and how many known items, which let the residual tell a newcomer with friends
/// from a regular with none; and, where items have features, the vote times the item's content
/// match with the person (content-social's term: β_vote·vote + γ·vote·match ranks as it does).
public struct PairFeatures: Sendable {
    /// The columns of a feature row, in order.
    public enum Column: Int, CaseIterable, Sendable {
        /// The share of the context friends who chose the item.
        case friendsShare
        /// The same share, each friend weighted by 1 + Adamic–Adar with the person.
        case tieWeightedFriendsShare
        /// The PageRank-weighted share of the people beyond the friends who chose it.
        case twoHopShare
        /// log(1 + popularity) / log(1 + the largest popularity).
        case popularity
        /// Item-knn's score from the support set, relative to the person's largest.
        case supportCoOccurrence
        /// Social popularity's score, scaled into [½, 1).
        case socialVote
        /// log(1 + friends) / log 101, the same for every item.
        case friendCount
        /// log(1 + known items) / log 11, the same for every item.
        case supportSize
        /// The vote times the item's content match (0 without item features).
        case contentVote

        /// The column's name in reports and drawings.
        public var name: String {
            switch self {
            case .friendsShare: "friends' share"
            case .tieWeightedFriendsShare: "tie-weighted friends' share"
            case .twoHopShare: "2-hop share"
            case .popularity: "popularity"
            case .supportCoOccurrence: "support co-occurrence"
            case .socialVote: "social vote"
            case .friendCount: "friends"
            case .supportSize: "known items"
            case .contentVote: "vote × content match"
            }
        }
    }

    /// Every column's name, in order.
    public static let names = Column.allCases.map(\.name)
    /// How many columns a row has.
    public static var width: Int { Column.allCases.count }
    /// Sparse values kept per touched item: friends' shares, 2-hop share, co-occurrence, vote,
    /// content match.
    static let stride = 6

    /// The co-occurrence prior's neighbourhood: item-knn's default.
    public static let coOccurrence = (neighbours: 100, shrinkage: Float(100))

    /// Items with any non-zero share, in the order first touched (a function of the inputs alone).
    public private(set) var touchedItems: [Int32] = []
    /// Item → its slot in `values` and `touchedItems`. Looked up, never iterated.
    private var slots = ItemSlots()
    /// stride × touchedItems.count.
    private var values: [Float] = []
    private let interactions: InteractionIndex
    private let logMaxPopularity: Float
    private let maxPopularity: Int
    private var maxTwoHop: Float = 0
    private var maxCoOccurrence: Float = 0
    /// A power of two: the vote keeps its exact ranking (ties included) once scaled.
    private var voteScale: Float = 1
    private let userConstants: (friends: Float, support: Float)
    /// The excluded user's own items, sorted: their popularity is counted without that user.
    private let ownItems: [Int32]

    /// The features of one person's pairs, from the people around them, their social vote and their
    /// known items.
    ///
    /// `user` is left out of popularity and co-occurrence: during training the user's own history is
    /// in `interactions`, and counting it would leak their query items into their features.
    /// - Parameters:
    ///   - friends: the context friends, with their ties to the person: the friends' shares are over them, each weighted
    ///     1 + Adamic–Adar in the tie-weighted share. Empty leaves both shares 0.
    ///   - vote: the social vote over everyone the person reaches (the `socialVote` column).
    ///   - twoHop: the people beyond the friends, with their personalised PageRank scores; taken as given, so the friends
    ///     are the caller's to leave out. Empty, or scores summing to 0, leaves the 2-hop share 0.
    ///   - friendCount: how many friends the person has in all, not only the context ones (the `friendCount` column).
    ///   - supportItems: the person's known items, in order, repeats dropped: the support for the co-occurrence column,
    ///     and its size the `supportSize` column.
    ///   - interactions: who chose what, as the method may see it.
    ///   - user: the person, when their own history is in `interactions`; nil, the default, leaves nobody out.
    ///   - content: the person's content match, for the `contentVote` column; nil, the default, leaves that column 0.
    ///   - coOccurrenceRows: the counts of `interactions` kept between calls (rows of these interactions); nil, the
    ///     default, counts them afresh.
    public init(
        friends: [(friend: Int32, tie: TieStrength)], vote: SocialVote, twoHop: [(node: Int32, score: Double)],
        friendCount: Int, supportItems: [Int32], interactions: InteractionIndex, excluding user: Int32? = nil,
        content: ContentMatch? = nil, coOccurrenceRows: CoOccurrenceRows? = nil
    ) {
        precondition(coOccurrenceRows.map { $0.interactions.count == interactions.count } ?? true, "rows of these interactions")
        self.interactions = interactions
        ownItems = user.map { Array(interactions.items(of: $0)).sorted() } ?? []
        let maxPopularity = interactions.maxPopularity
        self.maxPopularity = maxPopularity
        logMaxPopularity = max(Float(log1p(Double(maxPopularity))), 1e-6)
        // In the given order, repeats dropped: a Set's order is seeded per process.
        var seenSupport = Set<Int32>()
        let support = supportItems.filter { seenSupport.insert($0).inserted }
        userConstants = (Float(log1p(Double(friendCount)) / log1p(100)), Float(log1p(Double(support.count)) / log1p(10)))

        let stride = Self.stride
        func add(_ item: Int32, _ column: Int, _ amount: Float) {
            let slot: Int
            if let s = slots[item] {
                slot = Int(s)
            } else {
                slot = touchedItems.count
                slots.insert(item, slot: Int32(slot))
                touchedItems.append(item)
                values.append(contentsOf: repeatElement(0, count: stride))
            }
            values[stride * slot + column] += amount
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
                for i in interactions.items(of: w) { add(i, 2, Float(s / reach)) }
            }
        }
        ItemSimilarity(coOccurrence: coOccurrenceRows ?? CoOccurrenceRows(interactions),
                       neighbours: Self.coOccurrence.neighbours, shrinkage: Self.coOccurrence.shrinkage)
            .forEachNeighbour(ofEach: support, excluding: user) { j, similarity in add(j, 3, similarity) }
        vote.forEachVote(interactions) { i, weight in add(i, 4, weight) }
        if let content {
            for (slot, item) in touchedItems.enumerated() { values[stride * slot + 5] = content.match(item) }
        }

        var maxTwoHop: Float = 0, maxCoOccurrence: Float = 0, maxVote = SocialVote.popularityWeight
        for slot in touchedItems.indices {
            maxTwoHop = max(maxTwoHop, values[stride * slot + 2])
            maxCoOccurrence = max(maxCoOccurrence, values[stride * slot + 3])
            maxVote = max(maxVote, voteScore(slot: slot))
        }
        self.maxTwoHop = maxTwoHop
        self.maxCoOccurrence = maxCoOccurrence
        voteScale = Float(sign: .plus, exponent: -maxVote.exponent - 1, significand: 1)
    }

    /// Social popularity's score of a touched item (its slot) or, without one, of an untouched item.
    private func voteScore(slot: Int) -> Float {
        SocialVote.popularityFloor(popularity: popularity(touchedItems[slot]), maxPopularity: maxPopularity)
            + values[Self.stride * slot + 4]
    }

    /// How strongly the graph and the support set point at `item` (the sum of the sparse shares):
    /// what ranks serving candidates before the model scores them.
    public func affinity(_ item: Int32) -> Float {
        guard let slot = slots[item].map(Int.init) else { return 0 }
        let base = Self.stride * slot
        return values[base] + values[base + 2] + coOccurrence(base) + values[base + 4] * voteScale
    }

    private func coOccurrence(_ base: Int) -> Float { maxCoOccurrence > 0 ? values[base + 3] / maxCoOccurrence : 0 }

    /// The social vote as scaled in the features: the prior the untrained model ranks by.
    public func socialVote(_ item: Int32) -> Float {
        if let slot = slots[item].map(Int.init) { return voteScore(slot: slot) * voteScale }
        return SocialVote.popularityFloor(popularity: popularity(item), maxPopularity: maxPopularity) * voteScale
    }

    /// The feature row of `item`, written into `row` (width `PairFeatures.width`).
    /// - Parameters:
    ///   - item: the item, an index below the interactions' `itemCount`.
    ///   - row: where the row goes, columns in `Column` order: at least `PairFeatures.width` floats (not checked), and
    ///     any beyond them are left as they are.
    public func write(_ item: Int32, into row: UnsafeMutableBufferPointer<Float>) {
        let count = popularity(item)
        row[3] = Float(log1p(Double(count))) / logMaxPopularity
        row[6] = userConstants.friends
        row[7] = userConstants.support
        guard let slot = slots[item].map(Int.init) else {
            row[0] = 0; row[1] = 0; row[2] = 0; row[4] = 0; row[8] = 0
            row[5] = SocialVote.popularityFloor(popularity: count, maxPopularity: maxPopularity) * voteScale
            return
        }
        let base = Self.stride * slot
        row[0] = values[base]
        row[1] = values[base + 1]
        row[2] = maxTwoHop > 0 ? values[base + 2] / maxTwoHop : 0
        row[4] = coOccurrence(base)
        row[5] = voteScore(slot: slot) * voteScale
        row[8] = row[5] * values[base + 5]
    }

    /// Row-major `items.count × rowWidth` features: the first `width` columns of each row; the
    /// rest (columns a caller appends) are 0.
    /// - Parameters:
    ///   - items: the items, a row each in this order.
    ///   - rowWidth: floats per row, at least `PairFeatures.width` (the default).
    public func matrix(_ items: [Int32], rowWidth: Int = PairFeatures.width) -> [Float] {
        precondition(rowWidth >= Self.width)
        var out = [Float](repeating: 0, count: items.count * rowWidth)
        out.withUnsafeMutableBufferPointer { buffer in
            for (k, item) in items.enumerated() {
                write(item, into: UnsafeMutableBufferPointer(rebasing: buffer[(k * rowWidth)..<(k * rowWidth + Self.width)]))
            }
        }
        return out
    }

    /// Whether the graph or the support set touch `item`. Any other item's row is a function of its
    /// popularity (`popularity(_:)`) alone, so the model scores one row per popularity for them.
    public func isTouched(_ item: Int32) -> Bool { slots[item] != nil }

    /// The item's popularity as the features count it (without the excluded user).
    public func popularity(_ item: Int32) -> Int { interactions.popularity(item) - (isOwn(item) ? 1 : 0) }

    /// `popularity(_:)` of every item, in one pass rather than a search per item.
    public func popularities() -> [Int] {
        var out = (0..<Int32(interactions.itemCount)).map(interactions.popularity)
        for i in ownItems { out[Int(i)] -= 1 }
        return out
    }

    /// Binary search: a catalogue-wide ranking asks for every item, and hashing each cost more.
    @inline(__always) private func isOwn(_ item: Int32) -> Bool {
        guard !ownItems.isEmpty else { return false }
        var low = 0, high = ownItems.count
        while low < high {
            let middle = (low + high) / 2
            if ownItems[middle] < item { low = middle + 1 } else { high = middle }
        }
        return low < ownItems.count && ownItems[low] == item
    }
}

#if canImport(Glibc)
import Glibc
#endif
