/// Personalised PageRank from one node by forward push (Andersen, Chung, Lang 2006), with reusable
/// scratch space. Walks follow out-arcs; a node without out-arcs returns its mass to the source.
public struct PersonalisedPageRank {
    /// The graph the walks follow.
    public let graph: SocialGraph
    /// Probability of teleporting back to the source at each step.
    public var teleport: Double
    /// Push while residual(u) ≥ tolerance × outDegree(u); the error per node is below that bound.
    public var tolerance: Double
    private var estimate: [Double]
    private var residual: [Double]
    private var touched: [Int32] = []
    private var queue: [Int32] = []
    private var queued: [Bool]

    /// Prepares scratch space for a graph: three arrays with one entry per node.
    /// - Parameters:
    ///   - graph: The graph the walks follow.
    ///   - teleport: Probability of returning to the source at each step.
    ///   - tolerance: Residual per out-arc below which a node is not pushed; smaller is more exact and slower.
    public init(graph: SocialGraph, teleport: Double = 0.15, tolerance: Double = 1e-4) {
        self.graph = graph
        self.teleport = teleport
        self.tolerance = tolerance
        estimate = [Double](repeating: 0, count: graph.nodeCount)
        residual = [Double](repeating: 0, count: graph.nodeCount)
        queued = [Bool](repeating: false, count: graph.nodeCount)
    }

    /// Scores of the nodes reached, highest first (ties by index); they sum to at most 1.
    public mutating func scores(from source: Int32) -> [(node: Int32, score: Double)] {
        defer { reset() }
        add(source, residual: 1)
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            queued[Int(u)] = false
            let r = residual[Int(u)]
            let degree = graph.outDegree(u)
            residual[Int(u)] = 0
            estimate[Int(u)] += teleport * r
            let spread = (1 - teleport) * r
            if degree == 0 {
                add(source, residual: spread)
            } else {
                let share = spread / Double(degree)
                for v in graph.outNeighbours(u) { add(v, residual: share) }
            }
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        return touched
            .filter { estimate[Int($0)] > 0 }
            .map { (node: $0, score: estimate[Int($0)]) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
    }

    @inline(__always)
    private mutating func add(_ v: Int32, residual amount: Double) {
        let i = Int(v)
        if residual[i] == 0 && estimate[i] == 0 { touched.append(v) }
        residual[i] += amount
        if !queued[i] && residual[i] >= tolerance * Double(max(1, graph.outDegree(v))) {
            queued[i] = true
            queue.append(v)
        }
    }

    private mutating func reset() {
        for v in touched { estimate[Int(v)] = 0; residual[Int(v)] = 0; queued[Int(v)] = false }
        touched.removeAll(keepingCapacity: true)
        queue.removeAll(keepingCapacity: true)
    }
}
