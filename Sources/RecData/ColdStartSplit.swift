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
    public enum Role: UInt8, Sendable { case train, validation, test }

    public let role: [Role]
    /// For held-out users: their interactions' row numbers in order (support first). Empty for others.
    public let ordered: [[Int]]
    public let maxSupport: Int
    public let seed: UInt64
    /// The new items, ascending (empty without item cold-start).
    public let coldItems: [Int32]
    /// Whether each item is new; empty without item cold-start.
    private let isCold: [Bool]

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

    public func users(_ r: Role) -> [Int32] { (0..<role.count).filter { role[$0] == r }.map(Int32.init) }

    public func support(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].prefix(k) }

    /// The query set at support size k: everything after the first k.
    public func query(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].dropFirst(k) }

    /// Whether `item` is new (hidden from everything but query sets).
    public func isColdItem(_ item: Int32) -> Bool { !isCold.isEmpty && Int(item) < isCold.count && isCold[Int(item)] }

    /// Rows training may see: every interaction of training users with items that are not new,
    /// nothing of held-out users.
    public func trainingRows(_ interactions: Interactions) -> [Int] {
        (0..<interactions.count).filter { role[Int(interactions.users[$0])] == .train && !isColdItem(interactions.items[$0]) }
    }

    /// Rows visible when scoring at support size k: training rows plus every held-out user's first k.
    public func visibleRows(_ interactions: Interactions, k: Int) -> [Int] {
        var rows = trainingRows(interactions)
        for u in 0..<role.count where role[u] != .train { rows += ordered[u].prefix(k) }
        return rows
    }
}

