import Foundation
import SocialGraphModule

/// Everything an evaluation measured: per-seed values keyed "method|k|metric|bucket", the users
/// scored, and the configuration chosen on validation users for each seed.
public struct EvaluationResult: Sendable, Codable {
    /// The settings the evaluation ran under, so that a result says what it measured.
    public var settings: EvaluationSettings
    /// Method names in the order they were run, which is the order of the tables' rows.
    public var methods: [String]
    /// One value per seed for each "method|k|metric|bucket" key; NaN where a bucket had nobody to score.
    public var perSeed: [String: [Double]]
    /// How many people were scored (with relevant query items), keyed "method|k|bucket"; each seed
    /// overwrites the count, so it is the last seed's.
    public var users: [String: Int]
    /// The label of the configuration chosen on validation users, per method, one per seed in seed order.
    public var chosenConfigurations: [String: [String]]
    /// Where the data came from (the imported file, else the database), for the report's source line;
    /// empty when nobody set it.
    public var dataset: String = ""
    /// The source revision the result was produced at, shown in the report when not empty.
    public var commit: String = ""
    /// The dataset's name for a reader (its folder), and its figures as `socialrec stats` gives them
    /// (nil in results written before the report showed them).
    public var datasetName: String?
    /// The dataset's figures (users, items, interactions, ties) at the top of the report; nil in older results.
    public var statistics: DatasetStatistics?

    /// The key of a value in `perSeed` (and in results.json).
    static func key(_ method: String, _ k: Int, _ metric: Metric, _ bucket: FriendBucket) -> String {
        "\(method)|\(k)|\(metric.rawValue)|\(bucket.rawValue)"
    }

    /// The mean over seeds, with its 95% interval, of `metric` for `method` at support size k.
    /// - Parameters:
    ///   - method: the method's name, as in `methods`.
    ///   - k: the support size, one of the settings' `supportSizes`.
    ///   - metric: the metric; the per-person ones have a value for every bucket, the others (coverage, novelty,
    ///     Gini, personalisation, intra-list diversity, RMSE, MAE) for `.all` only.
    ///   - bucket: the people it is over, by how many friends they have; everyone by default.
    /// - Returns: The estimate, whose mean is NaN when no seed had anyone to score; nil when the method was not
    ///   run at k or the metric was not measured for it.
    public func estimate(_ method: String, k: Int, _ metric: Metric, bucket: FriendBucket = .all) -> Estimate? {
        perSeed[Self.key(method, k, metric, bucket)].map(Estimate.init)
    }

    /// The people scored (with relevant query items) for `method` at support size k.
    /// - Parameters:
    ///   - method: the method's name, as in `methods`.
    ///   - k: the support size, one of the settings' `supportSizes`.
    ///   - bucket: the people counted, by how many friends they have; everyone by default.
    /// - Returns: The count from the last seed that had anyone in the bucket; 0 when the method was not run at k
    ///   or no seed did.
    public func userCount(_ method: String, k: Int, bucket: FriendBucket = .all) -> Int {
        users["\(method)|\(k)|\(bucket.rawValue)"] ?? 0
    }

    /// Metrics that have values for at least one method.
    public var presentMetrics: [Metric] {
        Metric.allCases.filter { m in methods.contains { method in settings.supportSizes.contains { estimate(method, k: $0, m)?.mean.isFinite == true } } }
    }
}

extension EvaluationResult {
    /// "NDCG@10" at the default cutoff: the headline metric's heading in tables, the report and its plot.
    var ndcgTitle: String { Metric.ndcg.title(cutoff: settings.cutoff) }

    /// A plain-text table per support size, then NDCG at the cutoff by friend bucket.
    public func table() -> String {
        var out: [String] = []
        let metrics = presentMetrics
        let width = max(8, methods.map(\.count).max() ?? 0)
        func cell(_ e: Estimate?) -> String {
            guard let e, e.mean.isFinite else { return "—".padding(toLength: 15, withPad: " ", startingAt: 0) }
            return (String(format: "%.4f", e.mean) + (e.seeds > 1 ? String(format: " ±%.4f", e.halfWidth) : ""))
                .padding(toLength: 15, withPad: " ", startingAt: 0)
        }
        for k in settings.supportSizes {
            let users = userCount(methods[0], k: k)
            out.append("k = \(k) (\(users) \(settings.scoresValidationUsers ? "validation" : "test") users with relevant items, \(settings.seeds) seed\(settings.seeds == 1 ? "" : "s"))")
            out.append("method".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + metrics.map { $0.title(cutoff: settings.cutoff).padding(toLength: 15, withPad: " ", startingAt: 0) }.joined())
            for method in methods {
                out.append(method.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + metrics.map { cell(estimate(method, k: k, $0)) }.joined())
            }
            out.append("")
        }
        out.append("\(ndcgTitle) by friends (users in each bucket in brackets)")
        for k in settings.supportSizes {
            let headers = FriendBucket.byFriends.map { "\($0.rawValue) [\(userCount(methods[0], k: k, bucket: $0))]" }
            let column = max(17, headers.map(\.count).max() ?? 0) + 2
            out.append("k = \(k)".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + headers.map { $0.padding(toLength: column, withPad: " ", startingAt: 0) }.joined())
            for method in methods {
                out.append(method.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + FriendBucket.byFriends.map {
                        cell(estimate(method, k: k, .ndcg, bucket: $0)).padding(toLength: column, withPad: " ", startingAt: 0)
                    }.joined())
            }
        }
        let tuned = chosenConfigurations.filter { $0.value.contains { $0 != "default" } }
        if !tuned.isEmpty {
            out.append("")
            out.append("Chosen on validation users (per seed): "
                + tuned.keys.sorted().map { "\($0): \(tuned[$0]!.joined(separator: ", "))" }.joined(separator: "; "))
        }
        return out.joined(separator: "\n")
    }

    /// JSON with NaN (a metric undefined for a bucket with no users) written as the string "nan".
    /// - Throws: An `EncodingError` when a value cannot be encoded; in practice never, as infinities are written
    ///   as "inf" and "-inf" too.
    public func json() throws -> Data {
        let encoder = JSONEncoder.reproducible(prettyPrinted: true)
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        return try encoder.encode(self)
    }

    /// Reads a result written by `json()`, turning the strings "nan", "inf" and "-inf" back into numbers.
    /// - Throws: A `DecodingError` when `data` is not JSON or not a result: a field of the wrong type, or one missing
    ///   (only the optional ones, such as `datasetName`, `statistics` and the settings' `coldItemShare`, may be).
    public static func decode(_ data: Data) throws -> EvaluationResult {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(EvaluationResult.self, from: data)
    }

    static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
}
