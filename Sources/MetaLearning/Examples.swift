/// Examples of one person's behaviour: (item, target, pair-feature row) triples, stored by column.
///
/// `target` is the rating for MSE and the label (1 = chose the item) for BCE; BPR reads only the
/// items. `pairFeatures` holds `pairFeatureWidth` values per example: features of the (user, item)
/// pair, such as the share of friends who chose the item.
public struct ExampleSet<Scalar: MLScalar>: Sendable, Equatable {
    /// Each example's item.
    public private(set) var items: [Int32]
    /// Each example's target: a rating for MSE, a label for BCE; BPR and the softmax ignore it.
    public private(set) var targets: [Scalar]
    /// The pair-feature rows, `pairFeatureWidth` values per example (count × pairFeatureWidth, row-major).
    public private(set) var pairFeatures: [Scalar]
    /// Pair features per example; zero when there are none.
    public let pairFeatureWidth: Int

    /// The number of examples.
    public var count: Int { items.count }
    /// Whether the set holds no examples.
    public var isEmpty: Bool { items.isEmpty }

    /// An empty set, to be filled with `append(item:target:pairFeatures:)`.
    /// - Parameters:
    ///   - pairFeatureWidth: pair features each example will carry (zero or more).
    public init(pairFeatureWidth: Int = 0) {
        precondition(pairFeatureWidth >= 0)
        self.items = []
        self.targets = []
        self.pairFeatures = []
        self.pairFeatureWidth = pairFeatureWidth
    }

    /// A set from its columns; traps unless there is one target and one pair-feature row per item.
    /// - Parameters:
    ///   - items: each example's item.
    ///   - targets: each example's target, one per item.
    ///   - pairFeatures: `items.count` × `pairFeatureWidth` values, one row per example.
    ///   - pairFeatureWidth: pair features per example.
    public init(items: [Int32], targets: [Scalar], pairFeatures: [Scalar] = [], pairFeatureWidth: Int = 0) {
        precondition(items.count == targets.count, "one target per item")
        precondition(pairFeatures.count == items.count * pairFeatureWidth, "one pair-feature row per item")
        self.items = items
        self.targets = targets
        self.pairFeatures = pairFeatures
        self.pairFeatureWidth = pairFeatureWidth
    }

    /// Adds one example at the end; traps when the pair-feature row has the wrong width.
    /// - Parameters:
    ///   - item: the example's item.
    ///   - target: its rating or label.
    ///   - row: its `pairFeatureWidth` pair features.
    public mutating func append(item: Int32, target: Scalar, pairFeatures row: [Scalar] = []) {
        precondition(row.count == pairFeatureWidth, "pair-feature row of the wrong width")
        items.append(item)
        targets.append(target)
        pairFeatures.append(contentsOf: row)
    }
}

/// A friend's interactions, entering the user's inner loss with weight λ·`weight`.
public struct ContextSet<Scalar: MLScalar>: Sendable, Equatable {
    /// The friend's examples; they form one group of the user's inner loss.
    public var examples: ExampleSet<Scalar>
    /// w_uv, typically a softmax over the user's friends of a learned influence score.
    public var weight: Scalar

    /// A friend's context set.
    /// - Parameters:
    ///   - examples: the friend's interactions.
    ///   - weight: w_uv, the friend's influence on the user.
    public init(examples: ExampleSet<Scalar>, weight: Scalar) {
        self.examples = examples
        self.weight = weight
    }
}

/// One user as a meta-learning task: adapt on `support` (and the friends' `contexts`),
/// then be judged on `query`.
///
/// Named `MetaTask`, not `Task`: a public `Task` in this module would shadow Swift
/// concurrency's `Task` in every file that imports MetaLearning.
public struct MetaTask<Scalar: MLScalar>: Sendable, Equatable {
    /// The examples the task adapts on.
    public var support: ExampleSet<Scalar>
    /// The held-out examples the adapted model is judged on: the meta-objective's part from this task.
    public var query: ExampleSet<Scalar>
    /// The friends' context sets, each in the inner loss with weight λ·w.
    public var contexts: [ContextSet<Scalar>]
    /// Where implicit-feedback losses draw negatives from, with their pair-feature rows. When nil,
    /// negatives are drawn uniformly from the whole catalogue with all-zero pair features.
    public var negativePool: ExampleSet<Scalar>?

    /// A task from its example sets.
    /// - Parameters:
    ///   - support: the examples to adapt on.
    ///   - query: the examples to judge the adapted model on.
    ///   - contexts: the friends' context sets, if any.
    ///   - negativePool: where implicit-feedback losses draw negatives from; nil for the whole catalogue.
    public init(
        support: ExampleSet<Scalar>, query: ExampleSet<Scalar>,
        contexts: [ContextSet<Scalar>] = [], negativePool: ExampleSet<Scalar>? = nil
    ) {
        self.support = support
        self.query = query
        self.contexts = contexts
        self.negativePool = negativePool
    }
}
