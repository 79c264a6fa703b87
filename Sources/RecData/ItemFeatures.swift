/// Attributes of items — categories, tags — each item with any number of weighted features, held
/// item by item (compressed rows) with the features' own IDs.
public struct ItemFeatures: Sendable, Equatable {
    /// The features' external IDs (category names, tags) and their dense indices.
    public private(set) var features: IDMap
    /// Item i's features are `featureIndices[offsets[i]..<offsets[i + 1]]`, in increasing index.
    public private(set) var offsets: [Int]
    /// Feature index of every (item, feature) pair, item by item.
    public private(set) var featureIndices: [Int32]
    /// Weight of every pair, parallel to `featureIndices`.
    public private(set) var weights: [Float]

    /// No features for any of `itemCount` items.
    public init(itemCount: Int) {
        features = IDMap()
        offsets = [Int](repeating: 0, count: itemCount + 1)
        featureIndices = []
        weights = []
    }

    /// From (item, feature, weight) triples; repeated pairs add up.
    /// - Parameters:
    ///   - itemCount: Number of items, with features or not; every triple's item must be below it.
    ///   - features: The features' IDs; every triple's feature is an index into them.
    ///   - triples: (item, feature, weight) triples, in any order.
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

    /// Number of items, with features or not.
    public var itemCount: Int { offsets.count - 1 }
    /// (item, feature) pairs.
    public var assignmentCount: Int { featureIndices.count }
    /// True when no item has a feature, as when none were imported.
    public var isEmpty: Bool { featureIndices.isEmpty }

    /// The features of an item.
    /// - Parameter item: An item index below `itemCount`.
    /// - Returns: Feature indices, ascending.
    public func features(of item: Int32) -> ArraySlice<Int32> { featureIndices[offsets[Int(item)]..<offsets[Int(item) + 1]] }
    /// The weights of an item's features.
    /// - Parameter item: An item index below `itemCount`.
    /// - Returns: Weights, parallel to `features(of:)`.
    public func weights(of item: Int32) -> ArraySlice<Float> { weights[offsets[Int(item)]..<offsets[Int(item) + 1]] }

    /// Items with at least one feature.
    public var itemsWithFeatures: Int { (0..<itemCount).count { offsets[$0 + 1] > offsets[$0] } }
}

/// Reads `item feature [weight]` lines (or chosen columns of any table, such as the category column
/// of an interactions file) into `ItemFeatures` for the items a dataset already knows. Lines naming
/// an item the dataset does not know are counted, not fatal.
public struct ItemFeatureReader: Sendable {
    /// A column by 0-based position or by header name, as for interactions.
    public typealias Column = InteractionReader.Column

    /// How the lines for one (item, feature) pair add up.
    public enum Weighting: Sendable, Equatable {
        /// Each line adds its weight column (1 without one): counts, such as how many people gave a tag.
        case sum
        /// An item has the feature or not (weight 1): attributes, such as a category repeated on
        /// every rating of the item.
        case presence
    }

    /// Layout of the features file; detected where nil or `.auto`.
    public var format = TableFormat()
    /// nil: the header's item/itemid/artistid/movieid/productid/… column, else the first column.
    public var item: Column?
    /// nil: the header's feature/tag/category/genre/attribute column, else the second column.
    public var feature: Column?
    /// nil: a header column named weight/count/score, else the third column if the file has one.
    public var weight: Column?
    /// Summed weights (the default) or presence, which reads no weight column.
    public var weighting = Weighting.sum
    /// Read no weight column even where the file has a third one (chosen columns of a wider table).
    public var ignoresWeightColumn = false

    /// The defaults: detected layout, columns by header name or position, weights summed.
    public init() {}

    /// What reading found, including lines for items the dataset does not know.
    public struct Report: Sendable, Equatable {
        /// Data lines read.
        public var rows = 0
        /// Lines naming an item the dataset does not know; they are left out.
        public var unknownItemRows = 0
        /// A few of the unknown item IDs, for the message.
        public var unknownExamples: [String] = []
    }

    static let featureNames = ["feature", "tag", "tagid", "category", "categoryid", "genre", "attribute"]
    static let weightNames = ["weight", "count", "score"]

    /// Reads the features of items the dataset already knows, interning feature IDs in order of first
    /// appearance.
    /// - Parameters:
    ///   - source: The features file.
    ///   - items: The dataset's items; lines naming other items are counted, not read.
    /// - Returns: The features, one row per item of `items`, and what reading found.
    /// - Throws: `InputError` for a line with too few columns, an empty item ID or feature, or a weight
    ///   that is not a finite number ≥ 0; for a column named but missing from the header (or with no
    ///   header); and for a file with no data lines.
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
