import Foundation
import MetaLearning
import Parallelism
import RecData

/// Meta-trains a `SocialMetaModel` on training users' tasks, with early stopping on a validation
/// score the caller supplies (NDCG@10 on validation users: this type never sees their queries).
public struct SocialMetaTrainer: Sendable {
    /// What one epoch of training did, as reported after it.
    public struct Epoch: Sendable {
        /// The method trained: the one asked for, or (after it) its non-social twin.
        public var method: MetaLearningMethod
        /// The epoch's number; 0 is the untrained prior.
        public var epoch: Int
        /// Mean query loss over the epoch's meta-steps (NaN for epoch 0).
        public var trainingLoss: Float
        /// The model's validation scores after the epoch.
        public var validation: ValidationScores
        /// λ after the epoch.
        public var contextWeight: Float
        /// Wall-clock time the epoch took, validation included.
        public var seconds: Double
        /// Best so far for people with known items (k > 0), or for those with none (k = 0).
        public var improved: Bool
    }

    /// Why training stopped without a result.
    public enum TrainingError: Error, CustomStringConvertible {
        /// A loss or gradient was NaN or infinite at this epoch and meta-step.
        case nonFinite(epoch: Int, step: Int)
        /// No training user has the two interactions a task needs.
        case noTasks

        /// A sentence for the command line, with what to try next.
        public var description: String {
            switch self {
            case .nonFinite(let epoch, let step):
                return "training diverged (NaN or infinity) in epoch \(epoch), meta-step \(step); the last good model was kept — try a lower --learning-rate or --inner-rate"
            case .noTasks: return "no training users with at least two interactions"
            }
        }
    }

    /// The settings to train with; the prior weights are chosen on validation users when `choosesPrior`.
    public let configuration: SocialMetaConfiguration
    /// The training data, the only interactions tasks are built from.
    public let training: VisibleData

    /// A trainer; nothing is trained until `train(validation:onEpoch:onStep:lastGood:)`.
    /// - Parameters:
    ///   - configuration: the settings to train with.
    ///   - training: the training data.
    public init(configuration: SocialMetaConfiguration, training: VisibleData) {
        self.configuration = configuration
        self.training = training
    }

    /// Trains, and returns the best model by validation score, and the epochs.
    ///
    /// Two choices are made on validation users, each from the untrained priors, every epoch and
    /// social popularity's own ranking (for the social methods): the model for people with known
    /// items (by mean NDCG@10 over k > 0; where there are item factors, the ALS prior alone is a
    /// candidate too), and the one for people with none (k = 0), kept as `newcomers` when it
    /// differs. For the second, popularity alone is a candidate too, and social
    /// popularity stands unless another beats it by more than one standard error. A social method with
    /// `comparesWithTwin` then trains its non-social twin the same way, and the twin ranks people with
    /// known items unless the social choice beats it at k > 0 by more than one standard error (the
    /// social model's choice stays the newcomers'). A non-finite loss or gradient throws
    /// `TrainingError.nonFinite` with `lastGood` holding the model chosen from the epochs so far.
    /// - Parameters:
    ///   - validation: scores candidate models on validation users; its `forPriors()` tells the untrained priors apart.
    ///   - onEpoch: called after each epoch with its report, epoch 0 (the untrained prior) included.
    ///   - onStep: called after each meta-step with its number in the epoch (from 1) and the epoch's number of meta-steps.
    ///   - lastGood: set, when training diverges, to the model training would have returned had it stopped after the
    ///     last finite epoch (social popularity compared, `newcomers` chosen, unseen items neutralised); left alone
    ///     otherwise.
    /// - Returns: The chosen model, unseen items' embeddings neutralised and `newcomers` set when people with no known
    ///   items are better ranked by another, and every epoch's report.
    /// - Throws: A `TrainingError`: `.noTasks` when no training user has two or more interactions; `.nonFinite` when a
    ///   meta-batch's mean query loss, meta-gradient (parameters or λ) or influence gradient is NaN or infinite, after
    ///   setting `lastGood`. Its `step` is `MetaTrainer.step`, the meta-steps applied so far over all epochs.
    public func train<V: TrainingValidation>(
        validation: V, onEpoch: (Epoch) -> Void = { _ in }, onStep: (Int, Int) -> Void = { _, _ in },
        lastGood: inout SocialMetaModel?
    ) throws -> (model: SocialMetaModel, epochs: [Epoch]) {
        let users = (0..<Int32(training.userCount)).filter { training.interactions.activity($0) >= 2 }
        guard !users.isEmpty else { throw TrainingError.noTasks }
        let factors = SocialMetaModel.collaborativeFactors(configuration, training: training.interactions)
        let social = try run(users: users, validation: validation, factors: factors, onEpoch: onEpoch, onStep: onStep,
                             lastGood: &lastGood)
        guard configuration.method.isSocial, configuration.comparesWithTwin else { return (social.model, social.epochs) }
        // Where trust is not shared taste, the friends' features and context sets are noise the
        // non-social twin does not see: it ranks people with known items unless the social model is
        // clearly better on validation users (k > 0). People with none keep the social model's
        // choice: the twin knows nothing of them but popularity.
        var twinConfiguration = configuration
        twinConfiguration.method = configuration.method.twin
        var twinLastGood: SocialMetaModel?
        // A twin that diverges is not chosen; the social model stands.
        guard let twin = try? SocialMetaTrainer(configuration: twinConfiguration, training: training)
            .run(users: users, validation: validation, factors: factors, onEpoch: onEpoch, onStep: onStep, lastGood: &twinLastGood)
        else { return (social.model, social.epochs) }
        let epochs = social.epochs + twin.epochs
        // The twin is the simpler model (it reads no graph): it is kept unless the social model
        // beats it clearly, by more than one standard error of the paired per-user difference.
        guard !social.scores.clearlyBeatsWithSupport(twin.scores) else { return (social.model, epochs) }
        var model = twin.model
        model.newcomers = SocialMetaModel.NewcomerModel(social.model.forNewcomers)
        return (model, epochs)
    }

