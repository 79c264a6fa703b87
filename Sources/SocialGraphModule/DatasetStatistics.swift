import RecData

/// The figures `socialrec stats` prints.
public struct DatasetStatistics: Sendable, Codable, Equatable {
    /// Users: graph nodes and raters, one ID space.
    public var users: Int
    /// Items in the interactions or the catalogue.
    public var items: Int
    /// User–item interactions, duplicates merged.
    public var interactions: Int
    /// Whether the graph is directed (false when it was symmetrised).
    public var directed: Bool
    /// Users that appear in at least one edge.
    public var graphNodes: Int
    /// Edges as a user counts them (pairs for undirected graphs).
    public var edges: Int
    /// Arcs present over arcs possible, n(n − 1) for n users, users without friends included.
    public var density: Double
    /// Share of arcs whose reverse also exists (1 for an undirected graph with edges).
    public var reciprocity: Double
    /// Weakly connected components among graph nodes (users without friends are not counted).
    public var components: Int
    /// Users in the largest of those components.
    public var largestComponent: Int
    /// Users in no edge.
    public var usersWithoutFriends: Int
    /// Users with no interaction, such as graph-only users.
    public var usersWithoutInteractions: Int
    /// Out-degrees over all users, those without friends included.
    public var outDegree: Quantiles
    /// In-degrees over all users, those without friends included.
    public var inDegree: Quantiles
    /// Interactions per user, over the users that have any.
    public var interactionsPerUser: Quantiles
    /// Interactions per item, over the items that have any.
    public var interactionsPerItem: Quantiles
    /// `implicit`, or `explicit lo–hi` with the declared rating range.
    public var feedback: String
    /// Item features, when any were imported.
    public var itemFeatures: FeatureStatistics?

    /// Figures on the item features.
    public struct FeatureStatistics: Sendable, Codable, Equatable {
        /// Distinct features (categories, tags).
        public var features: Int
        /// (item, feature) pairs.
        public var pairs: Int
        /// Items with at least one feature.
        public var itemsWithFeatures: Int
        /// Items with none.
        public var itemsWithoutFeatures: Int
        /// Over the items that have any.
        public var featuresPerItem: Quantiles
    }

    /// Computes the figures of a dataset.
    /// - Parameter data: The dataset; the graph is walked whole, in time linear in its arcs.
    public init(_ data: SocialDataset) {
        let g = data.graph
        let n = g.nodeCount
        users = data.users.count
        items = data.items.count
        interactions = data.interactions.count
        directed = g.isDirected
        edges = g.edgeCount
        density = g.density
        reciprocity = g.reciprocity
        let degrees = (0..<Int32(n)).map { g.outDegree($0) }
        let inDegrees = (0..<Int32(n)).map { g.inDegree($0) }
        graphNodes = zip(degrees, inDegrees).filter { $0 + $1 > 0 }.count
        usersWithoutFriends = n - graphNodes
        // Components among graph nodes only: isolated users are counted apart, not as components.
        let (label, _) = g.connectedComponents()
        var sizes = [Int: Int]()
        for u in 0..<n where degrees[u] + inDegrees[u] > 0 { sizes[Int(label[u]), default: 0] += 1 }
        components = sizes.count
        largestComponent = sizes.values.max() ?? 0
        outDegree = Quantiles(degrees)
        inDegree = Quantiles(inDegrees)
        let perUser = data.interactions.countsPerUser(userCount: n)
        usersWithoutInteractions = perUser.filter { $0 == 0 }.count
        interactionsPerUser = Quantiles(perUser.filter { $0 > 0 })
        var perItem = [Int](repeating: 0, count: data.items.count)
        for i in data.interactions.items { perItem[Int(i)] += 1 }
        interactionsPerItem = Quantiles(perItem.filter { $0 > 0 })
        let f = data.itemFeatures
        if !f.isEmpty {
            let perItem = (0..<Int32(data.items.count)).map { f.features(of: $0).count }
            let withFeatures = perItem.filter { $0 > 0 }
            itemFeatures = FeatureStatistics(features: f.features.count, pairs: f.assignmentCount, itemsWithFeatures: withFeatures.count,
                                             itemsWithoutFeatures: data.items.count - withFeatures.count, featuresPerItem: Quantiles(withFeatures))
        }
        switch data.interactions.feedback {
        case .implicit: feedback = "implicit"
        case .explicit(let lo, let hi): feedback = "explicit \(lo)–\(hi)"
        }
    }
}
