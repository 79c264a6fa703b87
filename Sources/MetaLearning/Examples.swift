/// Examples of one person's behaviour: (item, target, pair-feature row) triples, stored by column.
///
/// `target` is the rating for MSE and the label (1 = chose the item) for BCE; BPR reads only the
/// items. `pairFeatures` holds `pairFeatureWidth` values per example: features of the (user, item)
/// pair, such as the share of friends who chose the item.
public struct ExampleSet<Scalar: MLScalar>: Sendable, Equatable {
    public private(set) var items: [Int32]
    public private(set) var targets: [Scalar]
    public private(set) var pairFeatures: [Scalar]
    public let pairFeatureWidth: Int

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }

    public init(pairFeatureWidth: Int = 0) {
        precondition(pairFeatureWidth >= 0)
        self.items = []
        self.targets = []
        self.pairFeatures = []
        self.pairFeatureWidth = pairFeatureWidth
    }

    public init(items: [Int32], targets: [Scalar], pairFeatures: [Scalar] = [], pairFeatureWidth: Int = 0) {
        precondition(items.count == targets.count, "one target per item")
        precondition(pairFeatures.count == items.count * pairFeatureWidth, "one pair-feature row per item")
        self.items = items
        self.targets = targets
        self.pairFeatures = pairFeatures
        self.pairFeatureWidth = pairFeatureWidth
    }

    public mutating func append(item: Int32, target: Scalar, pairFeatures row: [Scalar] = []) {
        precondition(row.count == pairFeatureWidth, "pair-feature row of the wrong width")
        items.append(item)
        targets.append(target)
        pairFeatures.append(contentsOf: row)
    }
}

/// A friend's interactions, entering the user's inner loss with weight λ·`weight`.
public struct ContextSet<Scalar: MLScalar>: Sendable, Equatable {
    public var examples: ExampleSet<Scalar>
    /// w_uv, typically a softmax over the user's friends of a learned influence score.
    public var weight: Scalar

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
    public var support: ExampleSet<Scalar>
    public var query: ExampleSet<Scalar>
    public var contexts: [ContextSet<Scalar>]
    /// Where implicit-feedback losses draw negatives from, with their pair-feature rows. When nil,
    /// negatives are drawn uniformly from the whole catalogue with all-zero pair features.
    public var negativePool: ExampleSet<Scalar>?

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
