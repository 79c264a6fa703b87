/// How the meta-gradient reaches the initialisation.
public enum MetaAlgorithm: String, Sendable, Codable, CaseIterable {
    /// MAML with the exact second-order meta-gradient, through Hessian-vector products.
    case maml
    /// First-order MAML: the adapted parameters' query gradient, the inner steps taken as constant.
    case firstOrderMAML
    /// Reptile: k SGD steps on every parameter the task touches; the update moves θ toward the
    /// adapted parameters, θ ← θ + β(mean θ' − θ).
    case reptile
}

/// The meta-learned part of an algorithm around a model, in the manner of learn2learn's `MAML`:
/// `clone(for:)` gives a per-task learner to `adapt()`, whose `metaGradient()` differentiates the
/// query loss back to everything meta-learned here.
///
/// Inner loss of a task: L(S_u; θ) + λ Σ_v w_v L(S_v; θ) over its support set S_u and context
/// sets S_v. Each inner step moves the adapted part: θ_a ← θ_a − α ⊙ ∇_a (inner loss).
public struct MetaLearner<Model: MetaModel>: Sendable {
    /// The model's floating-point type.
    public typealias Scalar = Model.Scalar

    /// The model whose parameters are the meta-learned initialisation.
    public var model: Model
    /// How the meta-gradient is computed.
    public var algorithm: MetaAlgorithm
    /// Inner gradient steps each task takes before its query loss is differentiated.
    public var innerSteps: Int
    /// α, one rate per adapted parameter. All equal to `innerRate` unless Meta-SGD learns them.
    public var innerRates: [Scalar]
    /// The rate of Reptile's steps on the item rows, and the initial value of `innerRates`.
    public var innerRate: Scalar
    /// Meta-SGD: learn `innerRates` in the outer loop (MAML variants only).
    public var learnsInnerRates: Bool
    /// λ, the weight of the context sets in the inner loss.
    public var contextWeight: Scalar
    /// Learn λ in the outer loop (MAML variants only).
    public var learnsContextWeight: Bool

    /// A meta-learner at the model's current parameters, every inner rate set to `innerRate`.
    /// - Parameters:
    ///   - model: the model, whose parameters are the initialisation.
    ///   - algorithm: MAML, first-order MAML or Reptile.
    ///   - innerSteps: inner steps per task (zero or more).
    ///   - innerRate: α for every adapted parameter, and the rate of Reptile's steps on the item rows.
    ///   - learnsInnerRates: whether the outer loop learns α per parameter (Meta-SGD).
    ///   - contextWeight: λ, the weight of the context sets in the inner loss.
    ///   - learnsContextWeight: whether the outer loop learns λ.
    public init(
        model: Model, algorithm: MetaAlgorithm = .maml, innerSteps: Int = 1, innerRate: Scalar = 0.01,
        learnsInnerRates: Bool = false, contextWeight: Scalar = 1, learnsContextWeight: Bool = false
    ) {
        precondition(innerSteps >= 0)
        self.model = model
        self.algorithm = algorithm
        self.innerSteps = innerSteps
        self.innerRate = innerRate
        self.innerRates = [Scalar](repeating: innerRate, count: model.adaptedCount)
        self.learnsInnerRates = learnsInnerRates
        self.contextWeight = contextWeight
        self.learnsContextWeight = learnsContextWeight
    }

    /// A learner for one task, at the meta-learned initialisation. `seed` drives the task's
    /// negative sampling (implicit-feedback losses); nothing else is random.
    /// - Parameters:
    ///   - task: the task: its support, query and context sets, and where its negatives come from.
    ///   - seed: seeds the negatives drawn as the task is compiled; the same seed gives the same learner.
    /// - Returns: A learner at θ that has taken no inner step, its task compiled with the current λ.
    public func clone(for task: MetaTask<Scalar>, seed: UInt64 = 0) -> TaskLearner<Model> {
        var random = SplitMix64(seed: seed)
        let compiled = TaskCompiler<Scalar>(
            lossKind: model.lossKind, itemCount: model.itemCount, pairFeatureWidth: model.pairFeatureWidth
        ).compile(task, contextWeight: contextWeight, random: &random)
        return TaskLearner(meta: self, task: compiled)
    }

    /// One task's contribution: clone, adapt `innerSteps` times, differentiate the query loss.
    /// - Parameters:
    ///   - task: the task to adapt on and be judged on.
    ///   - seed: seeds the task's negative sampling, as in `clone(for:seed:)`.
    /// - Returns: The query loss after adaptation and its derivatives, in the task's local coordinates.
    // Pre-specialised for the shipped model: called from generic code, the whole per-task path
    // would otherwise run unspecialised (measured: ~20% of meta-training in Swift runtime
    // metadata look-ups).
    @specialized(where Model == PreferenceModel<Float>)
    public func taskGradient(for task: MetaTask<Scalar>, seed: UInt64 = 0) -> TaskGradient<Scalar> {
        var learner = clone(for: task, seed: seed)
        learner.adapt(steps: innerSteps)
        return learner.metaGradient()
    }
}

/// The derivatives of one task's query loss L(Q; θ') after adaptation, in the task's local
/// coordinates (see `MetaModel`). For Reptile, `parameters` is θ − θ' instead, and the other
/// derivatives are zero.
public struct TaskGradient<Scalar: MLScalar>: Sendable {
    /// The global items whose rows `parameters` starts with, in order.
    public var items: [Int32]
    /// ∂L/∂θ: the rows of `items`, then the adapted part.
    public var parameters: [Scalar]
    /// ∂L/∂α (Meta-SGD); empty unless the rates are learned.
    public var innerRates: [Scalar]
    /// ∂L/∂λ.
    public var contextWeight: Scalar
    /// ∂L/∂w_v for each context set v, in the task's order.
    public var contextWeights: [Scalar]
    /// L(Q; θ') — the query loss after adaptation.
    public var queryLoss: Scalar
}
