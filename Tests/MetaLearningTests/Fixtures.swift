@testable import MetaLearning

/// Small models and random tasks for derivative checks.
enum Fixtures {
    static func config(
        loss: LossKind, activation: Activation = .tanh, pairWidth: Int = 2, hidden: [Int] = [5, 4], items: Int = 12,
        embeddingWidth: Int = 3, linearOnly: Int = 0, itemFactorWidth: Int = 0
    ) -> PreferenceModelConfig {
        var config = PreferenceModelConfig(
            itemCount: items, embeddingWidth: embeddingWidth, userStateWidth: 2, pairFeatureWidth: pairWidth,
            hiddenWidths: hidden, activation: activation, loss: loss)
        config.linearOnlyPairFeatures = linearOnly
        config.itemFactorWidth = itemFactorWidth
        return config
    }

    /// `model` with its item factors and biases drawn at random: they start at zero, where the
    /// dot product's derivatives through them would vanish and a check would prove nothing.
    static func withRandomItemFactors<S: MLScalar>(_ model: PreferenceModel<S>, seed: UInt64) -> PreferenceModel<S> {
        var model = model, random = SplitMix64(seed: seed)
        let layout = model.layout
        for i in 0..<model.itemCount {
            for f in 0...layout.factor where layout.factor > 0 {
                model.parameters[i * layout.rowWidth + layout.embedding + f] = random.normal() * 0.5
            }
        }
        return model
    }

    /// The shapes every derivative check covers: no pair features; pair features into the MLP;
    /// v2's shape, no item embeddings and linear-only (dense) columns beside the MLP's: one (the
    /// collaborative prior) or two (with the content match); and the dot product of item and user
    /// factors, beside embeddings or without them.
    static let shapes: [(pairWidth: Int, embeddingWidth: Int, linearOnly: Int, itemFactors: Int)] =
        [(0, 3, 0, 0), (2, 3, 0, 0), (3, 3, 1, 0), (3, 0, 1, 0), (4, 0, 2, 0), (2, 3, 0, 2), (4, 0, 2, 3)]

    static func exampleSet<S: MLScalar>(
        count: Int, items: Int, pairWidth: Int, loss: LossKind, random: inout SplitMix64
    ) -> ExampleSet<S> {
        var set = ExampleSet<S>(pairFeatureWidth: pairWidth)
        for _ in 0..<count {
            let item = Int32(random.next() % UInt64(items))
            let target: S = loss == .mse ? random.normal() : 1
            set.append(item: item, target: target, pairFeatures: (0..<pairWidth).map { _ in random.normal() })
        }
        return set
    }

    static func task<S: MLScalar>(
        config: PreferenceModelConfig, support: Int = 5, query: Int = 4, contexts: Int = 2, seed: UInt64
    ) -> MetaTask<S> {
        var random = SplitMix64(seed: seed)
        func set(_ n: Int) -> ExampleSet<S> {
            exampleSet(count: n, items: config.itemCount, pairWidth: config.pairFeatureWidth, loss: config.loss,
                       random: &random)
        }
        let contextSets = (0..<contexts).map { _ in
            ContextSet(examples: set(3), weight: S(0.2) + random.unit())
        }
        return MetaTask(support: set(support), query: set(query), contexts: contextSets)
    }

    static func compiled<S: MLScalar>(
        _ task: MetaTask<S>, model: PreferenceModel<S>, lambda: S = 0.7, seed: UInt64 = 3
    ) -> CompiledTask<S> {
        var random = SplitMix64(seed: seed)
        return TaskCompiler(lossKind: model.lossKind, itemCount: model.itemCount, pairFeatureWidth: model.pairFeatureWidth)
            .compile(task, contextWeight: lambda, random: &random)
    }

    /// Named ranges of a local parameter vector: the item rows, the user state, and each layer's
    /// weights and biases, so that a derivative check can report every layer on its own.
    static func blocks<S>(_ model: PreferenceModel<S>, localRows: Int) -> [(String, Range<Int>)] {
        let layout = model.layout, start = localRows * model.globalRowWidth
        var blocks: [(String, Range<Int>)] = [("item embeddings", 0..<start), ("user state", start..<(start + layout.user))]
        for l in layout.hidden.indices {
            blocks.append(("layer \(l) weights", (start + layout.weights[l])..<(start + layout.biases[l])))
            blocks.append(("layer \(l) biases", (start + layout.biases[l])..<(start + layout.biases[l] + layout.hidden[l])))
        }
        blocks.append(("output weights", (start + layout.outputWeights)..<(start + layout.outputBias)))
        blocks.append(("output bias", (start + layout.outputBias)..<(start + layout.outputBias + 1)))
        blocks.append(("pair features' direct weights", (start + layout.pairWeights)..<(start + layout.userFactor)))
        blocks.append(("user factor", (start + layout.userFactor)..<(start + layout.count)))
        return blocks
    }

    /// ‖a − b‖ / max(‖b‖, 10⁻⁵): relative, except for blocks whose derivative is (nearly) zero,
    /// where finite differences of a gradient leave round-off of about 10⁻¹¹ (ε·‖∇L‖ / step); there
    /// a passing check means an absolute error below 10⁻¹¹.
    ///
    /// A block whose derivative is zero up to round-off (BPR cannot see the output bias: it cancels in
    /// every difference of scores) is compared absolutely: round-off of finite differences stays
    /// below 10⁻⁸ there, and the result is scaled so that passing at 10⁻⁶ means exactly that.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        if !a.isEmpty && a.allSatisfy({ abs($0) < 1e-12 }) { return (b.map(abs).max() ?? 0) * 1e2 }
        var difference = 0.0, norm = 0.0
        for i in a.indices { difference += (a[i] - b[i]) * (a[i] - b[i]); norm += b[i] * b[i] }
        return (difference / max(norm, 1e-10)).squareRoot()
    }

    /// Central finite-difference gradient of f at x.
    static func numericalGradient(_ x: [Double], step: Double = 1e-6, _ f: ([Double]) -> Double) -> [Double] {
        var x = x
        return x.indices.map { i in
            let saved = x[i]
            x[i] = saved + step
            let up = f(x)
            x[i] = saved - step
            let down = f(x)
            x[i] = saved
            return (up - down) / (2 * step)
        }
    }
}