    /// `train` for `configuration.method` alone; also returns the chosen model's validation scores (k > 0: its own).
    private func run<V: TrainingValidation>(
        users: [Int32], validation: V, factors: ALSFactors?, onEpoch: (Epoch) -> Void, onStep: (Int, Int) -> Void,
        lastGood: inout SocialMetaModel?
    ) throws -> (model: SocialMetaModel, scores: ValidationScores, epochs: [Epoch]) {
        let priorStarted = Date()
        let priors = choosePriors(validation: validation, factors: factors)
        var model = priors.start
        let c = model.configuration
        var trainer = MetaTrainer(learner: model.learner, optimizer: Optimizer(.adam(learningRate: c.learningRate)),
                                  reptileRate: c.reptileRate, maxGradientNorm: c.maxGradientNorm, threads: c.threads, seed: c.seed)
        var influenceOptimizer = Optimizer<Float>(.adam(learningRate: c.influenceLearningRate))
        let builder = SocialTaskBuilder(data: training, configuration: c, collaborative: factors)
        let priorScores = validation.scores(model, supportSizes: nil)
        // Epoch 0 is the untrained model, which ranks exactly by its prior: training keeps a model
        // only where it beats that prior. `source` tells which epoch (negative: another prior) a model is.
        var best = (scores: priorScores, model: model, source: 0)
        // Social popularity's own ranking is a candidate in both regimes (source -1): people with
        // no known items are ranked by it unless a prior or an epoch beats it clearly on
        // validation users at k = 0 (popularity alone among them, source -3), and people with a few
        // are ranked by it where it scores best.
        let socialPopularity = priors.socialPopularity.map { (scores: validation.scores($0, supportSizes: nil), model: $0) }
        // The collaborative prior alone (source -4) is a candidate for people with known items, compared
        // with social popularity after training: where implicit ALS is the strongest ranker, the model is not below it.
        let collaborativeAlone = priors.collaborativeAlone.map { (scores: validation.scores($0, supportSizes: nil), model: $0) }
        var newcomers: (scores: ValidationScores, model: SocialMetaModel, source: Int)?
        var newcomerReference: ValidationScores?
        func considerForNewcomers(_ scores: ValidationScores, _ candidate: SocialMetaModel, source: Int) -> Bool {
            guard let reference = newcomerReference, let current = newcomers?.scores.withoutSupport, let score = scores.withoutSupport,
                  score > current, scores.clearlyBeatsWithoutSupport(reference) else { return false }
            newcomers = (scores, candidate, source)
            return true
        }
        if priorScores.withoutSupport != nil {
            let reference = socialPopularity.map { ($0.model, $0.scores, -1) } ?? (model, priorScores, 0)
            (newcomerReference, newcomers) = (reference.1, (reference.1, reference.0, reference.2))
            _ = considerForNewcomers(priorScores, model, source: 0)
            if let other = priors.bestWithoutSupport { _ = considerForNewcomers(validation.scores(other, supportSizes: [0]), other, source: -2) }
            if let popularity = priors.popularityAlone {
                _ = considerForNewcomers(validation.scores(popularity, supportSizes: [0]), popularity, source: -3)
            }
        }
        // What training returns, from the epochs so far: also what a diverging run leaves in `lastGood`.
        func chosen() -> (model: SocialMetaModel, scores: ValidationScores) {
            // Social popularity and the ALS prior alone are compared only here, so that early stopping reads training's own progress.
            var best = best
            for (candidate, source) in [(socialPopularity, -1), (collaborativeAlone, -4)] {
                if let candidate, candidate.scores.withSupport > best.scores.withSupport { best = (candidate.scores, candidate.model, source) }
            }
            var result = best.model
            Self.neutraliseUnseenItems(&result, training: training)
            if var newcomers, newcomers.source != best.source {
                Self.neutraliseUnseenItems(&newcomers.model, training: training)
                result.newcomers = SocialMetaModel.NewcomerModel(newcomers.model)
            }
            return (result, best.scores)
        }
        var epochs = [Epoch(method: c.method, epoch: 0, trainingLoss: .nan, validation: priorScores, contextWeight: model.contextWeight,
                            seconds: Date().timeIntervalSince(priorStarted), improved: true)]
        onEpoch(epochs[0])
        var sinceBest = 0
        for epoch in 1...max(1, c.epochs) {
            let started = Date()
            var rng = SplitMix64(seed: c.seed, path: UInt64(epoch))
            let order = Array(rng.shuffled(users).prefix(max(1, c.maxTasksPerEpoch)))
            var lossSum: Float = 0
            var steps = 0
            let batches = stride(from: 0, to: order.count, by: c.metaBatch).map { Array(order[$0..<min($0 + c.metaBatch, order.count)]) }
            for (b, batch) in batches.enumerated() {
                let influence = model.influence
                let built = parallelMap(batch.count) { k in
                    Self.trainingTask(user: batch[k], builder: builder, configuration: c, influence: influence,
                                      seed: SplitMix64.mix(c.seed ^ UInt64(epoch) << 40 ^ UInt64(b) << 20 ^ UInt64(k)))
                }
                let gradient = trainer.metaGradient(on: built.map(\.task))
                let aGradient = built.indices.reduce(into: [Float](repeating: 0, count: model.influence.a.count)) { sum, t in
                    guard c.method.isSocial, !built[t].weights.isEmpty else { return }
                    let g = model.influence.gradient(psi: built[t].psi, weights: built[t].weights, weightGradient: gradient.contextWeights[t])
                    for f in sum.indices { sum[f] += g[f] }
                }
                guard gradient.meanQueryLoss.isFinite, gradient.parameters.allSatisfy(\.isFinite), gradient.innerRates.allSatisfy(\.isFinite),
                      aGradient.allSatisfy(\.isFinite),
                      gradient.contextWeight.isFinite else {
                    lastGood = chosen().model
                    throw TrainingError.nonFinite(epoch: epoch, step: trainer.step)
                }
                trainer.apply(gradient)
                if c.method.isSocial && c.method.algorithm != .reptile { influenceOptimizer.step(&model.influence.a, gradient: aGradient) }
                model.learner = trainer.learner
                lossSum += gradient.meanQueryLoss
                steps += 1
                onStep(b + 1, batches.count)
            }
            let scores = validation.scores(model, supportSizes: nil)
            var improved = considerForNewcomers(scores, model, source: epoch)
            if scores.withSupport > best.scores.withSupport { best = (scores, model, epoch); improved = true }
            sinceBest = improved ? 0 : sinceBest + 1
            let report = Epoch(method: c.method, epoch: epoch, trainingLoss: lossSum / Float(max(steps, 1)), validation: scores,
                               contextWeight: model.contextWeight, seconds: Date().timeIntervalSince(started), improved: improved)
            epochs.append(report)
            onEpoch(report)
            if sinceBest >= c.patience { break }
        }
        let result = chosen()
        return (result.model, result.scores, epochs)
    }

