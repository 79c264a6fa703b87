/// Shape and loss of a `PreferenceModel`.
public struct PreferenceModelConfig: Sendable, Equatable, Hashable, Codable {
    /// Items in the catalogue.
    public var itemCount: Int
    /// Width of each item's embedding, the start of its meta-learned global row (item factors follow).
    public var embeddingWidth: Int
    /// Width of the user state, the adapted vector that enters the first layer.
    public var userStateWidth: Int
    /// Width of the per-(user, item) feature row; zero when there are none.
    public var pairFeatureWidth: Int
    /// Widths of the hidden decision layers (at least one).
    public var hiddenWidths: [Int]
    /// The hidden layers' non-linearity.
    public var activation: Activation
    /// The loss the model is trained with.
    public var loss: LossKind
    /// The pair features' direct weights at initialisation (empty: random, like the layers). Set on
    /// one feature, the untrained model ranks by that feature alone.
    public var initialPairWeights: [Double] = []
    /// Start the decision layers' output at zero, so the MLP is a residual over the direct term:
    /// training moves the score away from the prior only where that lowers the loss.
    public var residualStartsAtZero = false
    /// The last this-many pair features enter the score through the direct term only, not the
    /// MLP: a dense signal (one that is non-zero for every item) then costs one multiply-add per
    /// item in a full-catalogue ranking instead of an MLP pass.
    public var linearOnlyPairFeatures = 0
    /// Width of the collaborative dot product (0: none): each item's global row then also holds a
    /// factor vector and a bias, the adapted part a user factor p, and the score gains p · f_i + b_i.
    /// The rows start at zero, so the untrained model ranks as it would without them; the inner
    /// loop moves p towards the support's factors, the outer loop learns the rows. Outside the MLP,
    /// a full-catalogue ranking costs one matrix–vector product for it.
    public var itemFactorWidth = 0

    /// A configuration; the options not taken here keep their defaults.
    /// - Parameters:
    ///   - itemCount: items in the catalogue (at least one).
    ///   - embeddingWidth: width of each item's embedding.
    ///   - userStateWidth: width of the adapted user state.
    ///   - pairFeatureWidth: per-(user, item) features per example; zero for none.
    ///   - hiddenWidths: widths of the hidden decision layers (at least one, each positive).
    ///   - activation: the hidden layers' non-linearity.
    ///   - loss: the loss to train with.
    public init(
        itemCount: Int, embeddingWidth: Int = 32, userStateWidth: Int = 32, pairFeatureWidth: Int = 0,
        hiddenWidths: [Int] = [64, 64], activation: Activation = .relu, loss: LossKind = .mse
    ) {
        precondition(itemCount > 0 && embeddingWidth >= 0 && userStateWidth >= 0 && pairFeatureWidth >= 0)
        precondition(!hiddenWidths.isEmpty && hiddenWidths.allSatisfy { $0 > 0 }, "at least one hidden layer")
        self.itemCount = itemCount
        self.embeddingWidth = embeddingWidth
        self.userStateWidth = userStateWidth
        self.pairFeatureWidth = pairFeatureWidth
        self.hiddenWidths = hiddenWidths
        self.activation = activation
        self.loss = loss
    }
}

/// Scores item i for a user: an MLP over [item embedding, pair features, user state], plus a
/// linear term in the pair features and, with item factors, a dot product of user and item factors.
///
/// Global part: one row per item, its embedding then (with item factors) its factor vector and
/// bias. Adapted part, in this order: the user state; then for each hidden layer its weights
/// (fan-in × width, row-major) and biases; then the output weights and bias; then the pair
/// features' direct weights; then the user factor. The first layer's weight
/// rows are ordered embedding, pair features, user state: the user state is the same on every row
/// of a batch, so its product with the weights is computed once and added like a bias.
///
/// The direct (wide) term lets a strong feature such as friends' vote rank items on its own
/// from the first step, the MLP learning corrections to it rather than re-deriving a near-linear
/// score through two ReLU layers; adapted in the inner loop, it is how much this person follows
/// each signal.
public struct PreferenceModel<Scalar: MLScalar>: MetaModel {
    /// The shape and loss the model was built with.
    public let config: PreferenceModelConfig
    /// The flat parameter vector: the item embeddings, then the adapted part.
    public var parameters: [Scalar]
    let layout: PreferenceLayout

