import RecData

/// Reads a graph file, an interactions file and an item catalogue into one `SocialDataset`,
/// reporting everything it cleaned. Users in the graph and in the interactions share one ID space.
public struct DatasetReader: Sendable {
    /// Path of the edge list; nil for a dataset without friendships.
    public var graphFile: String?
    /// How the edge list is read.
    public var edgeOptions = EdgeListReader.Options()
    /// Symmetrise the graph: a → b also means b → a.
    public var undirected = false
    /// Path of the user–item interactions; nil for a graph alone.
    public var interactionsFile: String?
    /// How the interactions are read.
    public var interactionOptions = InteractionReader.Options()
    /// Path of the item catalogue (display names); nil for none.
    public var itemsFile: String?
    /// How the item catalogue is read.
    public var itemsReader = ItemCatalogueReader()
    /// Item features: `item feature [weight]` lines, or chosen columns of any table.
    public var itemFeaturesFile: String?
    /// How the item features are read; with `categoryColumn` and no features file, its layout, item
    /// column and feature column come from the interactions' settings, with presence weighting.
    public var itemFeatureReader = ItemFeatureReader()
    /// A column of the interactions file that holds each item's category (Ciao's `category`).
    public var categoryColumn: InteractionReader.Column?

    /// Nothing to read yet: set a graph file, an interactions file, or both.
    public init() {}

    /// What reading all the files found and cleaned.
    public struct Report: Sendable, Equatable {
        /// Data lines of the edge list.
        public var edgeRows = 0
        /// Edges from a user to themselves, dropped.
        public var selfLoopsDropped = 0
        /// Edges that repeated an earlier one (the same pair, for undirected graphs), merged.
        public var duplicateEdgesMerged = 0
        /// Data lines of the interactions file, valid or not.
        public var interactionRows = 0
        /// Invalid interaction rows skipped (only with `skipBad`).
        public var interactionsSkipped = 0
        /// The first few skipped rows, as `file:line: reason`.
        public var skippedExamples: [String] = []
        /// Interaction rows dropped because a later row had the same user and item.
        public var duplicateInteractionsMerged = 0
        /// Items the catalogue gave a name.
        public var namedItems = 0
        /// Feature lines read (from the features file, or the interactions' category column).
        public var featureRows = 0
        /// Feature lines naming an item neither the interactions nor the catalogue hold; left out.
        public var featureRowsForUnknownItems = 0
        /// A few of those unknown item IDs, for the message.
        public var unknownFeatureItems: [String] = []
        /// Bytes of text read (after decompression), for throughput figures.
        public var bytesRead = 0
    }

    /// Reads every file set: the graph, the interactions, the catalogue, then the item features.
    /// Users get indices in order of first appearance, the graph's first.
    /// - Parameter progress: `progress(file, bytesDone, bytesTotal)`, called now and then while the graph or the
    ///   interactions are parsed (not the catalogue or the features), in bytes of decompressed text; nil, the default, for none.
    /// - Returns: The dataset and what reading cleaned.
    /// - Throws: `InputError` (for the file `import`) when neither a graph file nor an interactions file is set; when a file
    ///   cannot be read, as `TextSource.init(path:)` throws; and whatever the file's reader throws for its contents:
    ///   `EdgeListReader`, `InteractionReader`, `ItemCatalogueReader` or `ItemFeatureReader`.
    public func read(progress: ((String, Int, Int) -> Void)? = nil) throws -> (SocialDataset, Report) {
        guard graphFile != nil || interactionsFile != nil else {
            throw InputError(file: "import", "nothing to import: give a graph file, an interactions file, or both")
        }
        var users = IDMap(), items = IDMap()
        var report = Report()
        var edges = EdgeList()
        if let graphFile {
            let source = try TextSource(path: graphFile)
            report.bytesRead += source.bytes.count
            let (read, edgeReport) = try EdgeListReader(options: edgeOptions)
                .read(source, nodes: &users) { progress?(graphFile, $0, source.bytes.count) }
            edges = read
            report.edgeRows = edgeReport.rows
            report.selfLoopsDropped = edgeReport.selfLoopsDropped
        }
        var interactions = Interactions(feedback: interactionOptions.feedback)
        if let interactionsFile {
            let source = try TextSource(path: interactionsFile)
            report.bytesRead += source.bytes.count
            let (read, r) = try InteractionReader(options: interactionOptions)
                .read(source, users: &users, items: &items) { progress?(interactionsFile, $0, source.bytes.count) }
            interactions = read.inUserItemOrder()
            report.interactionRows = r.rows
            report.interactionsSkipped = r.skipped
            report.skippedExamples = r.skippedExamples
            report.duplicateInteractionsMerged = r.duplicatesMerged
        }
        var names: [Int32: String] = [:]
        if let itemsFile {
            let source = try TextSource(path: itemsFile)
            report.bytesRead += source.bytes.count
            names = try itemsReader.read(source, items: &items)
            report.namedItems = names.count
        }
        var features: ItemFeatures?
        if let featureSource = itemFeaturesFile ?? (categoryColumn == nil ? nil : interactionsFile) {
            let source = try TextSource(path: featureSource)
            var reader = itemFeatureReader
            if itemFeaturesFile == nil, let categoryColumn {
                reader.format = interactionOptions.format
                reader.item = interactionOptions.item
                reader.feature = categoryColumn
                reader.weighting = .presence
            }
            let (read, r) = try reader.read(source, items: items)
            // A category column is read from the interactions file, whose bytes are counted already.
            if itemFeaturesFile != nil { report.bytesRead += source.bytes.count }
            features = read
            report.featureRows = r.rows
            report.featureRowsForUnknownItems = r.unknownItemRows
            report.unknownFeatureItems = r.unknownExamples
        }
        let (graph, buildReport) = SocialGraph.build(nodeCount: users.count, edges: edges, undirected: undirected)
        report.duplicateEdgesMerged = buildReport.duplicatesMerged
        var itemNames = [String?](repeating: nil, count: items.count)
        for (item, name) in names { itemNames[Int(item)] = name }
        let dataset = SocialDataset(users: users, items: items, itemNames: itemNames, graph: graph, interactions: interactions,
                                    itemFeatures: features)
        return (dataset, report)
    }
}
