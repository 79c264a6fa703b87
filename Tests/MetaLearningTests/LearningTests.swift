import Testing
@testable import MetaLearning

/// Tasks whose answer is known: user u rates item i as w_u · f_i + noise, with fixed item
/// features f_i (given to the model as pair features) and tastes w_u drawn around a shared mean.
/// A meta-learner should learn the mean as its initialisation and the inner loop should move
/// toward w_u, so five examples suffice where training from scratch on five cannot.
struct LinearTastes {
    static let items = 40, features = 4
    let itemFeatures: [Float]
    let meanTaste: [Float]

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed, path: 1)
        itemFeatures = (0..<(Self.items * Self.features)).map { _ in random.normal() }
        meanTaste = (0..<Self.features).map { _ in 1.5 * random.normal() }
    }

    func task(support: Int = 5, query: Int = 15, random: inout SplitMix64) -> MetaTask<Float> {
        let taste = meanTaste.map { $0 + 0.5 * random.normal() }
        func set(_ count: Int) -> ExampleSet<Float> {
            var set = ExampleSet<Float>(pairFeatureWidth: Self.features)
            for _ in 0..<count {
                let item = Int(random.next() % UInt64(Self.items))
                let row = Array(itemFeatures[(item * Self.features)..<((item + 1) * Self.features)])
                let rating = zip(taste, row).reduce(0) { $0 + $1.0 * $1.1 } + 0.05 * random.normal()
                set.append(item: Int32(item), target: rating, pairFeatures: row)
            }
            return set
        }
        return MetaTask(support: set(support), query: set(query))
    }

    static var config: PreferenceModelConfig {
        PreferenceModelConfig(
            itemCount: items, embeddingWidth: 2, userStateWidth: 4, pairFeatureWidth: features,
            hiddenWidths: [16], activation: .relu, loss: .mse)
    }
}

@Suite struct LearningTests {
    struct Losses { var adapted: Float, unadapted: Float, scratch: Float }

    /// Meta-trains, then compares on fresh users: the adapted query loss, the meta-learned
    /// initialisation's without adaptation, and a fresh model trained on the same five examples.
    static func evaluate(_ algorithm: MetaAlgorithm, seed: UInt64) throws -> Losses {
        let family = LinearTastes(seed: seed)
        let steps = 5
        let learner = MetaLearner(
            model: PreferenceModel<Float>(config: LinearTastes.config, seed: seed),
            algorithm: algorithm, innerSteps: steps, innerRate: algorithm == .reptile ? 0.02 : 0.04)
        var trainer = MetaTrainer(
            learner: learner, optimizer: Optimizer(.adam(learningRate: 0.01)), reptileRate: 0.5,
            maxGradientNorm: 10, seed: seed)
        var random = SplitMix64(seed: seed, path: 2)
        for _ in 0..<150 {
            try trainer.train(on: (0..<8).map { _ in family.task(random: &random) })
        }

        var losses = Losses(adapted: 0, unadapted: 0, scratch: 0)
        let testUsers = 25
        for user in 0..<testUsers {
            let task = family.task(random: &random)
            var clone = trainer.learner.clone(for: task)
            losses.unadapted += clone.queryLoss() / Float(testUsers)
            clone.adapt(steps: steps)
            losses.adapted += clone.queryLoss() / Float(testUsers)
            // From scratch: a fresh model, every parameter trained by SGD on the five examples.
            let fresh = MetaLearner(
                model: PreferenceModel<Float>(config: LinearTastes.config, seed: seed &+ UInt64(user) &+ 1000),
                algorithm: .reptile, innerRate: 0.03)
            var scratch = fresh.clone(for: task)
            scratch.adapt(steps: 150)
            losses.scratch += scratch.queryLoss() / Float(testUsers)
        }
        return losses
    }

    @Test(arguments: [MetaAlgorithm.maml, .firstOrderMAML, .reptile], [UInt64(1), 2, 3])
    func adaptationBeatsScratchAndInitialisation(algorithm: MetaAlgorithm, seed: UInt64) throws {
        let losses = try Self.evaluate(algorithm, seed: seed)
        #expect(losses.adapted < 0.7 * losses.unadapted, "\(losses)")
        #expect(losses.adapted < 0.7 * losses.scratch, "\(losses)")
    }
}
