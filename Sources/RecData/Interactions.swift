/// What an interaction's value means.
public enum Feedback: Sendable, Equatable, Codable {
    /// Counts, clicks, plays: any finite value ≥ 0; presence is the signal.
    case implicit
    /// Ratings on a declared scale, e.g. 1...5 or FilmTrust's 0.5...4.
    case explicit(min: Float, max: Float)

    /// True for ratings on a declared scale.
    public var isExplicit: Bool { if case .explicit = self { return true } else { return false } }
}

/// User–item interactions in columns, with dense user and item indices.
public struct Interactions: Sendable, Equatable {
    /// User index of each interaction.
    public var users: [Int32] = []
    /// Item index of each interaction, parallel to `users`.
    public var items: [Int32] = []
    /// Rating or count; 1 where the file has no value column.
    public var values: [Float] = []
    /// Unix seconds, when the file has a timestamp column.
    public var timestamps: [Int64]?
    /// What every value means.
    public var feedback: Feedback

    /// No interactions yet.
    /// - Parameters:
    ///   - feedback: What the values will mean.
    ///   - hasTimestamps: Whether rows carry timestamps; `timestamps` is then empty rather than nil.
    public init(feedback: Feedback, hasTimestamps: Bool = false) {
        self.feedback = feedback
        timestamps = hasTimestamps ? [] : nil
    }

    /// Number of interactions.
    public var count: Int { users.count }

    /// Adds one interaction after the others.
    /// - Parameters:
    ///   - user: The user's index.
    ///   - item: The item's index.
    ///   - value: The rating or count.
    ///   - timestamp: Unix seconds; give one exactly when `timestamps` is non-nil, or the columns
    ///     fall out of step (it is ignored when `timestamps` is nil).
    public mutating func append(user: Int32, item: Int32, value: Float, timestamp: Int64?) {
        users.append(user)
        items.append(item)
        values.append(value)
        if let timestamp { timestamps?.append(timestamp) }
    }

    /// Row numbers in (user, item) order, the order the database keeps them in.
    public var userItemOrder: [Int] {
        // Rows read from files are in this order already, and import asks again (the fingerprint,
        // the database writer): one pass to see it, rather than a sort each time.
        isInUserItemOrder ? Array(0..<count) : (0..<count).sorted { (users[$0], items[$0], $0) < (users[$1], items[$1], $1) }
    }

    /// Whether every row's (user, item) comes after the one before it.
    public var isInUserItemOrder: Bool {
        (1..<max(count, 1)).allSatisfy { (users[$0 - 1], items[$0 - 1]) < (users[$0], items[$0]) }
    }

    /// The same interactions in (user, item) order. Training reads rows in order (task sampling, the
    /// seeded shuffle of a held-out user's rows without timestamps), so a dataset read from files and
    /// the same dataset loaded from the database must hold their rows in one order to train the same model.
    public func inUserItemOrder() -> Interactions {
        guard !isInUserItemOrder else { return self }
        let order = userItemOrder
        var sorted = Interactions(feedback: feedback, hasTimestamps: timestamps != nil)
        sorted.users = order.map { users[$0] }
        sorted.items = order.map { items[$0] }
        sorted.values = order.map { values[$0] }
        if let timestamps { sorted.timestamps = order.map { timestamps[$0] } }
        return sorted
    }

    /// Number of interactions per user, indexed by user (length `userCount`).
    public func countsPerUser(userCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: userCount)
        for u in users { counts[Int(u)] += 1 }
        return counts
    }
}
