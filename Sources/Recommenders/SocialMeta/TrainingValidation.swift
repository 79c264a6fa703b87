/// Validation NDCG@10 at each support size, as training reads it.
public struct ValidationScores: Sendable, Equatable {
    /// The support sizes k scored, in the order of `ndcg` and `perUser`.
    public var supportSizes: [Int]
    /// The mean at each support size.
    public var ndcg: [Double]
    /// Each scored user's NDCG@10 at each support size, in the validation's user order (empty when
    /// the validation gives means only).
    public var perUser: [[Double]]

    /// Scores given as means only, leaving `perUser` empty.
    /// - Parameters:
    ///   - supportSizes: the support sizes scored.
    ///   - ndcg: the mean NDCG@10 at each support size.
    public init(supportSizes: [Int], ndcg: [Double]) {
        precondition(supportSizes.count == ndcg.count, "one score per support size")
        self.supportSizes = supportSizes
        self.ndcg = ndcg
        perUser = []
    }

    /// Scores per user, whose means give `ndcg` (0 where a list is empty).
    /// - Parameters:
    ///   - supportSizes: the support sizes scored.
    ///   - perUser: each scored user's NDCG@10 at each support size.
    public init(supportSizes: [Int], perUser: [[Double]]) {
        precondition(supportSizes.count == perUser.count, "one list per support size")
        self.supportSizes = supportSizes
        self.perUser = perUser
        ndcg = perUser.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
    }

    /// Whether `self` beats `reference` at k = 0 by more than one standard error of the paired
    /// per-user difference: the one-standard-error rule, which keeps the simpler model unless the
    /// evidence is clear. A few hundred validation users cannot tell apart models that differ by
    /// less, and choosing on noise costs on test users what it seemed to gain.
    public func clearlyBeatsWithoutSupport(_ reference: ValidationScores) -> Bool {
        guard let mine = withoutSupport, let theirs = reference.withoutSupport else { return false }
        return clearlyBeats(reference, atSupportSizes: { $0 == 0 }) ?? (mine > theirs)
    }

    /// The same rule over the support sizes above 0, each (user, k) a pair: a person's pairs at
    /// several k are not independent, so the standard error is if anything too small, which
    /// favours `self`.
    public func clearlyBeatsWithSupport(_ reference: ValidationScores) -> Bool {
        clearlyBeats(reference, atSupportSizes: { $0 > 0 }) ?? (withSupport > reference.withSupport)
    }

    /// The paired comparison, or nil when the two do not hold the same users' scores at those sizes.
    private func clearlyBeats(_ reference: ValidationScores, atSupportSizes included: (Int) -> Bool) -> Bool? {
        var differences: [Double] = []
        for (a, k) in supportSizes.enumerated() where included(k) {
            guard let b = reference.supportSizes.firstIndex(of: k), perUser.indices.contains(a), reference.perUser.indices.contains(b),
                  perUser[a].count == reference.perUser[b].count else { return nil }
            differences += zip(perUser[a], reference.perUser[b]).map { $0 - $1 }
        }
        guard differences.count > 1 else { return nil }
        let n = Double(differences.count), mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return mean > (variance / n).squareRoot()
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
    /// - Parameters:
    ///   - model: the model to adapt on each user and rank with.
    ///   - supportSizes: the support sizes k to score (0: friends and no known items); nil for every size the validation
    ///     scores.
    /// - Returns: The mean NDCG@10 at each size scored and, where the validation keeps them, each user's.
    func scores(_ model: SocialMetaModel, supportSizes: [Int]?) -> ValidationScores
    /// A cheaper validation (fewer users) that tells the untrained priors apart: they differ by more
    /// than epochs do.
    func forPriors() -> Self
}
