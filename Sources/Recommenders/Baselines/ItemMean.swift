import RecData
import SocialGraphModule

/// The rating floor: an item's mean rating damped toward the global mean, shifted by how the person
/// rates relative to that (their support set's mean residual, damped toward zero):
///
///   b_i = Σ_{u rated i} (r_ui − μ) / (n_i + itemDamping)
///   b_u = Σ_{s ∈ S} (r_s − μ − b_s) / (|S| + userDamping)
///   r̂   = clamp(μ + b_i + b_u)
///
/// With k = 0, b_u = 0: the damped item mean. `recommend` ranks by μ + b_i (b_u shifts every item
/// alike); it is a rating baseline, not a serious ranker.
///
/// Implicit data has no ratings: presence is the signal, so the matrix is 0/1 over all users and
/// an item's mean is the share of users who chose it. There the model is popularity (ranking and
/// "predictions" both), not a mean of play counts, which would crown items one fan played a lot.
public struct ItemMean: RatingPredictor, RegisteredBaseline {
    /// How strongly `ItemMean` damps its item and user terms, chosen from `grid` on validation users by RMSE.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// Pseudo-ratings at the global mean added to every item: a single 5 should not make an item a 5.
        public var itemDamping: Float
        /// Pseudo-residuals of zero added to a person's support set.
        public var userDamping: Float

        /// Settings; the defaults are the values `grid` varies around.
        /// - Parameters:
        ///   - itemDamping: pseudo-ratings at the global mean added to every item.
        ///   - userDamping: pseudo-residuals of zero added to a person's support set; infinity switches the user term off.
        public init(itemDamping: Float = 5, userDamping: Float = 3) {
            self.itemDamping = itemDamping
            self.userDamping = userDamping
        }

        /// The settings on one line, as reports list the chosen configuration.
        public var description: String { "itemDamping=\(itemDamping) userDamping=\(userDamping)" }
    }

    /// The name reports and the command line use for this method.
    public static let methodName = "item-mean"
    /// Its place in tables, among the baselines.
    public static let listPosition = 80
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init()
    /// Searched on validation users (by RMSE).
    public static let grid: [Configuration] = [
        .init(itemDamping: 1, userDamping: 1), .init(itemDamping: 5, userDamping: 1),
        .init(itemDamping: 5, userDamping: 3), .init(itemDamping: 5, userDamping: 10),
        .init(itemDamping: 20, userDamping: 3), .init(itemDamping: 5, userDamping: .infinity),
    ]
    /// The damping in use.
    public let configuration: Configuration
    /// The data's feedback: its scale clamps predictions, and implicit feedback makes this popularity.
    public let feedback: Feedback
    /// μ over the visible ratings (0 on implicit data).
    public let globalMean: Float
    private let itemOffset: [Float]

    /// Nothing random is trained, so `seed` is unused; it is there so every baseline is built the same way.
    /// - Parameters:
    ///   - data: the visible interactions and their feedback: ratings give the damped means, implicit data each item's
    ///     share of users.
    ///   - configuration: the item and user damping; neither is used on implicit data.
    ///   - seed: unused.
    public init(_ data: VisibleData, configuration: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        self.configuration = configuration
        feedback = data.feedback
        let index = data.interactions
        guard data.feedback.isExplicit else {
            globalMean = 0
            let users = Float(max(1, data.userCount))
            itemOffset = (0..<Int32(data.itemCount)).map { Float(index.popularity($0)) / users }
            return
        }
        var sum = 0.0
        var itemSum = [Double](repeating: 0, count: data.itemCount)
        for u in 0..<Int32(data.userCount) {
            for (i, r) in zip(index.items(of: u), index.values(of: u)) {
                sum += Double(r)
                itemSum[Int(i)] += Double(r)
            }
        }
        let mean = index.count > 0 ? sum / Double(index.count) : 0
        let damping = Double(max(0, configuration.itemDamping))
        globalMean = Float(mean)
        itemOffset = (0..<data.itemCount).map { i in
            let n = Double(index.popularity(Int32(i)))
            return n + damping > 0 ? Float((itemSum[i] - n * mean) / (n + damping)) : 0
        }
    }

    /// Ranks by μ + b_i, the damped item mean (on implicit data, the share of users who chose the item).
    /// - Parameters:
    ///   - request: the person; only their support items and `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: itemOffset.count).items
        return Baseline.rank(itemOffset.map { globalMean + $0 }, count: count, for: request, support: support)
    }

    /// μ + b_i + b_u clamped to the rating scale; on implicit data, each item's share of users.
    /// - Parameters:
    ///   - request: the person, whose support items and values give b_u.
    ///   - items: the items to predict; an index outside the catalogue gets b_i = 0.
    /// - Returns: One prediction per item, in the order of `items`.
    public func predictRatings(_ request: RecommendationRequest, items: [Int32]) -> [Float] {
        guard case .explicit(let low, let high) = feedback else {
            return items.map { $0 >= 0 && Int($0) < itemOffset.count ? itemOffset[Int($0)] : 0 }
        }
        let (support, values) = Baseline.support(request, itemCount: itemOffset.count)
        var residual: Float = 0
        for (s, r) in zip(support, values) { residual += r - globalMean - itemOffset[Int(s)] }
        // An infinite damping switches the user term off (0 / ∞ = 0).
        let userOffset = support.isEmpty ? 0 : residual / (Float(support.count) + max(0, configuration.userDamping))
        return items.map { i in
            min(high, max(low, globalMean + userOffset + (i >= 0 && Int(i) < itemOffset.count ? itemOffset[Int(i)] : 0)))
        }
    }
}
