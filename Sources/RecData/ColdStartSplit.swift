/// The cold-start split ("CS-k"): a seeded share of users held out for testing and for validation.
/// Each held-out user's interactions are ordered (by time where there are timestamps, else by a
/// seeded shuffle); the first k are the support set, visible to every method, and the rest are the
/// query set, hidden from everything. The social graph stays whole.
///
/// Held-out users are drawn from users with at least `maxSupport + minimumQuery` interactions, so
/// the same users are scored at every k up to `maxSupport`.
public struct ColdStartSplit: Sendable {
    public enum Role: UInt8, Sendable { case train, validation, test }

    public let role: [Role]
    /// For held-out users: their interactions' row numbers in order (support first). Empty for others.
    public let ordered: [[Int]]
    public let maxSupport: Int
    public let seed: UInt64

    public init(_ interactions: Interactions, userCount: Int, maxSupport: Int = 10, minimumQuery: Int = 5,
                testShare: Double = 0.2, validationShare: Double = 0.1, seed: UInt64 = 1) {
        precondition(maxSupport >= 0 && minimumQuery >= 1)
        self.maxSupport = maxSupport
        self.seed = seed
        var rows = [[Int]](repeating: [], count: userCount)
        for r in 0..<interactions.count { rows[Int(interactions.users[r])].append(r) }
        var rng = SplitMix64(seed: seed)
        let eligible = (0..<userCount).filter { rows[$0].count >= maxSupport + minimumQuery }
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
            ordered[u] = userRows
        }
        self.role = role
        self.ordered = ordered
    }

    public func users(_ r: Role) -> [Int32] { (0..<role.count).filter { role[$0] == r }.map(Int32.init) }

    public func support(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].prefix(k) }

    /// The query set at support size k: everything after the first k.
    public func query(of user: Int32, k: Int) -> ArraySlice<Int> { ordered[Int(user)].dropFirst(k) }

    /// Rows training may see: every interaction of training users, nothing of held-out users.
    public func trainingRows(_ interactions: Interactions) -> [Int] {
        (0..<interactions.count).filter { role[Int(interactions.users[$0])] == .train }
    }

    /// Rows visible when scoring at support size k: training rows plus every held-out user's first k.
    public func visibleRows(_ interactions: Interactions, k: Int) -> [Int] {
        var rows = trainingRows(interactions)
        for u in 0..<role.count where role[u] != .train { rows += ordered[u].prefix(k) }
        return rows
    }
}

