/// A user's neighbourhood: the centre, friends (hop 1) and optionally friends of friends (hop 2),
/// ignoring edge direction.
public struct EgoNetwork: Sendable, Equatable {
    /// The user whose neighbourhood this is.
    public var centre: Int32
    /// Members in the order kept: the centre first, then hop 1, then hop 2.
    public var members: [Int32]
    /// Hop distance of each member (0 for the centre), parallel to `members`.
    public var hops: [UInt8]
    /// Neighbours within the requested hops that the node cap left out.
    public var omitted: Int

    /// Arcs among the members as (index into members, index into members).
    public func arcs(in graph: SocialGraph) -> [(Int, Int)] {
        var position = [Int32: Int](minimumCapacity: members.count)
        for (i, m) in members.enumerated() { position[m] = i }
        var result: [(Int, Int)] = []
        for (i, m) in members.enumerated() {
            for v in graph.outNeighbours(m) { if let j = position[v] { result.append((i, j)) } }
        }
        return result
    }
}

/// Extracts ego-networks with reusable scratch space, so repeated calls allocate little.
///
/// The cap keeps the centre, then friends before friends of friends. Friends rank by whether the tie
/// is mutual, then by degree; friends of friends rank by how many kept friends link to them, then by
/// degree; equal ranks fall back to the smaller index, so the result is deterministic.
public struct EgoNetworkBuilder {
    /// The graph networks are taken from.
    public let graph: SocialGraph
    private var mark: [UInt8]      // 0 unseen, 1 centre/hop 1, 2 hop 2
    private var linksIn: [Int32]   // hop-2 candidates: number of hop-1 members linking to them
    private var touched: [Int32] = []

    /// Prepares scratch space for a graph: two arrays with one entry per node.
    /// - Parameter graph: The graph networks will be taken from.
    public init(graph: SocialGraph) {
        self.graph = graph
        mark = [UInt8](repeating: 0, count: graph.nodeCount)
        linksIn = [Int32](repeating: 0, count: graph.nodeCount)
    }

    /// The neighbourhood of a user, edge direction ignored, cut to the best-ranked members.
    /// - Parameters:
    ///   - centre: The user.
    ///   - hops: 1 for friends, 2 for friends of friends too; any other value is a precondition failure.
    ///   - maxNodes: Most members kept, the centre included (at least 1); nil keeps all.
    /// - Returns: The members, their hops, and how many the cap left out.
    public mutating func egoNetwork(of centre: Int32, hops: Int = 1, maxNodes: Int? = nil) -> EgoNetwork {
        precondition(hops == 1 || hops == 2, "hops must be 1 or 2")
        let cap = max(1, maxNodes ?? Int.max)
        defer { reset() }
        touch(centre, as: 1)
        var friends: [Int32] = []
        let graph = self.graph
        for v in Self.neighbours(of: centre, in: graph) where mark[Int(v)] == 0 {
            touch(v, as: 1)
            friends.append(v)
        }
        func degree(_ v: Int32) -> Int { graph.outDegree(v) + (graph.isDirected ? graph.inDegree(v) : 0) }
        func mutual(_ v: Int32) -> Bool { graph.hasArc(from: centre, to: v) && graph.hasArc(from: v, to: centre) }
        let rankedFriends = friends
            .map { (node: $0, mutual: mutual($0), degree: degree($0)) }
            .sorted { ($0.mutual ? 1 : 0, $0.degree, -$0.node) > ($1.mutual ? 1 : 0, $1.degree, -$1.node) }
            .map(\.node)
        let keptFriends = Array(rankedFriends.prefix(cap - 1))
        var members = [centre] + keptFriends
        var hopsOf: [UInt8] = [0] + Array(repeating: 1, count: keptFriends.count)
        var omitted = friends.count - keptFriends.count

        if hops == 2 {
            var candidates: [Int32] = []
            for f in friends {
                for w in Self.neighbours(of: f, in: graph) {
                    if mark[Int(w)] == 0 { touch(w, as: 2); candidates.append(w) }
                    if mark[Int(w)] == 2 { linksIn[Int(w)] += 1 }
                }
            }
            let room = max(0, cap - members.count)
            let linkCounts = linksIn
            let ranked = candidates
                .map { (node: $0, links: linkCounts[Int($0)], degree: degree($0)) }
                .sorted { ($0.links, $0.degree, -$0.node) > ($1.links, $1.degree, -$1.node) }
            members += ranked.prefix(room).map(\.node)
            hopsOf += Array(repeating: 2, count: min(room, ranked.count))
            omitted += max(0, ranked.count - room)
        }
        return EgoNetwork(centre: centre, members: members, hops: hopsOf, omitted: omitted)
    }

    /// Out- then in-neighbours; a node may appear twice, which the marks absorb.
    private static func neighbours(of u: Int32, in graph: SocialGraph) -> FlattenSequence<[ArraySlice<Int32>]> {
        (graph.isDirected ? [graph.outNeighbours(u), graph.inNeighbours(u)] : [graph.outNeighbours(u)]).joined()
    }

    private mutating func touch(_ v: Int32, as value: UInt8) {
        mark[Int(v)] = value
        touched.append(v)
    }

    private mutating func reset() {
        for v in touched { mark[Int(v)] = 0; linksIn[Int(v)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}
