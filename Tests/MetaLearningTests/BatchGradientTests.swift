import Testing
@testable import MetaLearning

/// The trainer's meta-gradient is the derivative of the mean query loss over the batch, context
/// weights included, and training with context sets learns λ and α.
@Suite struct BatchGradientTests {
    @Test func metaGradientIsTheDerivativeOfTheMeanQueryLoss() {
        let config = Fixtures.config(loss: .bce(negativesPerPositive: 1), activation: .tanh)
        let learner = MetaLearner(
            model: PreferenceModel<Double>(config: config, seed: 3), algorithm: .maml, innerSteps: 2, innerRate: 0.2,
            contextWeight: 0.6)
        let trainer = MetaTrainer(learner: learner, threads: 2, seed: 9)
        let tasks: [MetaTask<Double>] = (0..<3).map { Fixtures.task(config: config, seed: 50 + UInt64($0)) }
        let gradient = trainer.metaGradient(on: tasks)

        func meanLoss(_ learner: MetaLearner<PreferenceModel<Double>>, _ tasks: [MetaTask<Double>]) -> Double {
            var moved = trainer
            moved.learner = learner
            return moved.metaGradient(on: tasks).meanQueryLoss
        }
        #expect(abs(gradient.meanQueryLoss - meanLoss(learner, tasks)) == 0)
        let numerical = Fixtures.numericalGradient(learner.model.parameters, step: 1e-5) { point in
            var moved = learner
            moved.model.parameters = point
            return meanLoss(moved, tasks)
        }
        #expect(Fixtures.relativeError(gradient.parameters, numerical) < 1e-6)
        for t in tasks.indices {
            let weights = Fixtures.numericalGradient(tasks[t].contexts.map(\.weight), step: 1e-5) { point in
                var moved = tasks
                for v in point.indices { moved[t].contexts[v].weight = point[v] }
                return meanLoss(learner, moved)
            }
            #expect(Fixtures.relativeError(gradient.contextWeights[t], weights) < 1e-6)
        }
    }

    /// The usage example of NOTES.md: meta-training with friends' context sets, λ and α learned.
    @Test func trainingWithContextSetsLearnsTheirWeight() throws {
        let config = PreferenceModelConfig(itemCount: 30, embeddingWidth: 4, userStateWidth: 3, hiddenWidths: [8])
        let learner = MetaLearner(
            model: PreferenceModel<Float>(config: config, seed: 1), algorithm: .maml, innerSteps: 1,
            innerRate: 0.05, learnsInnerRates: true, contextWeight: 0.5, learnsContextWeight: true)
        var trainer = MetaTrainer(learner: learner, optimizer: Optimizer(.adam(learningRate: 0.01)), threads: 2, seed: 7)
        var losses: [Float] = []
        for step in 0..<40 {
            let tasks: [MetaTask<Float>] = (0..<8).map { Fixtures.task(config: config, contexts: 2, seed: UInt64(step % 4 * 8 + $0)) }
            losses.append(try trainer.train(on: tasks))
        }
        #expect(trainer.learner.contextWeight != 0.5)
        #expect(trainer.learner.innerRates.contains { $0 != 0.05 })
        #expect(losses.suffix(4).reduce(0, +) < losses.prefix(4).reduce(0, +))
    }
}

/// Serving: a new user's adapted parameters score items as the adapted learner does.
@Suite struct ServingTests {
    @Test func adaptedScoresReproduceTheQueryLoss() {
        let config = Fixtures.config(loss: .mse, activation: .relu)
        let learner = MetaLearner(model: PreferenceModel<Double>(config: config, seed: 2), innerSteps: 3, innerRate: 0.1)
        let task: MetaTask<Double> = Fixtures.task(config: config, seed: 4)
        var clone = learner.clone(for: task)
        clone.adapt(steps: 3)
        let scores = learner.model.scores(items: task.query.items, pairFeatures: task.query.pairFeatures,
                                          adapted: clone.adaptedParameters)
        let mse = zip(scores, task.query.targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(scores.count)
        #expect(abs(mse - clone.queryLoss()) < 1e-12)
        let initial = learner.model.scores(items: task.query.items, pairFeatures: task.query.pairFeatures)
        #expect(initial != scores, "adaptation changed the user's scores")
    }
}