    /// The untrained models training chooses among before it trains.
    private struct PriorChoice {
        /// The prior training starts from: the best mean validation score over every support size,
        /// on the priors' users.
        var start: SocialMetaModel
        /// The best prior at k = 0, when it is another.
        var bestWithoutSupport: SocialMetaModel?
        /// For the social methods, the model that ranks exactly as social popularity does at every k.
        var socialPopularity: SocialMetaModel?
        /// For the social methods, the model that ranks by popularity alone (for newcomers).
        var popularityAlone: SocialMetaModel?
        /// For the social methods with the collaborative prior, the model that ranks by it alone (for people with known
        /// items).
        var collaborativeAlone: SocialMetaModel?
    }

    private func choosePriors<V: TrainingValidation>(validation: V, factors: ALSFactors?) -> PriorChoice {
        let configurations = configuration.priorCandidates(withContent: !training.itemFeatures.isEmpty)
        let candidates = configurations.map { SocialMetaModel(configuration: $0, itemCount: training.itemCount, collaborative: factors) }
        // Unadapted (inner rate 0): adapting β on the friends' context sets moves the popularity
        // weight off zero, and the ranking off social popularity's.
        func unadapted(_ prior: SocialMetaConfiguration.Prior) -> SocialMetaModel? {
            guard configuration.method.isSocial else { return nil }
            var c = configuration
            c.prior = prior
            c.innerRate = 0
            return SocialMetaModel(configuration: c, itemCount: training.itemCount, collaborative: factors)
        }
        var choice = PriorChoice(start: candidates[0], socialPopularity: unadapted(.socialPopularity),
                                 popularityAlone: unadapted(.popularityAlone),
                                 collaborativeAlone: factors == nil ? nil : unadapted(.collaborativeAlone))
        guard candidates.count > 1 else { return choice }
        let priorValidation = validation.forPriors()
        let scores = candidates.map { priorValidation.scores($0, supportSizes: nil) }
        func best(_ score: (ValidationScores) -> Double) -> Int {
            scores.indices.reduce(0) { score(scores[$1]) > score(scores[$0]) ? $1 : $0 }
        }
        let start = best(\.mean)
        let newcomers = best { $0.withoutSupport ?? 0 }
        choice.start = withoutContextSetsIfBetter(candidates[start], scoring: scores[start].mean, validation: priorValidation, factors: factors)
        choice.bestWithoutSupport = newcomers == start ? nil : candidates[newcomers]
        return choice
    }

