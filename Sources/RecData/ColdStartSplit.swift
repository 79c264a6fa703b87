/// The cold-start split ("CS-k"): a seeded share of users held out for testing and for validation.
/// Each held-out user's interactions are ordered (by time where there are timestamps, else by a
/// seeded shuffle); the first k are the support set, visible to every method, and the rest are the
/// query set, hidden from everything. The social graph stays whole.
///
/// Held-out users are drawn from users with at least `maxSupport + minimumQuery` interactions, so
/// the same users are scored at every k up to `maxSupport`.
///
/// Item cold-start, the twin on the item side: with a `coldItemShare`, a seeded share of the items
/// that anyone chose is new. Nothing of them is visible (no training row, no support item); their
/// interactions stay only in held-out users' query sets. A held-out user's support is then their
/// first k interactions with other items, and they need `maxSupport` of those.
public struct ColdStartSplit: Sendable {
    /// Which part of the split a user is in.
    public enum Role: UInt8, Sendable {
        /// Not held out: their interactions with items that are not new are training data.
        case train
        /// Held out for choosing settings: support visible, query hidden.
        case validation
        /// Held out for the reported scores: support visible, query hidden.
        case test
    }

    /// The part of the split each user is in, indexed by user.
    public let role: [Role]
    /// For held-out users: their interactions' row numbers in order (support first). Empty for others.
    public let ordered: [[Int]]
    /// The largest support size k the split serves: every held-out user has at least this many
    /// interactions (with items that are not new) to draw support from.
    public let maxSupport: Int
    /// The seed behind the held-out users, the new items and the orders without timestamps: the same
    /// seed and data give the same split.
    public let seed: UInt64
    /// The new items, ascending (empty without item cold-start).
    public let coldItems: [Int32]
    /// Whether each item is new; empty without item cold-start.
    private let isCold: [Bool]

    /// Draws the split: held-out users from those with enough interactions, and each one's interactions
    /// in order, support first.
    /// - Parameters:
    ///   - interactions: All interactions, with user indices below `userCount`.
    ///   - userCount: Number of users, the length of `role` and `ordered`.
    ///   - maxSupport: The largest support size to be scored (≥ 0).
    ///   - minimumQuery: The fewest query interactions a held-out user keeps at `maxSupport` (≥ 1).
    ///   - testShare: Share of the eligible users held out for testing.
    ///   - validationShare: Share of the eligible users held out for validation.
    ///   - coldItemShare: Share of the chosen items made new, in 0..<1; 0 for no item cold-start.
    ///   - seed: Seeds every random choice of the split.
    public init(_ interactions: Interactions, userCount: Int, maxSupport: Int = 10, minimumQuery: Int = 5,
                testShare: Double = 0.2, validationShare: Double = 0.1, coldItemShare: Double = 0, seed: UInt64 = 1) {
        precondition(maxSupport >= 0 && minimumQuery >= 1 && (0..<1).contains(coldItemShare))
        self.maxSupport = maxSupport
        self.seed = seed
        var chosen = Set<Int32>()
        if coldItemShare > 0 {
            // Its own stream, so the users held out are the same with or without new items.
            var itemRng = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 &+ 0x6E65_7769)
            let items = Array(Set(interactions.items)).sorted()
            chosen = Set(itemRng.shuffled(items).prefix(Int((Double(items.count) * coldItemShare).rounded())))
        }
        coldItems = chosen.sorted()
        var isCold = [Bool](repeating: false, count: chosen.isEmpty ? 0 : Int(interactions.items.max() ?? 0) + 1)
        for i in chosen { isCold[Int(i)] = true }
        self.isCold = isCold
        var rows = [[Int]](repeating: [], count: userCount)
        for r in 0..<interactions.count { rows[Int(interactions.users[r])].append(r) }
        var rng = SplitMix64(seed: seed)
        let eligible = (0..<userCount).filter { u in
            rows[u].count >= maxSupport + minimumQuery
                && (isCold.isEmpty || rows[u].lazy.filter { !isCold[Int(interactions.items[$0])] }.count >= maxSupport)
        }
        let shuffled = rng.shuffled(eligible)
        let testCount = Int((Double(eligible.count) * testShare).rounded())
        let validationCount = Int((Double(eligible.count) * validationShare).rounded())
        var role = [Role](repeating: .train, count: userCount)
        for u in shuffled.prefix(testCount) { role[u] = .test }
        for u in shuffled.dropFirst(testCount).prefix(validationCount) { role[u] = .validation }
        var ordered = [[Int]](repeating: [], count: userCount)
        for u in 0..<userCount where role[u] != .train {
            var userRows = rows[u]
            if let times = interactions.timestamps {
                userRows.sort { (times[$0], $0) < (times[$1], $1) }
            } else {
                var userRng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(u))
                userRows = userRng.shuffled(userRows)
            }
            if !isCold.isEmpty {
                // The support comes from the first rows; the query is a set, so new items go last.
                userRows = userRows.filter { !isCold[Int(interactions.items[$0])] } + userRows.filter { isCold[Int(interactions.items[$0])] }
            }
            ordered[u] = userRows
        }
        self.role = role
        self.ordered = ordered
    }

    /// The users in one part of the split.
    /// - Parameter r: The part wanted.
    /// - Returns: Their indices, ascending.
    public func users(_ r: Role) -> [Int32] { (0..<role.count).filter { role[$0] == r }.map(Int32.init) }

    /// The support set at support size k: the held-out user's first k interactions.
    /// - Parameters:
    ///   - user: A held-out user (a training user has none).
    ///   - k: The support size.
    /// - Returns: Row numbers into the interactions the split was drawn from.
    public func support(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].prefix(k) }

    /// The query set at support size k: everything after the first k.
    /// - Parameters:
    ///   - user: A held-out user (a training user has none).
    ///   - k: The support size.
    /// - Returns: Row numbers into the interactions the split was drawn from; with item cold-start, those with new items last.
    public func query(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].dropFirst(k) }

    /// Whether `item` is new (hidden from everything but query sets).
    public func isColdItem(_ item: Int32) -> Bool { !isCold.isEmpty && Int(item) < isCold.count && isCold[Int(item)] }

    /// Rows training may see: every interaction of training users with items that are not new,
    /// nothing of held-out users.
    public func trainingRows(_ interactions: Interactions) -> [Int] {
        (0..<interactions.count).filter { role[Int(interactions.users[$0])] == .train && !isColdItem(interactions.items[$0]) }
    }

    /// Rows visible when scoring at support size k: training rows plus every held-out user's first k.
    /// - Parameters:
    ///   - interactions: The interactions the split was drawn from.
    ///   - k: The support size, up to `maxSupport`: beyond it a held-out user's first k may include their new items.
    /// - Returns: Row numbers into `interactions`: the training rows ascending, then each held-out user's support, users
    ///   ascending.
    public func visibleRows(_ interactions: Interactions, k: Int) -> [Int] {
        var rows = trainingRows(interactions)
        for u in 0..<role.count where role[u] != .train { rows += ordered[u].prefix(k) }
        return rows
    }
}