    /// A freshly initialised model: embeddings and user state normal with standard deviation 0.1,
    /// layers uniform in ±1/√fan-in (as PyTorch's nn.Linear), direct pair weights uniform in ±1/√width
    /// unless `config.initialPairWeights` sets them; item factors and biases zero, the user factor
    /// normal with standard deviation 0.1 (one side of the product must start non-zero for either
    /// to receive a gradient).
    /// - Parameters:
    ///   - config: the model's shape and loss.
    ///   - seed: seeds the initial values; the same seed gives the same model.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    public init(config: PreferenceModelConfig, seed: UInt64) {
        self.config = config
        self.layout = PreferenceLayout(config)
        var random = SplitMix64(seed: seed, path: 0x5EED)
        let rowWidth = layout.rowWidth
        var parameters = [Scalar](repeating: 0, count: config.itemCount * rowWidth + layout.count)
        for i in 0..<config.itemCount {
            for f in 0..<config.embeddingWidth { parameters[i * rowWidth + f] = random.normal() * 0.1 }
        }
        let adapted = config.itemCount * rowWidth
        for j in 0..<config.userStateWidth { parameters[adapted + j] = random.normal() * 0.1 }
        // Uniform(±1/√fan-in) for weights and biases, as PyTorch's nn.Linear does.
        for l in 0...layout.hidden.count {
            let fanIn = layout.fanIn(l), width = l < layout.hidden.count ? layout.hidden[l] : 1
            let bound = 1 / Scalar(fanIn).squareRoot()
            let weights = l < layout.hidden.count ? layout.weights[l] : layout.outputWeights
            let biases = l < layout.hidden.count ? layout.biases[l] : layout.outputBias
            for j in 0..<(fanIn * width) { parameters[adapted + weights + j] = (2 * random.unit() - 1) * bound }
            for j in 0..<width { parameters[adapted + biases + j] = (2 * random.unit() - 1) * bound }
        }
        if config.residualStartsAtZero {
            for j in 0...layout.hidden[layout.hidden.count - 1] { parameters[adapted + layout.outputWeights + j] = 0 }
        }
        if layout.pair > 0 {
            let bound = 1 / Scalar(layout.pair).squareRoot()
            for j in 0..<layout.pair { parameters[adapted + layout.pairWeights + j] = (2 * random.unit() - 1) * bound }
            if !config.initialPairWeights.isEmpty {
                precondition(config.initialPairWeights.count == layout.pair, "one initial weight per pair feature")
                for j in 0..<layout.pair { parameters[adapted + layout.pairWeights + j] = Scalar(config.initialPairWeights[j]) }
            }
        }
        for j in 0..<layout.factor { parameters[adapted + layout.userFactor + j] = random.normal() * 0.1 }
        self.parameters = parameters
    }

    /// Items in the catalogue.
    public var itemCount: Int { config.itemCount }
    /// Each item's global row: its embedding, then its factor vector and bias when there are factors.
    public var globalRowWidth: Int { layout.rowWidth }
    /// Length of the adapted part: user state, decision layers, direct pair weights and user factor.
    public var adaptedCount: Int { layout.count }
    /// Pair features per example.
    public var pairFeatureWidth: Int { config.pairFeatureWidth }
    /// The configured loss.
    public var lossKind: LossKind { config.loss }

    /// Scores `items` (with their pair-feature rows) for a user whose adapted parameters are
    /// `adapted`, or the meta-learned initialisation when nil.
    /// - Parameters:
    ///   - items: the items to score, each in the catalogue.
    ///   - pairFeatures: their pair-feature rows, row-major, `pairFeatureWidth` values per item; empty when the width is 0.
    ///   - adapted: a user's adapted part (`adaptedCount` values), or nil for the initialisation's.
    ///   - includingItemFactors: false leaves the dot product p · f_i + b_i out, for a caller that
    ///     adds it over the whole catalogue at once (`addItemFactorScores`).
    /// - Returns: one score per item, in the order of `items`.
    public func scores(
        items: [Int32], pairFeatures: [Scalar] = [], adapted: [Scalar]? = nil, includingItemFactors: Bool = true
    ) -> [Scalar] {
        precondition(pairFeatures.count == items.count * config.pairFeatureWidth)
        precondition(adapted.map { $0.count == adaptedCount } ?? true)
        precondition(items.allSatisfy { $0 >= 0 && Int($0) < itemCount }, "item outside the catalogue")
        let batch = LossBatch<Scalar>(
            isSquaredError: true, rowItems: items, pairFeatures: pairFeatures,
            pairFeatureWidth: config.pairFeatureWidth, terms: [], groupWeights: [])
        var trace = makeTrace()
        parameters.withUnsafeBufferPointer { all in
            let own = all.baseAddress! + globalCount
            if let adapted {
                adapted.withUnsafeBufferPointer {
                    _ = forward(rows: all.baseAddress!, adapted: $0.baseAddress!, batch: batch, trace: &trace, slopes: false,
                                itemFactors: includingItemFactors)
                }
            } else {
                _ = forward(rows: all.baseAddress!, adapted: own, batch: batch, trace: &trace, slopes: false,
                            itemFactors: includingItemFactors)
            }
        }
        return trace.scores
    }

    /// Adds every item's dot-product term p · f_i + b_i to its score, in catalogue order (nothing
    /// without item factors).
    /// - Parameters:
    ///   - adapted: a user's adapted part (`adaptedCount` values), or nil for the initialisation's.
    ///   - scores: `itemCount` scores, one per item.
    public func addItemFactorScores(adapted: [Scalar]? = nil, into scores: inout [Scalar]) {
        precondition(scores.count == itemCount)
        guard layout.factor > 0 else { return }
        let adapted = adapted ?? Array(parameters[globalCount...])
        parameters.withUnsafeBufferPointer { all in
            adapted.withUnsafeBufferPointer { a in
                scores.withUnsafeMutableBufferPointer { out in
                    let p = a.baseAddress! + layout.userFactor
                    for i in 0..<itemCount { out[i] += factorProduct(item: i, rows: all.baseAddress!, userFactor: p, withBias: true) }
                }
            }
        }
    }

    /// The direct weight of pair feature `column` in adapted parameters (or the initialisation).
    /// - Parameters:
    ///   - column: the pair feature's index, from 0 to `pairFeatureWidth` − 1.
    ///   - adapted: a user's adapted part (`adaptedCount` values), or nil for the initialisation's.
    /// - Returns: the feature's coefficient in the score's linear term, outside the MLP.
    public func directWeight(_ column: Int, adapted: [Scalar]? = nil) -> Scalar {
        precondition(column >= 0 && column < config.pairFeatureWidth)
        return adapted.map { $0[layout.pairWeights + column] } ?? parameters[globalCount + layout.pairWeights + column]
    }

    // MARK: MetaModel

    /// An empty trace; a pass sizes its arena.
    /// - Returns: a trace that records no point yet.
    public func makeTrace() -> PreferenceTrace<Scalar> { PreferenceTrace() }

    /// The loss of `batch` at θ, by one forward pass.
    /// - Parameters:
    ///   - theta: parameters in the batch's local coordinates: its item rows, then the adapted part.
    ///   - batch: the scored rows and loss terms.
    /// - Returns: Σ_g γ_g L_g.
    public func loss(at theta: [Scalar], on batch: LossBatch<Scalar>) -> Scalar {
        var trace = makeTrace()
        return theta.withUnsafeBufferPointer { theta in
            forward(rows: theta.baseAddress!, adapted: theta.baseAddress! + theta.count - adaptedCount,
                    batch: batch, trace: &trace, slopes: false)
        }
    }

    /// The loss and ∇_θ L by one forward and one backward pass, the point kept in `trace` for
    /// Hessian-vector products.
    /// - Parameters:
    ///   - theta: parameters in the batch's local coordinates: its item rows, then the adapted part.
    ///   - batch: the scored rows and loss terms.
    ///   - scope: whether the item rows' gradient is computed or left at zero.
    ///   - gradient: receives ∇_θ L, resized to θ's length.
    ///   - trace: receives θ and the pass's values.
    /// - Returns: the loss at θ.
    public func gradient(
        at theta: [Scalar], on batch: LossBatch<Scalar>, scope: GradientScope, into gradient: inout [Scalar],
        trace: inout PreferenceTrace<Scalar>
    ) -> Scalar {
        trace.theta = theta
        return gradientPass(batch: batch, scope: scope, into: &gradient, trace: &trace)
    }

    /// The exact Hessian-vector product at the traced point, by an R-operator pass over the trace
    /// (no second forward pass).
    /// - Parameters:
    ///   - trace: a gradient pass's trace, at the point to differentiate.
    ///   - v: a direction over the adapted part (`adaptedCount` values).
    ///   - hvp: receives ∇_θ(v · ∇_adapted L), θ's length, item rows included.
    ///   - groupDerivatives: receives v · ∇_adapted L_g for each group g.
    public func hessianVectorProduct(
        _ trace: PreferenceTrace<Scalar>, direction v: [Scalar], into hvp: inout [Scalar],
        groupDerivatives: inout [Scalar]
    ) {
        var product: [Scalar]? = hvp
        hvp = []  // hand the storage over without a copy
        directionalPass(trace, direction: v, hvp: &product, groupDerivatives: &groupDerivatives)
        hvp = product!
    }

    /// Only the per-group directional derivatives, by the forward half of the R-operator pass.
    /// - Parameters:
    ///   - trace: a gradient pass's trace, at the point to differentiate.
    ///   - v: a direction over the adapted part (`adaptedCount` values).
    ///   - groupDerivatives: receives v · ∇_adapted L_g for each group g.
    public func directionalDerivatives(
        _ trace: PreferenceTrace<Scalar>, direction v: [Scalar], into groupDerivatives: inout [Scalar]
    ) {
        var noProduct: [Scalar]? = nil
        directionalPass(trace, direction: v, hvp: &noProduct, groupDerivatives: &groupDerivatives)
    }
}

