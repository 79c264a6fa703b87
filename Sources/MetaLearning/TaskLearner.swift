/// One task's learner: a copy of the meta-learned initialisation that adapts on the task's
/// support and context sets and remembers every inner step, so the query loss can be
/// differentiated back through them.
public struct TaskLearner<Model: MetaModel>: Sendable {
    /// The model's floating-point type.
    public typealias Scalar = Model.Scalar

    let meta: MetaLearner<Model>
    let task: CompiledTask<Scalar>
    let initial: [Scalar]
    /// θ in local coordinates, after the inner steps taken so far.
    var theta: [Scalar]
    var traces: [Model.Trace] = []
    var innerGradients: [[Scalar]] = []

    init(meta: MetaLearner<Model>, task: CompiledTask<Scalar>) {
        self.meta = meta
        self.task = task
        self.initial = meta.model.localParameters(items: task.items)
        self.theta = initial
    }

    var adaptedStart: Int { theta.count - meta.model.adaptedCount }

    /// The adapted part of the parameters (the user's state and decision layers).
    public var adaptedParameters: [Scalar] { slice(theta, from: adaptedStart, count: meta.model.adaptedCount) }

    /// `steps` gradient steps on the inner loss. MAML variants move the adapted part only;
    /// Reptile moves the task's item rows too (at `innerRate`).
    public mutating func adapt(steps: Int = 1) {
        let model = meta.model
        let keepsTraces = meta.algorithm == .maml || (meta.algorithm == .firstOrderMAML && !task.contextWeights.isEmpty)
        let keepsGradients = meta.algorithm != .reptile && meta.learnsInnerRates
        for _ in 0..<steps {
            var gradient: [Scalar] = [], trace = model.makeTrace()
            _ = model.gradient(
                at: theta, on: task.inner, scope: meta.algorithm == .reptile ? .all : .adaptedOnly,
                into: &gradient, trace: &trace)
            if keepsTraces { traces.append(trace) }
            trace = model.makeTrace()  // drop this reference to θ_t, so the step below needs no copy of θ
            if meta.algorithm == .reptile {
                addScaled(&theta, -meta.innerRate, gradient, count: adaptedStart)
            }
            subtractProduct(&theta, at: adaptedStart, rates: meta.innerRates, gradient, at: adaptedStart)
            if keepsGradients { innerGradients.append(gradient) }
        }
    }

    /// The inner loss (support and weighted contexts) at the current parameters.
    public func innerLoss() -> Scalar { meta.model.loss(at: theta, on: task.inner) }

    /// The query loss at the current parameters.
    public func queryLoss() -> Scalar { meta.model.loss(at: theta, on: task.query) }

    /// The derivatives of the query loss with respect to the meta-learned quantities.
    public func metaGradient() -> TaskGradient<Scalar> {
        var result = TaskGradient<Scalar>(
            items: task.items, parameters: [], innerRates: [], contextWeight: 0,
            contextWeights: zeros(task.contextWeights.count), queryLoss: 0)
        if meta.algorithm == .reptile {
            // Reptile needs no query gradient; its loss is reported for monitoring only.
            result.queryLoss = queryLoss()
            result.parameters = initial
            addScaled(&result.parameters, -1, theta)
            return result
        }
        var queryTrace = meta.model.makeTrace()
        result.queryLoss = meta.model.gradient(at: theta, on: task.query, into: &result.parameters, trace: &queryTrace)
        switch meta.algorithm {
        case .reptile:
            break
        case .maml:
            secondOrderBackward(&result)
        case .firstOrderMAML:
            firstOrderBackward(&result)
        }
        return result
    }

    /// Backpropagation through the inner steps θ_{t+1} = θ_t − α ⊙ ∇_a L_in(θ_t), last step
    /// first. With ā the gradient reaching θ_{t+1}'s adapted part and v = α ⊙ ā:
    ///   the rows and adapted part: ∂ ← ∂ − ∇_θ(v · ∇_a L_in)(θ_t)   (one Hessian-vector product)
    ///   α: −ā ⊙ ∇_a L_in(θ_t);  w_v: −λ v · ∇_a L(S_v; θ_t);  λ: −Σ_v w_v v · ∇_a L(S_v; θ_t).
    func secondOrderBackward(_ result: inout TaskGradient<Scalar>) {
        let start = adaptedStart
        var hvp: [Scalar] = [], groups: [Scalar] = []
        if meta.learnsInnerRates { result.innerRates = zeros(meta.model.adaptedCount) }
        for t in stride(from: traces.count - 1, through: 0, by: -1) {
            let direction = product(meta.innerRates, result.parameters, at: start)
            meta.model.hessianVectorProduct(traces[t], direction: direction, into: &hvp, groupDerivatives: &groups)
            if meta.learnsInnerRates {
                let upstream = slice(result.parameters, from: start, count: meta.model.adaptedCount)
                addProduct(&result.innerRates, -1, upstream, innerGradients[t], at: start)
            }
            accumulateContextDerivatives(groups, into: &result)
            addScaled(&result.parameters, -1, hvp)
        }
    }

    /// First-order MAML keeps ā = ∇_a L(Q; θ') at every step (the inner Jacobians taken as the
    /// identity), so α gets −Σ_t ā ⊙ ∇_a L_in(θ_t) and, θ' being linear in each w_v for one step,
    /// w_v gets −λ Σ_t (α ⊙ ā) · ∇_a L(S_v; θ_t): the first-order approximation, exact when k = 1
    /// up to the curvature terms first-order MAML drops everywhere.
    func firstOrderBackward(_ result: inout TaskGradient<Scalar>) {
        let start = adaptedStart
        let upstream = slice(result.parameters, from: start, count: meta.model.adaptedCount)
        if meta.learnsInnerRates {
            result.innerRates = zeros(meta.model.adaptedCount)
            for gradient in innerGradients { addProduct(&result.innerRates, -1, upstream, gradient, at: start) }
        }
        guard !task.contextWeights.isEmpty else { return }
        let direction = product(meta.innerRates, upstream, at: 0)
        var groups: [Scalar] = []
        for trace in traces {
            meta.model.directionalDerivatives(trace, direction: direction, into: &groups)
            accumulateContextDerivatives(groups, into: &result)
        }
    }

    /// Adds one step's −λ·(v · ∇L_v) to ∂/∂w_v and −Σ_v w_v·(v · ∇L_v) to ∂/∂λ, from the groups'
    /// directional derivatives (group 0 is the support set).
    func accumulateContextDerivatives(_ groups: [Scalar], into result: inout TaskGradient<Scalar>) {
        for v in task.contextWeights.indices {
            result.contextWeights[v] -= meta.contextWeight * groups[v + 1]
            result.contextWeight -= task.contextWeights[v] * groups[v + 1]
        }
    }
}
