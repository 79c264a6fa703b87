import Testing
@testable import MetaLearning

/// Meta-training gives the same bits for a given seed on any number of threads.
@Suite struct DeterminismTests {
    static func train(threads: Int, seed: UInt64, algorithm: MetaAlgorithm) throws -> MetaLearner<PreferenceModel<Float>> {
        let config = PreferenceModelConfig(
            itemCount: 60, embeddingWidth: 8, userStateWidth: 4, pairFeatureWidth: 2, hiddenWidths: [16, 8],
            loss: .bpr(negativesPerPositive: 3))
        let learner = MetaLearner(
            model: PreferenceModel<Float>(config: config, seed: 5), algorithm: algorithm, innerSteps: 2,
            innerRate: 0.05, learnsInnerRates: algorithm != .reptile, contextWeight: 0.5,
            learnsContextWeight: algorithm != .reptile)
        var trainer = MetaTrainer(
            learner: learner, optimizer: Optimizer(.adam(learningRate: 0.01)), maxGradientNorm: 1,
            threads: threads, seed: seed)
        for step in 0..<3 {
            let tasks: [MetaTask<Float>] = (0..<9).map { Fixtures.task(config: config, support: 6, query: 5, contexts: 3, seed: UInt64(100 * step + $0)) }
            try trainer.train(on: tasks)
        }
        return trainer.learner
    }

    @Test(arguments: MetaAlgorithm.allCases)
    func oneAndTwoThreadsAgreeBitForBit(algorithm: MetaAlgorithm) throws {
        let one = try Self.train(threads: 1, seed: 42, algorithm: algorithm)
        let two = try Self.train(threads: 2, seed: 42, algorithm: algorithm)
        let three = try Self.train(threads: 3, seed: 42, algorithm: algorithm)
        #expect(one.model.parameters.map(\.bitPattern) == two.model.parameters.map(\.bitPattern))
        #expect(one.model.parameters.map(\.bitPattern) == three.model.parameters.map(\.bitPattern))
        #expect(one.innerRates.map(\.bitPattern) == two.innerRates.map(\.bitPattern))
        #expect(one.contextWeight.bitPattern == two.contextWeight.bitPattern)

        let otherSeed = try Self.train(threads: 1, seed: 43, algorithm: algorithm)
        #expect(otherSeed.model.parameters != one.model.parameters, "the seed drives negative sampling")
    }

    @Test func negativeSamplingDependsOnlyOnTheSeed() {
        let config = Fixtures.config(loss: .bce(negativesPerPositive: 4), items: 30)
        let model = PreferenceModel<Float>(config: config, seed: 1)
        let task: MetaTask<Float> = Fixtures.task(config: config, seed: 3)
        let a = Fixtures.compiled(task, model: model, seed: 7)
        let b = Fixtures.compiled(task, model: model, seed: 7)
        let c = Fixtures.compiled(task, model: model, seed: 8)
        #expect(a.items == b.items && a.inner == b.inner && a.query == b.query)
        #expect(a.inner.rowItems.map { a.items[Int($0)] } != c.inner.rowItems.map { c.items[Int($0)] })
    }
}
