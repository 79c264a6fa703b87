/// What an interaction's value means.
public enum Feedback: Sendable, Equatable, Codable {
    /// Counts, clicks, plays: any finite value ≥ 0; presence is the signal.
    case implicit
    /// Ratings on a declared scale, e.g. 1...5 or FilmTrust's 0.5...4.
    case explicit(min: Float, max: Float)

    public var isExplicit: Bool { if case .explicit = self { return true } else { return false } }
}

/// User–item interactions in columns, with dense user and item indices.
public struct Interactions: Sendable, Equatable {
    public var users: [Int32] = []
    public var items: [Int32] = []
    /// Rating or count; 1 where the file has no value column.
    public var values: [Float] = []
    /// Unix seconds, when the file has a timestamp column.
    public var timestamps: [Int64]?
    public var feedback: Feedback

    public init(feedback: Feedback, hasTimestamps: Bool = false) {
        self.feedback = feedback
        timestamps = hasTimestamps ? [] : nil
    }

    public var count: Int { users.count }

    public mutating func append(user: Int32, item: Int32, value: Float, timestamp: Int64?) {
        users.append(user)
        items.append(item)
        values.append(value)
        if let timestamp { timestamps?.append(timestamp) }
    }

    /// Number of interactions per user, indexed by user (length `userCount`).
    public func countsPerUser(userCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: userCount)
        for u in users { counts[Int(u)] += 1 }
        return counts
    }
}
