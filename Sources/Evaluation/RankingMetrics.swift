import Foundation

/// Top-N ranking metrics for one person, with binary relevance.
public enum RankingMetrics {
    /// NDCG@n: DCG of the list over the ideal DCG of min(n, |relevant|) hits at the top.
    /// An empty relevant set scores 0 (such users are left out of averages by the caller).
    /// - Parameters:
    ///   - ranked: the list, best first, as item indices.
    ///   - relevant: the person's relevant items (their query items, at or above the threshold for ratings).
    ///   - n: the cutoff: only the top n count; 10 by default.
    public static func ndcg(_ ranked: [Int32], relevant: Set<Int32>, at n: Int = 10) -> Double {
        guard !relevant.isEmpty else { return 0 }
        var dcg = 0.0
        for (position, item) in ranked.prefix(n).enumerated() where relevant.contains(item) {
            dcg += 1 / log2(Double(position + 2))
        }
        let ideal = (0..<min(n, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        return dcg / ideal
    }

    /// Recall@n: hits in the top n over |relevant|; 0 with no relevant items.
    /// - Parameters:
    ///   - ranked: the list, best first, as item indices.
    ///   - relevant: the person's relevant items (their query items, at or above the threshold for ratings).
    ///   - n: the cutoff: only the top n count; 10 by default.
    public static func recall(_ ranked: [Int32], relevant: Set<Int32>, at n: Int = 10) -> Double {
        guard !relevant.isEmpty else { return 0 }
        return Double(hits(ranked, relevant: relevant, at: n)) / Double(relevant.count)
    }

    /// HR@n: 1 when at least one relevant item is in the top n, else 0.
    /// - Parameters:
    ///   - ranked: the list, best first, as item indices.
    ///   - relevant: the person's relevant items (their query items, at or above the threshold for ratings).
    ///   - n: the cutoff: only the top n count; 10 by default.
    public static func hitRate(_ ranked: [Int32], relevant: Set<Int32>, at n: Int = 10) -> Double {
        hits(ranked, relevant: relevant, at: n) > 0 ? 1 : 0
    }

    /// Reciprocal rank of the first relevant item in the list (0 when none is there).
    /// - Parameters:
    ///   - ranked: the list, best first, as item indices; read to its end, not cut at a cutoff.
    ///   - relevant: the person's relevant items (their query items, at or above the threshold for ratings).
    public static func reciprocalRank(_ ranked: [Int32], relevant: Set<Int32>) -> Double {
        guard let first = ranked.firstIndex(where: relevant.contains) else { return 0 }
        return 1 / Double(first + 1)
    }

    /// How many of the top n items are relevant: what recall and hit rate are built on.
    /// - Parameters:
    ///   - ranked: the list, best first, as item indices.
    ///   - relevant: the person's relevant items (their query items, at or above the threshold for ratings).
    ///   - n: the cutoff: only the top n count (all of a shorter list).
    public static func hits(_ ranked: [Int32], relevant: Set<Int32>, at n: Int) -> Int {
        ranked.prefix(n).filter(relevant.contains).count
    }
}

/// Running sums for rating errors.
public struct RatingErrors: Sendable, Equatable {
    /// How many predictions have been added, merged ones included.
    public private(set) var count = 0
    private var squared = 0.0
    private var absolute = 0.0

    /// No predictions yet: RMSE and MAE are NaN until one is added.
    public init() {}

    /// Adds the error of one predicted rating against the rating actually given.
    /// - Parameters:
    ///   - predicted: the rating the method predicted, on the dataset's scale.
    ///   - actual: the rating the person gave.
    public mutating func add(predicted: Float, actual: Float) {
        let e = Double(predicted) - Double(actual)
        squared += e * e
        absolute += abs(e)
        count += 1
    }

    /// Adds another's sums, as if its predictions had been added here: errors pool over predictions,
    /// not people.
    public mutating func merge(_ other: RatingErrors) {
        count += other.count
        squared += other.squared
        absolute += other.absolute
    }

    /// Root mean squared error over every prediction added; NaN with none.
    public var rmse: Double { count == 0 ? .nan : (squared / Double(count)).squareRoot() }
    /// Mean absolute error over every prediction added; NaN with none.
    public var mae: Double { count == 0 ? .nan : absolute / Double(count) }
}

/// Mean and 95% confidence interval (Student's t) of per-seed values.
public struct Estimate: Sendable, Codable, Equatable {
    /// The mean of the finite per-seed values; NaN when none is finite.
    public var mean: Double
    /// Half-width of the 95% interval; 0 with a single seed.
    public var halfWidth: Double
    /// How many seeds had a finite value: the others are left out of the mean and the interval.
    public var seeds: Int

    /// The estimate from one value per seed, leaving out NaN and infinities (a bucket nobody fell in).
    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        seeds = finite.count
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        guard finite.count > 1 else { halfWidth = 0; return }
        let m = mean
        let variance = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count - 1)
        halfWidth = Self.t95(degreesOfFreedom: finite.count - 1) * (variance / Double(finite.count)).squareRoot()
    }

    /// Two-sided 95% quantiles of Student's t for small samples.
    static func t95(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086]
        return df <= table.count ? table[df - 1] : 1.96
    }
}
