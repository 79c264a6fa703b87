/// A task in the local coordinates of a model pass: only the item rows it touches, numbered
/// 0..<items.count in ascending item order, followed by the adapted parameters.
struct CompiledTask<Scalar: MLScalar>: Sendable {
    /// Local row r holds global item items[r].
    var items: [Int32]
    /// Group 0 is the support set; group v + 1 is context set v, weighted λ·w_v.
    var inner: LossBatch<Scalar>
    var query: LossBatch<Scalar>
    var contextWeights: [Scalar]
}

/// Turns examples into loss batches: maps items to local rows and draws the negatives of
/// implicit-feedback losses from a generator seeded per task.
struct TaskCompiler<Scalar: MLScalar> {
    let lossKind: LossKind
    let itemCount: Int
    let pairFeatureWidth: Int

    func compile(_ task: MetaTask<Scalar>, contextWeight lambda: Scalar, random: inout SplitMix64)
        -> CompiledTask<Scalar>
    {
        let innerSets = [task.support] + task.contexts.map(\.examples)
        let innerWeights = [1] + task.contexts.map { lambda * $0.weight }
        var inner = batch(innerSets, weights: innerWeights, pool: task.negativePool, random: &random)
        var query = batch([task.query], weights: [1], pool: task.negativePool, random: &random)
        // Local rows in ascending item order: a function of the task alone, so every sum over
        // rows is the same whichever thread runs it.
        let items = (inner.rowItems + query.rowItems).sortedUnique()
        inner.rowItems = inner.rowItems.map { Int32(items.lowerBound(of: $0)) }
        query.rowItems = query.rowItems.map { Int32(items.lowerBound(of: $0)) }
        return CompiledTask(items: items, inner: inner, query: query, contextWeights: task.contexts.map(\.weight))
    }

    /// The loss batch of `sets`, its rows reading global item indices.
    func batch(
        _ sets: [ExampleSet<Scalar>], weights: [Scalar], pool: ExampleSet<Scalar>?, random: inout SplitMix64
    ) -> LossBatch<Scalar> {
        if case .softmax(let negatives, let temperature) = lossKind {
            return softmaxBatch(sets, weights: weights, pool: pool, negatives: negatives, temperature: temperature, random: &random)
        }
        var out = LossBatch<Scalar>(
            isSquaredError: lossKind == .mse, rowItems: [], pairFeatures: [],
            pairFeatureWidth: pairFeatureWidth, terms: [], groupWeights: weights)
        let negatives = lossKind.negativesPerPositive
        let examples = sets.reduce(0) { $0 + $1.count }
        out.rowItems.reserveCapacity(examples * (1 + negatives))
        out.pairFeatures.reserveCapacity(examples * (1 + negatives) * pairFeatureWidth)
        out.terms.reserveCapacity(examples * max(1, negatives + (isPairwise ? 0 : 1)))
        let zeroRow = [Scalar](repeating: 0, count: pairFeatureWidth)
        for (group, set) in sets.enumerated() {
            precondition(set.pairFeatureWidth == pairFeatureWidth, "pair-feature width differs from the model's")
            let termCount = lossKind == .mse ? set.count : (isPairwise ? set.count * negatives : set.count * (1 + negatives))
            guard termCount > 0 else { continue }
            let coefficient = 1 / Scalar(termCount)
            let positives = PositiveItems(set.items)
            for e in 0..<set.count {
                let item = set.items[e]
                precondition(item >= 0 && Int(item) < itemCount, "item \(item) outside the catalogue of \(itemCount)")
                let positiveRow = out.addRow(item, features: set.pairFeatures[(e * pairFeatureWidth)..<((e + 1) * pairFeatureWidth)])
                if !isPairwise {
                    out.terms.append(LossTerm(plus: positiveRow, minus: -1, target: set.targets[e],
                                              coefficient: coefficient, group: Int32(group)))
                }
                for _ in 0..<negatives {
                    let (item, features) = drawNegative(excluding: positives, pool: pool, zeroRow: zeroRow, random: &random)
                    let negativeRow = out.addRow(item, features: features)
                    out.terms.append(isPairwise
                        ? LossTerm(plus: negativeRow, minus: positiveRow, target: 0, coefficient: coefficient, group: Int32(group))
                        : LossTerm(plus: negativeRow, minus: -1, target: 0, coefficient: coefficient, group: Int32(group)))
                }
            }
        }
        return out
    }

