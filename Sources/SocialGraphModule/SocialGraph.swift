/// A social graph in compressed sparse row form over dense `Int32` node indices.
///
/// Directed graphs keep out- and in-neighbours; undirected graphs store each edge in both directions
/// and share one list. Neighbour lists are sorted, so membership is a binary search and
/// intersections are merges. Weights, when the input had them, are kept for out-edges only, which
/// keeps a weighted directed graph at 12 bytes per stored edge.
public struct SocialGraph: Sendable, Equatable {
    /// Number of nodes, those without edges included; indices run 0..<nodeCount.
    public let nodeCount: Int
    /// False when the edges were symmetrised at build time.
    public let isDirected: Bool
    @usableFromInline let outOffsets: [Int]
    @usableFromInline let outTargets: [Int32]
    @usableFromInline let outWeights: [Float]?
    @usableFromInline let inOffsets: [Int]
    @usableFromInline let inSources: [Int32]

    /// What building the graph cleaned.
    public struct BuildReport: Sendable, Equatable {
        /// Edges that repeated an earlier one (for undirected graphs: the same unordered pair, so a
        /// file listing each friendship in both directions merges half its rows). The largest weight wins.
        public var duplicatesMerged = 0
    }

    /// Builds the graph from raw edges (self-loops already dropped); `undirected` symmetrises.
    /// - Parameters:
    ///   - nodeCount: Number of nodes; every edge's endpoints must be below it.
    ///   - edges: The edges as read, weighted or not; a repeated edge is merged, its largest weight kept.
    ///   - undirected: Whether a → b also means b → a: each edge is then stored both ways, and (a, b) is a repeat of (b, a).
    public init(nodeCount: Int, edges: EdgeList, undirected: Bool) {
        self = Self.build(nodeCount: nodeCount, edges: edges, undirected: undirected).graph
    }

    /// Builds the graph and says how many duplicate edges it merged.
    /// - Parameters:
    ///   - nodeCount: Number of nodes; every edge's endpoints must be below it.
    ///   - edges: The edges as read (self-loops already dropped), weighted or not; a repeated edge is merged, its largest
    ///     weight kept.
    ///   - undirected: Whether a → b also means b → a: each edge is then stored both ways, and (a, b) is a repeat of (b, a).
    public static func build(nodeCount: Int, edges: EdgeList, undirected: Bool) -> (graph: SocialGraph, report: BuildReport) {
        let built = CSRBuilder.build(nodeCount: nodeCount, edges: edges, undirected: undirected)
        let (inOffsets, inSources) = undirected
            ? ([], [])
            : CSRBuilder.transpose(nodeCount: nodeCount, offsets: built.offsets, targets: built.targets)
        let graph = SocialGraph(nodeCount: nodeCount, isDirected: !undirected, outOffsets: built.offsets,
                                outTargets: built.targets, outWeights: built.weights,
                                inOffsets: inOffsets, inSources: inSources)
        return (graph, BuildReport(duplicatesMerged: built.duplicates))
    }

    init(nodeCount: Int, isDirected: Bool, outOffsets: [Int], outTargets: [Int32], outWeights: [Float]?,
         inOffsets: [Int], inSources: [Int32]) {
        self.nodeCount = nodeCount
        self.isDirected = isDirected
        self.outOffsets = outOffsets
        self.outTargets = outTargets
        self.outWeights = outWeights
        self.inOffsets = inOffsets
        self.inSources = inSources
    }

    /// Stored arcs: each undirected edge counts twice.
    public var arcCount: Int { outTargets.count }
    /// Edges as a user counts them: arcs for directed graphs, pairs for undirected ones.
    public var edgeCount: Int { isDirected ? arcCount : arcCount / 2 }
    /// Whether the input gave weights; without them every arc weighs 1.
    public var isWeighted: Bool { outWeights != nil }

