/// Whole-graph figures: degrees, components, reciprocity.
extension SocialGraph {
    /// Weakly connected components (direction ignored): a component label per node, and the sizes
    /// largest first.
    public func connectedComponents() -> (label: [Int32], sizes: [Int]) {
        var parent = [Int32](0..<Int32(nodeCount))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        forEachArc { u, v, _ in
            let a = find(u), b = find(v)
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var label = [Int32](repeating: -1, count: nodeCount)
        var rootLabel = [Int32](repeating: -1, count: nodeCount)
        var sizes: [Int] = []
        for u in 0..<Int32(nodeCount) {
            let root = Int(find(u))
            if rootLabel[root] < 0 { rootLabel[root] = Int32(sizes.count); sizes.append(0) }
            label[Int(u)] = rootLabel[root]
            sizes[Int(rootLabel[root])] += 1
        }
        return (label, sizes.sorted(by: >))
    }

    /// Share of arcs u → v whose reverse v → u also exists (1 for undirected graphs).
    public var reciprocity: Double {
        guard isDirected else { return arcCount > 0 ? 1 : 0 }
        guard arcCount > 0 else { return 0 }
        var reciprocated = 0
        forEachArc { u, v, _ in if hasArc(from: v, to: u) { reciprocated += 1 } }
        return Double(reciprocated) / Double(arcCount)
    }

    /// Edges present over edges possible.
    public var density: Double {
        guard nodeCount > 1 else { return 0 }
        let possible = Double(nodeCount) * Double(nodeCount - 1)
        return Double(arcCount) / possible
    }
}

/// Quantiles of a list of counts, nearest-rank.
public struct Quantiles: Sendable, Equatable, Codable {
    /// The smallest value, the 25th, 50th, 75th, 90th and 99th percentiles, and the largest (all 0
    /// for an empty list).
    public var min: Int, p25: Int, median: Int, p75: Int, p90: Int, p99: Int, max: Int
    /// Arithmetic mean (0 for an empty list).
    public var mean: Double

    /// The quantiles of a list of counts.
    /// - Parameter values: The counts, in any order; may be empty.
    public init(_ values: [Int]) {
        let sorted = values.sorted()
        func at(_ q: Double) -> Int {
            guard !sorted.isEmpty else { return 0 }
            return sorted[Swift.min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1 < 0 ? 0 : Int((q * Double(sorted.count)).rounded(.up)) - 1)]
        }
        min = sorted.first ?? 0
        p25 = at(0.25); median = at(0.5); p75 = at(0.75); p90 = at(0.9); p99 = at(0.99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count)
    }
}
