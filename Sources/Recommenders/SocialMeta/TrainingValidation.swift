/// Validation NDCG@10 at each support size, as training reads it.
public struct ValidationScores: Sendable, Equatable {
    public var supportSizes: [Int]
    public var ndcg: [Double]

    public init(supportSizes: [Int], ndcg: [Double]) {
        precondition(supportSizes.count == ndcg.count, "one score per support size")
        self.supportSizes = supportSizes
        self.ndcg = ndcg
    }

    /// The mean over every support size: what an epoch line reports.
    public var mean: Double { ndcg.isEmpty ? 0 : ndcg.reduce(0, +) / Double(ndcg.count) }

    /// The score at k = 0, people with friends and no known items (nil when k = 0 is not scored).
    public var withoutSupport: Double? { supportSizes.firstIndex(of: 0).map { ndcg[$0] } }

    /// The mean over the support sizes above 0 (the mean of all when there are none).
    public var withSupport: Double {
        let scored = zip(supportSizes, ndcg).filter { $0.0 > 0 }.map(\.1)
        return scored.isEmpty ? mean : scored.reduce(0, +) / Double(scored.count)
    }
}

/// How training scores a model on validation users, whose queries it never sees.
public protocol TrainingValidation {
    /// NDCG@10 of `model` adapted on each validation user, at each of the given support sizes
    /// (every support size the validation scores when nil).
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores
    /// A cheaper validation (fewer users) that tells the untrained priors apart: they differ by more
    /// than epochs do.
    func forPriors() -> Self
}
