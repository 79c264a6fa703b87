import Foundation
import RecData
import SocialGraphModule

/// Edge-list reading throughput, CSR size, and ego-network + personalised PageRank latency.
enum GraphBench {
    static func readingRows(path: String, label: String) throws -> [BenchRow] {
        let source = try TextSource(path: path)
        let megabytes = Double(source.bytes.count) / 1e6
        let repeats = megabytes > 100 ? 1 : 3
        // Baseline in the same run: finding the line ends alone (memchr), the floor for any reader.
        let scan = bestTime(repeats: repeats) {
            var lines = 0
            source.bytes.withUnsafeBufferPointer { b in
                var p = b.baseAddress!, left = b.count
                while left > 0, let hit = memchr(p, 10, left) {
                    lines += 1
                    let next = hit.assumingMemoryBound(to: UInt8.self) + 1
                    left -= p.distance(to: next)
                    p = UnsafePointer(next)
                }
            }
            precondition(lines > 0)
        }
        var edges = EdgeList()
        var nodes = IDMap()
        let parse = try bestTime(repeats: repeats) {
            nodes = IDMap()
            edges = try EdgeListReader().read(source, nodes: &nodes).0
        }
        var graph: SocialGraph?
        let build = bestTime(repeats: repeats) { graph = SocialGraph(nodeCount: nodes.count, edges: edges, undirected: false) }
        let g = graph!
        let bytesPerArc = Double(g.storageBytes) / Double(g.arcCount)
        return [
            BenchRow(figure: "read edge list, \(label) (\(format(megabytes, 0)) MB text), MB/s",
                     measured: "\(format(megabytes / parse, 0)) (newline scan alone: \(format(megabytes / scan, 0)))",
                     target: "≥ 100 MB/s"),
            BenchRow(figure: "read + build CSR, \(label), MB/s", measured: format(megabytes / (parse + build), 0), target: "—"),
            BenchRow(figure: "CSR bytes per stored edge, \(label)", measured: format(bytesPerArc, 2), target: "≤ 12"),
        ]
    }

    static func egoRows(path: String) throws -> [BenchRow] {
        var nodes = IDMap()
        let (edges, _) = try EdgeListReader().read(try TextSource(path: path), nodes: &nodes)
        let graph = SocialGraph(nodeCount: nodes.count, edges: edges, undirected: false)
        var ego = EgoNetworkBuilder(graph: graph)
        var ppr = PersonalisedPageRank(graph: graph)
        // A fixed sample of users (every 41st), so runs compare.
        let users = stride(from: Int32(0), to: Int32(graph.nodeCount), by: 41).map { $0 }
        var sizes = 0
        let times = latencies(count: users.count) { i in
            let network = ego.egoNetwork(of: users[i], hops: 2)
            let scores = ppr.scores(from: users[i])
            sizes += network.members.count + scores.count
        }
        precondition(sizes > 0)
        return [BenchRow(
            figure: "2-hop ego-network + PPR, Slashdot, \(users.count) users, ms",
            measured: "p50 \(format(percentile(times, 0.5), 2)), p99 \(format(percentile(times, 0.99), 2)), max \(format(times.last!, 1))",
            target: "p99 ≤ 5 ms")]
    }
}
