import RecData
import SocialGraph

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
public struct BPRMF: Recommender {
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        public var factors: Int
        public var learningRate: Float
        /// λ on user and item vectors and on item biases, applied at every update.
        public var regularisation: Float
        /// Passes over the visible positives (one sample per positive each); fold-in takes as many steps.
        public var epochs: Int

        public init(factors: Int = 32, learningRate: Float = 0.05, regularisation: Float = 0.01, epochs: Int = 50) {
            self.factors = factors
            self.learningRate = learningRate
            self.regularisation = regularisation
            self.epochs = epochs
        }

        public var description: String { "factors=\(factors) lr=\(learningRate) reg=\(regularisation) epochs=\(epochs)" }

        /// Searched on validation users: training length matters most (Last.fm wants 100 epochs; on
        /// Ciao's long tail 30 generalise better), then capacity against regularisation.
        public static let grid: [Configuration] = [
            .init(epochs: 30), .init(epochs: 50), .init(epochs: 100),
            .init(regularisation: 0.003), .init(regularisation: 0.03), .init(factors: 64),
        ]
    }

    public let name = "bpr-mf"
    public let configuration: Configuration
    private let model: BPRFactors

    public init(_ data: VisibleData, configuration c: Configuration = .init(), seed: UInt64 = 1) {
        configuration = c
        model = BPRFactors(data, settings: BPRSettings(
            factors: c.factors, learningRate: c.learningRate, regularisation: c.regularisation,
            biasRegularisation: c.regularisation, epochs: c.epochs), friends: nil, seed: seed)
    }

    /// Mean training loss (−ln σ) per epoch, and whether training stopped on a NaN.
    public var epochLosses: [Float] { model.epochLosses }
    public var diverged: Bool { model.diverged }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: model.itemCount).items
        let vector = model.foldIn(support: support, prior: nil)
        return Baseline.rank(model.scores(vector), count: count, for: request, support: support)
    }
}