    /// The targets of a node's out-arcs.
    /// - Parameter u: A node index.
    /// - Returns: Target indices, ascending.
    @inlinable
    public func outNeighbours(_ u: Int32) -> ArraySlice<Int32> {
        outTargets[outOffsets[Int(u)]..<outOffsets[Int(u) + 1]]
    }

    /// The sources of a node's in-arcs; the same as `outNeighbours(_:)` for undirected graphs.
    /// - Parameter u: A node index.
    /// - Returns: Source indices, ascending.
    @inlinable
    public func inNeighbours(_ u: Int32) -> ArraySlice<Int32> {
        isDirected ? inSources[inOffsets[Int(u)]..<inOffsets[Int(u) + 1]] : outNeighbours(u)
    }

    /// Number of a node's out-arcs.
    /// - Parameter u: A node index.
    /// - Returns: The out-degree.
    @inlinable public func outDegree(_ u: Int32) -> Int { outOffsets[Int(u) + 1] - outOffsets[Int(u)] }
    /// Number of a node's in-arcs (the out-degree for undirected graphs).
    /// - Parameter u: A node index.
    /// - Returns: The in-degree.
    @inlinable public func inDegree(_ u: Int32) -> Int {
        isDirected ? inOffsets[Int(u) + 1] - inOffsets[Int(u)] : outDegree(u)
    }

    /// Neighbours ignoring direction (out ∪ in), sorted and without repeats.
    public func neighbours(_ u: Int32) -> [Int32] {
        guard isDirected else { return Array(outNeighbours(u)) }
        return Self.sortedUnion(outNeighbours(u), inNeighbours(u))
    }

    /// Whether the arc u → v exists, found by binary search in u's sorted list.
    /// - Parameters:
    ///   - u: The source.
    ///   - v: The target.
    /// - Returns: True when the arc is stored (for undirected graphs, when u and v are friends).
    public func hasArc(from u: Int32, to v: Int32) -> Bool { arcIndex(from: u, to: v) != nil }

    /// Weight of the arc u → v: 1 for unweighted graphs, nil when there is no such arc.
    /// - Parameters:
    ///   - u: The source.
    ///   - v: The target.
    public func weight(from u: Int32, to v: Int32) -> Float? {
        guard let i = arcIndex(from: u, to: v) else { return nil }
        return outWeights?[i] ?? 1
    }

    /// Weights of u's out-arcs in `outNeighbours(u)` order, or nil for unweighted graphs.
    public func outWeights(_ u: Int32) -> ArraySlice<Float>? {
        outWeights?[outOffsets[Int(u)]..<outOffsets[Int(u) + 1]]
    }

    func arcIndex(from u: Int32, to v: Int32) -> Int? {
        var lo = outOffsets[Int(u)], hi = outOffsets[Int(u) + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if outTargets[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < outOffsets[Int(u) + 1] && outTargets[lo] == v ? lo : nil
    }

    /// Memory held by the adjacency arrays, for the bytes-per-edge figure.
    public var storageBytes: Int {
        outOffsets.count * 8 + outTargets.count * 4 + (outWeights?.count ?? 0) * 4 + inOffsets.count * 8 + inSources.count * 4
    }

    /// All arcs as (source, target, weight), sources ascending: what the store persists.
    /// - Parameter body: Called with each arc's source, target and weight (1 for unweighted graphs); each undirected edge
    ///   comes twice, once each way.
    /// - Throws: Whatever `body` throws, which ends the walk there; the walk itself throws nothing.
    public func forEachArc(_ body: (Int32, Int32, Float) throws -> Void) rethrows {
        for u in 0..<nodeCount {
            for i in outOffsets[u]..<outOffsets[u + 1] {
                try body(Int32(u), outTargets[i], outWeights?[i] ?? 1)
            }
        }
    }

    static func sortedUnion(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> [Int32] {
        var result = [Int32]()
        result.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) { result.append(a[i]); i += 1 }
            else if i == a.endIndex || b[j] < a[i] { result.append(b[j]); j += 1 }
            else { result.append(a[i]); i += 1; j += 1 }
        }
        return result
    }
}
