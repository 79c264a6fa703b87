import Testing
@testable import MetaLearning

/// Gradients and Hessian-vector products of PreferenceModel against central finite differences
/// in Double, for every loss, both activations, and with and without pair features.
@Suite struct ModelDerivativeTests {
    static let losses: [LossKind] = [.mse, .bce(negativesPerPositive: 2), .bpr(negativesPerPositive: 2),
                                     .softmax(negatives: 6, temperature: 0.5)]

    @Test(arguments: losses, [Activation.tanh, .relu])
    func gradientMatchesFiniteDifferences(loss: LossKind, activation: Activation) {
        for (pairWidth, embeddingWidth, linearOnly, itemFactors) in Fixtures.shapes {
            let config = Fixtures.config(loss: loss, activation: activation, pairWidth: pairWidth,
                                         embeddingWidth: embeddingWidth, linearOnly: linearOnly, itemFactorWidth: itemFactors)
            let model = Fixtures.withRandomItemFactors(PreferenceModel<Double>(config: config, seed: 11), seed: 13)
            let task: MetaTask<Double> = Fixtures.task(config: config, seed: 5)
            let local = Fixtures.compiled(task, model: model)
            let theta = model.localParameters(items: local.items)
            var gradient: [Double] = [], trace = model.makeTrace()
            let loss = model.gradient(at: theta, on: local.inner, into: &gradient, trace: &trace)
            #expect(abs(loss - model.loss(at: theta, on: local.inner)) < 1e-12)
            let numerical = Fixtures.numericalGradient(theta) { model.loss(at: $0, on: local.inner) }
            for (name, range) in Fixtures.blocks(model, localRows: local.items.count) {
                #expect(Fixtures.relativeError(Array(gradient[range]), Array(numerical[range])) < 1e-6,
                        "\(name): \(loss) \(activation) pair \(pairWidth) embedding \(embeddingWidth) linear \(linearOnly) factors \(itemFactors)")
            }
        }
    }

    @Test(arguments: losses, [Activation.tanh, .relu])
    func hessianVectorProductMatchesFiniteDifferences(loss: LossKind, activation: Activation) {
        for (pairWidth, embeddingWidth, linearOnly, itemFactors) in Fixtures.shapes {
            let config = Fixtures.config(loss: loss, activation: activation, pairWidth: pairWidth,
                                         embeddingWidth: embeddingWidth, linearOnly: linearOnly, itemFactorWidth: itemFactors)
            let model = Fixtures.withRandomItemFactors(PreferenceModel<Double>(config: config, seed: 12), seed: 14)
            let task: MetaTask<Double> = Fixtures.task(config: config, seed: 6)
            let local = Fixtures.compiled(task, model: model)
            let theta = model.localParameters(items: local.items)
            var random = SplitMix64(seed: 9)
            let v: [Double] = (0..<model.adaptedCount).map { _ in random.normal() }
            var gradient: [Double] = [], trace = model.makeTrace()
            _ = model.gradient(at: theta, on: local.inner, into: &gradient, trace: &trace)
            var hvp: [Double] = [], groups: [Double] = []
            model.hessianVectorProduct(trace, direction: v, into: &hvp, groupDerivatives: &groups)

            // ∇_θ (v · ∇_adapted L): finite differences of the gradient's adapted part along each θ_i.
            let adaptedStart = theta.count - model.adaptedCount
            let numerical = Fixtures.numericalGradient(theta, step: 1e-5) { point in
                var g: [Double] = [], t = model.makeTrace()
                _ = model.gradient(at: point, on: local.inner, into: &g, trace: &t)
                return zip(g[adaptedStart...], v).reduce(0) { $0 + $1.0 * $1.1 }
            }
            for (name, range) in Fixtures.blocks(model, localRows: local.items.count) {
                #expect(Fixtures.relativeError(Array(hvp[range]), Array(numerical[range])) < 1e-6,
                        "\(name): \(loss) \(activation) pair \(pairWidth) embedding \(embeddingWidth) linear \(linearOnly) factors \(itemFactors)")
            }

            // Per-group directional derivatives: v · ∇_adapted L_g of each group's own mean loss.
            for g in 0..<local.inner.groupCount {
                var single = local.inner
                single.groupWeights = single.groupWeights.indices.map { $0 == g ? 1 : 0 }
                let step = 1e-6
                var up = theta, down = theta
                for j in v.indices { up[adaptedStart + j] += step * v[j]; down[adaptedStart + j] -= step * v[j] }
                let expected = (model.loss(at: up, on: single) - model.loss(at: down, on: single)) / (2 * step)
                #expect(abs(groups[g] - expected) <= 1e-6 * max(1, abs(expected)), "group \(g)")
            }
            var onlyGroups: [Double] = []
            model.directionalDerivatives(trace, direction: v, into: &onlyGroups)
            #expect(onlyGroups == groups)
        }
    }
}
