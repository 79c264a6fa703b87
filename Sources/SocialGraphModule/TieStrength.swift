import Foundation

/// How strongly two users are tied, from the shape of the graph around them (edge direction ignored
/// for the neighbourhood measures).
public struct TieStrength: Sendable, Equatable {
    /// Users linked to both, in either direction.
    public var commonNeighbours: Int
    /// |N(u) ∩ N(v)| / |N(u) ∪ N(v)|.
    public var jaccard: Double
    /// Σ over common neighbours w of 1 / log(deg w): rare shared friends count more.
    public var adamicAdar: Double
    /// Both u → v and v → u exist (always true for undirected graphs with an edge).
    public var reciprocated: Bool

    /// A tie with the given measures.
    /// - Parameters:
    ///   - commonNeighbours: Users linked to both.
    ///   - jaccard: Common over all neighbours.
    ///   - adamicAdar: The Adamic–Adar score.
    ///   - reciprocated: Whether both arcs exist.
    public init(commonNeighbours: Int, jaccard: Double, adamicAdar: Double, reciprocated: Bool) {
        self.commonNeighbours = commonNeighbours
        self.jaccard = jaccard
        self.adamicAdar = adamicAdar
        self.reciprocated = reciprocated
    }
}

extension SocialGraph {
    /// Degree ignoring direction (|out ∪ in|).
    public func undirectedDegree(_ u: Int32) -> Int {
        isDirected ? neighbours(u).count : outDegree(u)
    }

    /// How strongly two users are tied.
    /// - Parameters:
    ///   - u: One user.
    ///   - v: The other.
    /// - Returns: Their common neighbours, Jaccard and Adamic–Adar scores, and whether the tie is mutual.
    public func tieStrength(_ u: Int32, _ v: Int32) -> TieStrength {
        tieStrength(u, neighbours: neighbours(u), v)
    }

    /// Ties from u to each of `others`, reading u's neighbourhood once.
    /// - Parameters:
    ///   - u: The user.
    ///   - others: The users to measure ties to; they need not be u's neighbours.
    /// - Returns: One tie per entry of `others`, in their order.
    public func tieStrengths(_ u: Int32, to others: [Int32]) -> [TieStrength] {
        let mine = neighbours(u)
        return others.map { tieStrength(u, neighbours: mine, $0) }
    }

    func tieStrength(_ u: Int32, neighbours a: [Int32], _ v: Int32) -> TieStrength {
        let b = neighbours(v)
        var i = 0, j = 0, common = 0
        var adamicAdar = 0.0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else {
                common += 1
                let degree = undirectedDegree(a[i])
                if degree > 1 { adamicAdar += 1 / log(Double(degree)) }
                i += 1; j += 1
            }
        }
        let union = a.count + b.count - common
        return TieStrength(
            commonNeighbours: common,
            jaccard: union == 0 ? 0 : Double(common) / Double(union),
            adamicAdar: adamicAdar,
            reciprocated: hasArc(from: u, to: v) && hasArc(from: v, to: u))
    }
}
