import Synchronization

/// Sums per-task gradients into the meta-gradient strictly in task order, as they finish: a
/// task's result waits only until every earlier task has been added. The floating-point sums
/// are then the same for any number of threads, and few results are alive at a time.
final class OrderedReduction<Model: MetaModel>: Sendable {
    typealias Scalar = Model.Scalar

    private struct State: ~Copyable {
        var total: MetaGradient<Scalar>
        var next = 0
        var waiting: [Int: TaskGradient<Scalar>] = [:]
    }

    private let state: Mutex<State>
    private let rowWidth: Int, adaptedCount: Int, learnsInnerRates: Bool, scale: Scalar

    init(learner: MetaLearner<Model>, taskCount: Int) {
        let model = learner.model
        rowWidth = model.globalRowWidth
        adaptedCount = model.adaptedCount
        learnsInnerRates = learner.learnsInnerRates
        scale = taskCount == 0 ? 0 : 1 / Scalar(taskCount)
        let total = MetaGradient<Scalar>(
            parameters: zeros(model.parameters.count),
            innerRates: learner.learnsInnerRates ? zeros(model.adaptedCount) : [],
            contextWeight: 0, contextWeights: [], queryLosses: [])
        state = Mutex(State(total: total))
    }

    /// Records task `index`'s result, adding it and any waiting successors once its turn comes.
    func commit(_ result: sending TaskGradient<Scalar>, at index: Int) {
        state.withLock { state in
            state.waiting[index] = result
            while let next = state.waiting.removeValue(forKey: state.next) {
                add(next, to: &state.total)
                state.next += 1
            }
        }
    }

    /// The meta-gradient, once every task has been committed.
    var result: MetaGradient<Scalar> {
        state.withLock { state in
            precondition(state.waiting.isEmpty, "a task's result is missing")
            return state.total
        }
    }

    /// total += result / (task count): the mean over the batch.
    private func add(_ task: TaskGradient<Scalar>, to total: inout MetaGradient<Scalar>) {
        addLocal(&total.parameters, scale, local: task.parameters, items: task.items,
                 rowWidth: rowWidth, adaptedCount: adaptedCount)
        if learnsInnerRates { addScaled(&total.innerRates, scale, task.innerRates) }
        total.contextWeight += scale * task.contextWeight
        total.contextWeights.append(task.contextWeights.map { $0 * scale })
        total.queryLosses.append(task.queryLoss)
    }
}
