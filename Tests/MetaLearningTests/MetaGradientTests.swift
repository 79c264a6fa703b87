import Testing
@testable import MetaLearning

/// Second-order MAML's meta-gradient — parameters, Meta-SGD rates, λ and the context weights —
/// against central finite differences of the adapted query loss, in Double.
@Suite struct MetaGradientTests {
    typealias Learner = MetaLearner<PreferenceModel<Double>>

    static func learner(loss: LossKind, activation: Activation, steps: Int, itemFactors: Int = 0) -> Learner {
        let config = Fixtures.config(loss: loss, activation: activation, itemFactorWidth: itemFactors)
        return Learner(
            model: Fixtures.withRandomItemFactors(PreferenceModel(config: config, seed: 21), seed: 22), algorithm: .maml, innerSteps: steps, innerRate: 0.3,
            learnsInnerRates: true, contextWeight: 0.8, learnsContextWeight: true)
    }

    /// The query loss after `steps` inner steps, as a function of everything meta-learned.
    static func adaptedLoss(_ learner: Learner, _ task: MetaTask<Double>) -> Double {
        var clone = learner.clone(for: task, seed: 77)
        clone.adapt(steps: learner.innerSteps)
        return clone.queryLoss()
    }

    @Test(arguments: [1, 3], [LossKind.mse, .bce(negativesPerPositive: 2), .bpr(negativesPerPositive: 2), .softmax(negatives: 6, temperature: 0.5)])
    func secondOrderMatchesFiniteDifferences(steps: Int, loss: LossKind) {
        for (activation, itemFactors) in [(Activation.tanh, 0), (.relu, 0), (.relu, 2)] {
            var learner = Self.learner(loss: loss, activation: activation, steps: steps, itemFactors: itemFactors)
            // Distinct rates per parameter, so that a mix-up of α's entries shows.
            var random = SplitMix64(seed: 4)
            learner.innerRates = learner.innerRates.map { $0 * (0.5 + random.unit()) }
            let task: MetaTask<Double> = Fixtures.task(config: learner.model.config, seed: 8)
            let result = learner.taskGradient(for: task, seed: 77)
            #expect(abs(result.queryLoss - Self.adaptedLoss(learner, task)) < 1e-12)

            var analytic = [Double](repeating: 0, count: learner.model.parameters.count)
            addLocal(&analytic, 1, local: result.parameters, items: result.items,
                     rowWidth: learner.model.globalRowWidth, adaptedCount: learner.model.adaptedCount)
            let numerical = Fixtures.numericalGradient(learner.model.parameters, step: 1e-5) { point in
                var moved = learner
                moved.model.parameters = point
                return Self.adaptedLoss(moved, task)
            }
            #expect(Fixtures.relativeError(analytic, numerical) <= 1e-4, "θ, k=\(steps) \(loss) \(activation) factors \(itemFactors)")

            let rates = Fixtures.numericalGradient(learner.innerRates, step: 1e-5) { point in
                var moved = learner
                moved.innerRates = point
                return Self.adaptedLoss(moved, task)
            }
            #expect(Fixtures.relativeError(result.innerRates, rates) <= 1e-4, "α, k=\(steps) \(loss) \(activation) factors \(itemFactors)")

            let lambda = Fixtures.numericalGradient([learner.contextWeight], step: 1e-5) { point in
                var moved = learner
                moved.contextWeight = point[0]
                return Self.adaptedLoss(moved, task)
            }
            #expect(Fixtures.relativeError([result.contextWeight], lambda) <= 1e-4, "λ, k=\(steps) \(loss) \(activation) factors \(itemFactors)")

            let weights = Fixtures.numericalGradient(task.contexts.map(\.weight), step: 1e-5) { point in
                var moved = task
                for v in point.indices { moved.contexts[v].weight = point[v] }
                return Self.adaptedLoss(learner, moved)
            }
            #expect(Fixtures.relativeError(result.contextWeights, weights) <= 1e-4, "w, k=\(steps) \(loss) \(activation) factors \(itemFactors)")
        }
    }

    /// First-order MAML: ∂/∂θ is the adapted parameters' query gradient, and for one step
    /// ∂/∂w_v = −λ (α ⊙ ∇_a L(Q; θ')) · ∇_a L(S_v; θ), as documented.
    @Test func firstOrderFollowsItsDefinition() {
        var learner = Self.learner(loss: .mse, activation: .tanh, steps: 1)
        learner.algorithm = .firstOrderMAML
        let task: MetaTask<Double> = Fixtures.task(config: learner.model.config, seed: 9)
        let result = learner.taskGradient(for: task, seed: 1)
        var clone = learner.clone(for: task, seed: 1)
        let before = clone.theta
        clone.adapt()
        let model = learner.model
        var queryGradient: [Double] = [], trace = model.makeTrace()
        _ = model.gradient(at: clone.theta, on: clone.task.query, into: &queryGradient, trace: &trace)
        #expect(result.parameters == queryGradient)

        let start = clone.adaptedStart
        let direction = zip(learner.innerRates, queryGradient[start...]).map { $0 * $1 }
        for v in task.contexts.indices {
            var only = clone.task.inner
            only.groupWeights = only.groupWeights.indices.map { $0 == v + 1 ? 1 : 0 }
            var contextGradient: [Double] = []
            _ = model.gradient(at: before, on: only, into: &contextGradient, trace: &trace)
            let expected = -learner.contextWeight * zip(direction, contextGradient[start...]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(result.contextWeights[v] - expected) <= 1e-12 * max(1, abs(expected)))
        }
    }

    /// Reptile's per-task result is θ − θ' over every parameter the task touches.
    @Test func reptileReportsTheStepTaken() {
        var learner = Self.learner(loss: .mse, activation: .relu, steps: 2)
        learner.algorithm = .reptile
        let task: MetaTask<Double> = Fixtures.task(config: learner.model.config, seed: 10)
        let result = learner.taskGradient(for: task, seed: 2)
        var clone = learner.clone(for: task, seed: 2)
        clone.adapt(steps: 2)
        let expected = zip(clone.initial, clone.theta).map { $0 - $1 }
        #expect(result.parameters == expected)
        #expect(expected[0..<clone.adaptedStart].contains { $0 != 0 }, "item rows move in Reptile's inner loop")
    }
}