    var isPairwise: Bool { if case .bpr = lossKind { true } else { false } }

    /// A sampled-softmax batch: every positive of every set is a term against one shared set of
    /// negative rows, the pool's first `negatives` items (or uniform draws from the catalogue
    /// without a pool). The pool is the task's to keep free of likely positives.
    func softmaxBatch(
        _ sets: [ExampleSet<Scalar>], weights: [Scalar], pool: ExampleSet<Scalar>?, negatives: Int, temperature: Double,
        random: inout SplitMix64
    ) -> LossBatch<Scalar> {
        var out = LossBatch<Scalar>(isSquaredError: false, rowItems: [], pairFeatures: [], pairFeatureWidth: pairFeatureWidth,
                                    terms: [], groupWeights: weights)
        for (group, set) in sets.enumerated() where set.count > 0 {
            precondition(set.pairFeatureWidth == pairFeatureWidth, "pair-feature width differs from the model's")
            let coefficient = 1 / Scalar(set.count)
            for e in 0..<set.count {
                precondition(set.items[e] >= 0 && Int(set.items[e]) < itemCount, "item \(set.items[e]) outside the catalogue of \(itemCount)")
                let row = out.addRow(set.items[e], features: set.pairFeatures[(e * pairFeatureWidth)..<((e + 1) * pairFeatureWidth)])
                out.terms.append(LossTerm(plus: row, minus: -1, target: 1, coefficient: coefficient, group: Int32(group)))
            }
        }
        var rows: [Int32] = []
        let width = pairFeatureWidth
        if let pool, !pool.isEmpty {
            for index in 0..<min(negatives, pool.count) {
                rows.append(out.addRow(pool.items[index], features: pool.pairFeatures[(index * width)..<((index + 1) * width)]))
            }
        } else {
            let zeroRow = [Scalar](repeating: 0, count: width)
            for _ in 0..<negatives { rows.append(out.addRow(Int32(random.below(UInt64(itemCount))), features: zeroRow[...])) }
        }
        out.softmax = SoftmaxNegatives(rows: rows, inverseTemperature: Scalar(1 / temperature))
        return out
    }

    /// An item the set did not choose, uniformly from the pool or the catalogue; after a few
    /// rejections any item is accepted, so a set that covers its pool cannot loop forever.
    func drawNegative(
        excluding positives: PositiveItems, pool: ExampleSet<Scalar>?, zeroRow: [Scalar], random: inout SplitMix64
    ) -> (Int32, ArraySlice<Scalar>) {
        let width = pairFeatureWidth
        for attempt in 0..<16 {
            if let pool, !pool.isEmpty {
                let index = Int(random.next() % UInt64(pool.count))
                let item = pool.items[index]
                if attempt == 15 || !positives.contains(item) {
                    return (item, pool.pairFeatures[(index * width)..<((index + 1) * width)])
                }
            } else {
                let item = Int32(random.next() % UInt64(itemCount))
                if attempt == 15 || !positives.contains(item) { return (item, zeroRow[...]) }
            }
        }
        fatalError("unreachable: the last attempt always returns")
    }
}

extension Array where Element == Int32 {
    /// The distinct elements, ascending.
    func sortedUnique() -> [Int32] {
        var sorted = self.sorted()
        var kept = 0
        for i in sorted.indices where kept == 0 || sorted[kept - 1] != sorted[i] {
            sorted[kept] = sorted[i]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// The index of the first element not less than `value`, in a sorted array.
    func lowerBound(of value: Int32) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Membership test for a set's positive items: a scan for small sets, a hash set beyond.
struct PositiveItems {
    let small: [Int32]
    let large: Set<Int32>?

    init(_ items: [Int32]) {
        small = items.count <= 32 ? items : []
        large = items.count > 32 ? Set(items) : nil
    }

    func contains(_ item: Int32) -> Bool { large?.contains(item) ?? small.contains(item) }
}

extension LossBatch {
    /// Appends a scored row reading local item row `item`; returns its index.
    mutating func addRow(_ item: Int32, features: ArraySlice<Scalar>) -> Int32 {
        rowItems.append(item)
        pairFeatures.append(contentsOf: features)
        return Int32(rowItems.count - 1)
    }
}
