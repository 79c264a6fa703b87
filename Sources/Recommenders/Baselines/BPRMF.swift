import RecData
import SocialGraphModule

/// BPR-MF (Rendle et al., UAI 2009) with item biases, and fold-in for the person asking.
///
/// Training: SGD on Σ ln σ(b_i − b_j + p_u · (q_i − q_j)) − λ‖Θ‖² over (u, i) drawn uniformly from
/// the visible positives and j uniformly from u's non-positives, seeded (see `BPRFactors`). A rated
/// item is a positive whatever its rating; counts are ignored (presence is the signal).
///
/// Serving: the request's own vector is always fitted afresh on its support set with the item
/// parameters fixed (the same BPR loss and regularisation, a few full-batch steps), never read from
/// training, because at evaluation the request carries exactly the support set. With k = 0 the
/// vector is zero and the items' biases rank; after training the model is re-centred so that zero
/// is the average user (b_i absorbs p̄ · q_i), making that a learnt popularity rather than bias alone.
public struct BPRMF: RegisteredBaseline {
    /// The hyper-parameters of `BPRMF`, chosen per dataset from `grid` on validation users.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// Width of the user and item vectors (at least 1 is used); 32 by default, 64 in the grid.
        public var factors: Int
        /// SGD step size in training and in each fold-in step; about 0.01–0.1 (too large diverges).
        public var learningRate: Float
        /// λ on user and item vectors and on item biases, applied at every update.
        public var regularisation: Float
        /// Passes over the visible positives (one sample per positive each); fold-in takes as many steps.
        public var epochs: Int

        /// Settings; the defaults are the values `grid` varies around.
        /// - Parameters:
        ///   - factors: width of the user and item vectors.
        ///   - learningRate: SGD step size, in training and fold-in.
        ///   - regularisation: λ on user and item vectors and item biases.
        ///   - epochs: passes over the visible positives, and fold-in's steps.
        public init(factors: Int = 32, learningRate: Float = 0.05, regularisation: Float = 0.01, epochs: Int = 50) {
            self.factors = factors
            self.learningRate = learningRate
            self.regularisation = regularisation
            self.epochs = epochs
        }

        /// The settings on one line, as reports list the chosen configuration.
        public var description: String { "factors=\(factors) lr=\(learningRate) reg=\(regularisation) epochs=\(epochs)" }
    }

    /// The name reports and the command line use for this method.
    public static let methodName = "bpr-mf"
    /// Its place in tables, among the baselines.
    public static let listPosition = 50
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init()
    /// Searched on validation users: training length matters most (Last.fm wants 100 epochs; on
    /// Ciao's long tail 30 generalise better), then capacity against regularisation.
    public static let grid: [Configuration] = [
        .init(epochs: 30), .init(epochs: 50), .init(epochs: 100),
        .init(regularisation: 0.003), .init(regularisation: 0.03), .init(factors: 64),
    ]
    /// The settings this model was trained with.
    public let configuration: Configuration
    private let model: BPRFactors

    /// Trains on the visible positives; the cost grows with `epochs` × interactions × `factors`.
    /// - Parameters:
    ///   - data: the visible interactions to train on.
    ///   - configuration: the hyper-parameters.
    ///   - seed: seeds the initial vectors, the sampled pairs and fold-in's negatives, so the same data
    ///     and seed give the same model.
    public init(_ data: VisibleData, configuration c: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        configuration = c
        model = BPRFactors(data, settings: BPRSettings(
            factors: c.factors, learningRate: c.learningRate, regularisation: c.regularisation,
            biasRegularisation: c.regularisation, epochs: c.epochs), friends: nil, seed: seed)
    }

    /// Mean training loss (−ln σ) per epoch, and whether training stopped on a NaN.
    public var epochLosses: [Float] { model.epochLosses }
    /// Whether training met a NaN or infinity and stopped, keeping the last good epoch's parameters.
    public var diverged: Bool { model.diverged }

    /// Folds in a vector for the support set and ranks every item by b_i + p · q_i.
    /// - Parameters:
    ///   - request: the person; only their support items (stray indices and repeats dropped) and
    ///     `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: model.itemCount).items
        let vector = model.foldIn(support: support, prior: nil)
        return Baseline.rank(model.scores(vector), count: count, for: request, support: support)
    }
}