/// Offsets of the adapted part's pieces, relative to its start.
struct PreferenceLayout: Sendable, Equatable {
    let embedding: Int, pair: Int, user: Int
    /// The dot product's width: each item row's factor vector (then its bias) and the adapted user factor.
    let factor: Int
    /// Values in each item's global row: embedding, then factors and bias when `factor` > 0.
    let rowWidth: Int
    /// The pair features that enter the MLP: the first `mlpPair` of `pair`.
    let mlpPair: Int
    let hidden: [Int]
    let weights: [Int], biases: [Int]
    let outputWeights: Int, outputBias: Int
    /// The pair features' direct weights on the score (`pair` of them).
    let pairWeights: Int
    /// The user factor p of the dot product (`factor` values), last.
    let userFactor: Int
    let count: Int

    init(_ config: PreferenceModelConfig) {
        embedding = config.embeddingWidth
        pair = config.pairFeatureWidth
        precondition(config.linearOnlyPairFeatures >= 0 && config.linearOnlyPairFeatures <= pair)
        mlpPair = pair - config.linearOnlyPairFeatures
        user = config.userStateWidth
        precondition(config.itemFactorWidth >= 0)
        factor = config.itemFactorWidth
        rowWidth = embedding + (factor > 0 ? factor + 1 : 0)
        hidden = config.hiddenWidths
        var offset = user
        var weights: [Int] = [], biases: [Int] = []
        for l in hidden.indices {
            weights.append(offset)
            offset += (l == 0 ? embedding + mlpPair + user : hidden[l - 1]) * hidden[l]
            biases.append(offset)
            offset += hidden[l]
        }
        self.weights = weights
        self.biases = biases
        outputWeights = offset
        outputBias = offset + hidden[hidden.count - 1]
        pairWeights = outputBias + 1
        userFactor = pairWeights + pair
        count = userFactor + factor
    }

    /// Per-row input width: embedding and the MLP's pair features (the user state is a row constant).
    var rowInput: Int { embedding + mlpPair }

    /// Inputs to layer l (l == hidden.count is the output layer).
    func fanIn(_ l: Int) -> Int { l == 0 ? embedding + mlpPair + user : hidden[l - 1] }
}
