/// Attributes of items — categories, tags — each item with any number of weighted features, held
/// item by item (compressed rows) with the features' own IDs.
public struct ItemFeatures: Sendable, Equatable {
    public private(set) var features: IDMap
    /// Item i's features are `featureIndices[offsets[i]..<offsets[i + 1]]`, in increasing index.
    public private(set) var offsets: [Int]
    public private(set) var featureIndices: [Int32]
    public private(set) var weights: [Float]

    /// No features for any of `itemCount` items.
    public init(itemCount: Int) {
        features = IDMap()
        offsets = [Int](repeating: 0, count: itemCount + 1)
        featureIndices = []
        weights = []
    }

    /// From (item, feature, weight) triples; repeated pairs add up.
    public init(itemCount: Int, features: IDMap, triples: [(item: Int32, feature: Int32, weight: Float)]) {
        self.features = features
        let sorted = triples.sorted { ($0.item, $0.feature) < ($1.item, $1.feature) }
        var offsets = [Int](repeating: 0, count: itemCount + 1)
        var indices: [Int32] = [], weights: [Float] = []
        for t in sorted {
            if let last = indices.last, offsets[Int(t.item) + 1] > 0, last == t.feature {
                weights[weights.count - 1] += t.weight
                continue
            }
            indices.append(t.feature)
            weights.append(t.weight)
            offsets[Int(t.item) + 1] += 1
        }
        for i in 0..<itemCount { offsets[i + 1] += offsets[i] }
        self.offsets = offsets
        featureIndices = indices
        self.weights = weights
    }

    public var itemCount: Int { offsets.count - 1 }
    /// (item, feature) pairs.
    public var assignmentCount: Int { featureIndices.count }
    public var isEmpty: Bool { featureIndices.isEmpty }

    public func features(of item: Int32) -> ArraySlice<Int32> { featureIndices[offsets[Int(item)]..<offsets[Int(item) + 1]] }
    public func weights(of item: Int32) -> ArraySlice<Float> { weights[offsets[Int(item)]..<offsets[Int(item) + 1]] }

    /// Items with at least one feature.
    public var itemsWithFeatures: Int { (0..<itemCount).count { offsets[$0 + 1] > offsets[$0] } }
}

/// Reads `item feature [weight]` lines (or chosen columns of any table, such as the category column
/// of an interactions file) into `ItemFeatures` for the items a dataset already knows. Lines naming
/// an item the dataset does not know are counted, not fatal.
public struct ItemFeatureReader: Sendable {
    public typealias Column = InteractionReader.Column

    public enum Weighting: Sendable, Equatable {
        /// Each line adds its weight column (1 without one): counts, such as how many people gave a tag.
        case sum
        /// An item has the feature or not (weight 1): attributes, such as a category repeated on
        /// every rating of the item.
        case presence
    }

    public var format = TableFormat()
    public var item: Column?
    public var feature: Column?
    /// nil: a header column named weight/count/score, else the third column if the file has one.
    public var weight: Column?
    public var weighting = Weighting.sum
    /// Read no weight column even where the file has a third one (chosen columns of a wider table).
    public var ignoresWeightColumn = false

    public init() {}

    public struct Report: Sendable, Equatable {
        public var rows = 0
        public var unknownItemRows = 0
        /// A few of the unknown item IDs, for the message.
        public var unknownExamples: [String] = []
    }

    static let featureNames = ["feature", "tag", "tagid", "category", "categoryid", "genre", "attribute"]
    static let weightNames = ["weight", "count", "score"]

    public func read(_ source: TextSource, items: IDMap) throws -> (ItemFeatures, Report) {
        let scanner = RecordScanner(source, format: format)
        let header = scanner.headerFields?.map { $0.lowercased() }
        let file = source.path
        let itemAt = try Column.resolve(item, header: header, file: file, names: InteractionReader.itemNames, fallback: 0) ?? 0
        let featureAt = try Column.resolve(feature, header: header, file: file, names: Self.featureNames, fallback: 1) ?? 1
        var weightAt = weighting == .presence || ignoresWeightColumn ? nil
            : try Column.resolve(weight, header: header, file: file, names: Self.weightNames, fallback: 2)
        var features = IDMap()
        var triples: [(item: Int32, feature: Int32, weight: Float)] = []
        var seen = Set<UInt64>()
        var report = Report()
        try scanner.forEachRecord { record in
            if report.rows == 0, weight == nil, header == nil, let w = weightAt, w >= record.count { weightAt = nil }
            report.rows += 1
            let needed = max(itemAt, featureAt, weightAt ?? 0) + 1
            guard record.count >= needed else {
                throw InputError(file: file, line: record.line, "expected at least \(needed) columns, found \(record.count)")
            }
            let itemField = record.field(itemAt), featureField = record.field(featureAt)
            guard itemField.count > 0 else { throw InputError(file: file, line: record.line, "empty item ID") }
            guard featureField.count > 0 else { throw InputError(file: file, line: record.line, "empty feature") }
            var value: Float = 1
            if let weightAt {
                let text = record.field(weightAt)
                guard let w = NumberParsing.double(text), w >= 0, Float(w).isFinite else {
                    throw InputError(file: file, line: record.line, "weight '\(InputError.excerpt(text))' is not a finite number ≥ 0")
                }
                value = Float(w)
            }
            guard let i = items.index(of: itemField) else {
                report.unknownItemRows += 1
                let id = record.string(itemAt)
                if report.unknownExamples.count < 3, !report.unknownExamples.contains(id) { report.unknownExamples.append(id) }
                return
            }
            let f = features.intern(featureField)
            if weighting == .presence {
                guard seen.insert(UInt64(UInt32(bitPattern: i)) << 32 | UInt64(UInt32(bitPattern: f))).inserted else { return }
            }
            triples.append((i, f, value))
        }
        guard report.rows > 0 else { throw InputError(file: file, "no item features: the file has no data lines") }
        return (ItemFeatures(itemCount: items.count, features: features, triples: triples), report)
    }
}