    /// Adapting on friends' context sets is itself chosen on validation users, once the prior is:
    /// where trust is not shared taste, a step towards friends' items moves a person away from
    /// their own, and λ₀ = 0 (the support alone; meta-training may still raise λ) starts better.
    private func withoutContextSetsIfBetter<V: TrainingValidation>(
        _ start: SocialMetaModel, scoring score: Double, validation: V, factors: ALSFactors?
    ) -> SocialMetaModel {
        guard configuration.method.isSocial, start.configuration.contextWeight != 0, start.configuration.innerRate != 0 else { return start }
        var c = start.configuration
        c.contextWeight = 0
        let alone = SocialMetaModel(configuration: c, itemCount: training.itemCount, collaborative: factors)
        return validation.scores(alone, supportSizes: nil).mean > score ? alone : start
    }

    /// Items no training user chose were never a positive and rarely a negative: their embeddings
    /// are still random, and ranked over the whole catalogue they would come up at random. They get
    /// the mean embedding of the items that were learned, an "average unknown item".
    static func neutraliseUnseenItems(_ model: inout SocialMetaModel, training: VisibleData) {
        let width = model.learner.model.globalRowWidth
        guard width > 0 else { return }
        let unseen = (0..<Int32(training.itemCount)).filter { training.interactions.popularity($0) == 0 }
        guard !unseen.isEmpty, unseen.count < training.itemCount else { return }
        var mean = [Float](repeating: 0, count: width)
        let seen = Float(training.itemCount - unseen.count)
        let unseenSet = Set(unseen)
        model.learner.model.parameters.withUnsafeMutableBufferPointer { p in
            for i in 0..<training.itemCount where !unseenSet.contains(Int32(i)) {
                for f in 0..<width { mean[f] += p[i * width + f] / seen }
            }
            for i in unseen { for f in 0..<width { p[Int(i) * width + f] = mean[f] } }
        }
    }

    /// A training task for `user`: a random support size from the protocol's, the next items as the
    /// query, friends' items as context.
    static func trainingTask(
        user: Int32, builder: SocialTaskBuilder, configuration c: SocialMetaConfiguration, influence: InfluenceScorer, seed: UInt64
    ) -> (task: MetaTask<Float>, psi: [Float], weights: [Float]) {
        var rng = SplitMix64(seed: seed)
        let items = rng.shuffled(Array(builder.data.interactions.items(of: user)))
        let sizes = c.trainingSupportSizes.filter { $0 < items.count }
        let k = sizes.isEmpty ? 0 : sizes[Int(rng.next() % UInt64(sizes.count))]
        let support = Array(items.prefix(k))
        let query = Array(items.dropFirst(k).prefix(c.maxQuery))
        // The user's own history is in the training data; the builder leaves it out of the features.
        let context = builder.context(user: user, namedFriends: nil, supportItems: support)
        var weights: [Float] = []
        let task = builder.task(context: context, support: support, supportTargets: builder.targets(support.map { _ in 1 }),
                                query: query, queryTargets: builder.targets(query.map { _ in 1 }),
                                influence: influence, contextWeights: &weights, seed: rng.next())
        return (task, context.tieFeatures, weights)
    }
}
