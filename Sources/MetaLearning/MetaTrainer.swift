import Dispatch
import Synchronization

/// The derivatives of the meta-objective — the mean query loss over a meta-batch — with respect
/// to everything meta-learned. For Reptile, `parameters` is θ − mean θ'_τ instead.
public struct MetaGradient<Scalar: MLScalar>: Sendable {
    /// ∂/∂θ over the full flat vector, [global | adapted].
    public var parameters: [Scalar]
    /// ∂/∂α (Meta-SGD); empty unless the rates are learned.
    public var innerRates: [Scalar]
    /// ∂/∂λ.
    public var contextWeight: Scalar
    /// ∂/∂w_{τ,v}: per task τ of the batch, per context set v — what a learned influence
    /// scorer chains through w = softmax(a·ψ).
    public var contextWeights: [[Scalar]]
    /// Each task's query loss after adaptation.
    public var queryLosses: [Scalar]

    /// The meta-objective's value: the mean of `queryLosses` (0 for an empty batch).
    public var meanQueryLoss: Scalar {
        queryLosses.isEmpty ? 0 : queryLosses.reduce(0, +) / Scalar(queryLosses.count)
    }
}

/// Why a meta-step was refused.
public enum MetaTrainingError: Error, Equatable, CustomStringConvertible {
    /// The meta-gradient or the query loss stopped being finite at this step; nothing was applied.
    case nonFinite(step: Int)

    /// A sentence for people, naming the step and saying the parameters were left as they were.
    public var description: String {
        switch self {
        case .nonFinite(let step):
            "meta-training produced a NaN or infinite value at step \(step); parameters left as they were"
        }
    }
}

/// The outer loop: meta-batches of tasks run in parallel, their gradients reduced in task order,
/// then one optimiser step (MAML variants) or one Reptile step.
///
/// Results depend on `seed` and the tasks only, never on `threads`: each task's negatives come
/// from a generator seeded with (seed, step, task index), and per-task results are summed
/// strictly in task order (see `OrderedReduction`).
public struct MetaTrainer<Model: MetaModel>: Sendable {
    /// The model's floating-point type.
    public typealias Scalar = Model.Scalar

    /// The meta-learner being trained; its model holds the current parameters.
    public var learner: MetaLearner<Model>
    /// The outer optimiser of the MAML variants (model parameters, and α, λ when learned).
    public var optimizer: Optimizer<Scalar>
    /// β, Reptile's outer step size.
    public var reptileRate: Scalar
    /// Clip the meta-gradient (θ, α and λ together) to this global norm; nil for no clipping.
    /// Reptile's update is applied as is.
    public var maxGradientNorm: Scalar?
    /// Worker threads a meta-batch's tasks are spread over (at least 1); results do not depend on it.
    public var threads: Int
    /// Seeds each task's negative sampling, together with the meta-step and the task's index.
    public var seed: UInt64
    /// Meta-steps taken so far.
    public private(set) var step = 0
    private var rateOptimizer: Optimizer<Scalar>
    private var weightOptimizer: Optimizer<Scalar>

    /// A trainer at step 0.
    /// - Parameters:
    ///   - learner: the meta-learner to train.
    ///   - optimizer: the outer optimiser of the MAML variants; its rule, with fresh state, also
    ///     updates α and λ when they are learned.
    ///   - reptileRate: β, Reptile's outer step size.
    ///   - maxGradientNorm: the global norm to clip the meta-gradient to, or nil for no clipping.
    ///   - threads: worker threads per meta-batch, at least 1.
    ///   - seed: the seed of every task's negative sampling.
    public init(
        learner: MetaLearner<Model>, optimizer: Optimizer<Scalar> = Optimizer(.adam(learningRate: 1e-3)),
        reptileRate: Scalar = 0.5, maxGradientNorm: Scalar? = nil, threads: Int = 1, seed: UInt64 = 0
    ) {
        precondition(threads >= 1)
        self.learner = learner
        self.optimizer = optimizer
        self.reptileRate = reptileRate
        self.maxGradientNorm = maxGradientNorm
        self.threads = threads
        self.seed = seed
        self.rateOptimizer = Optimizer(optimizer.rule)
        self.weightOptimizer = Optimizer(optimizer.rule)
    }

    /// The meta-gradient of `tasks` at the current parameters. Negatives are drawn for meta-step
    /// `step`, so calling this twice before `apply` gives the same result.
    @specialized(where Model == PreferenceModel<Float>)
    public func metaGradient(on tasks: [MetaTask<Scalar>]) -> MetaGradient<Scalar> {
        let learner = self.learner, seed = self.seed, step = UInt64(self.step)
        let reduction = OrderedReduction(learner: learner, taskCount: tasks.count)
        let workers = min(threads, tasks.count)
        let work: @Sendable (Int) -> Void = { worker in
            for index in stride(from: worker, to: tasks.count, by: workers) {
                var random = SplitMix64(seed: seed, path: step, UInt64(index))
                reduction.commit(learner.taskGradient(for: tasks[index], seed: random.next()), at: index)
            }
        }
        if workers > 1 {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        } else if workers == 1 {
            work(0)
        }
        return reduction.result
    }

    /// Applies a meta-gradient: an optimiser step for the MAML variants (after clipping), or
    /// θ ← θ − β·gradient for Reptile, i.e. θ + β(mean θ' − θ).
    @specialized(where Model == PreferenceModel<Float>)
    public mutating func apply(_ gradient: MetaGradient<Scalar>) {
        step += 1
        if learner.algorithm == .reptile {
            addScaled(&learner.model.parameters, -reptileRate, gradient.parameters)
            return
        }
        var squared = squaredNorm(gradient.parameters)
        if learner.learnsInnerRates { squared += squaredNorm(gradient.innerRates) }
        if learner.learnsContextWeight { squared += gradient.contextWeight * gradient.contextWeight }
        let scale = GradientClipping.scale(squaredNorm: squared, maxNorm: maxGradientNorm)
        optimizer.step(&learner.model.parameters, gradient: gradient.parameters, gradientScale: scale)
        if learner.learnsInnerRates {
            rateOptimizer.step(&learner.innerRates, gradient: gradient.innerRates, gradientScale: scale)
        }
        if learner.learnsContextWeight {
            var lambda = [learner.contextWeight]
            weightOptimizer.step(&lambda, gradient: [gradient.contextWeight], gradientScale: scale)
            learner.contextWeight = lambda[0]
        }
    }

    /// One meta-step on `tasks`; returns their mean query loss after adaptation (before the step).
    /// - Parameters:
    ///   - tasks: the meta-batch, reduced in task order.
    /// - Throws: `MetaTrainingError.nonFinite(step:)` when the mean query loss or ∂L/∂λ is NaN or infinite, or the squared
    ///   norm of the parameters' or the inner rates' gradient is not finite (a NaN or infinity in it, or an overflow); nothing
    ///   is then applied, and `step`, the value the error carries, is left where it was.
    @discardableResult
    public mutating func train(on tasks: [MetaTask<Scalar>]) throws(MetaTrainingError) -> Scalar {
        let gradient = metaGradient(on: tasks)
        let loss = gradient.meanQueryLoss
        guard loss.isFinite, squaredNorm(gradient.parameters).isFinite, squaredNorm(gradient.innerRates).isFinite,
              gradient.contextWeight.isFinite else {
            throw .nonFinite(step: step)
        }
        apply(gradient)
        return loss
    }
}
