import Testing
@testable import RecData
@testable import SocialGraphModule

/// Reads `text` as an edge list and builds the graph.
func graph(_ text: String, undirected: Bool = false, _ configure: (inout EdgeListReader.Options) -> Void = { _ in })
    throws -> (SocialGraph, EdgeListReader.Report, SocialGraph.BuildReport, IDMap)
{
    var options = EdgeListReader.Options()
    configure(&options)
    var nodes = IDMap()
    let (edges, report) = try EdgeListReader(options: options).read(TextSource(name: "edges.txt", text: text), nodes: &nodes)
    let (g, build) = SocialGraph.build(nodeCount: nodes.count, edges: edges, undirected: undirected)
    return (g, report, build, nodes)
}

@Suite struct EdgeListReaderTests {
    @Test func selfLoopsDroppedAndDuplicatesMerged() throws {
        let (g, report, build, nodes) = try graph("# SNAP\n0\t0\n0\t1\n0\t1\n1\t2\n2\t2\n")
        #expect(report.rows == 5)
        #expect(report.selfLoopsDropped == 2)
        #expect(build.duplicatesMerged == 1)
        #expect(g.arcCount == 2)
        #expect(nodes.count == 3)  // a node seen only in a self-loop is still a user
    }

    @Test func undirectedMergesBothDirections() throws {
        let (g, _, build, nodes) = try graph("a b\nb a\nb c\n", undirected: true)
        #expect(build.duplicatesMerged == 1)
        #expect(g.edgeCount == 2)
        #expect(g.arcCount == 4)
        let b = nodes.index(of: "b")!
        #expect(Array(g.outNeighbours(b)) == [nodes.index(of: "a")!, nodes.index(of: "c")!])
    }

    @Test func weightsAutoDetectedAndLargestKept() throws {
        let (g, report, _, nodes) = try graph("source,target,weight\nx,y,0.5\nx,y,2\ny,z,1\n")
        #expect(report.weighted)
        #expect(g.weight(from: nodes.index(of: "x")!, to: nodes.index(of: "y")!) == 2)
        #expect(g.weight(from: nodes.index(of: "y")!, to: nodes.index(of: "x")!) == nil)
        let (unweighted, r2, _, _) = try graph("x,y,0.5\n") { $0.weight = .none }
        #expect(!r2.weighted && !unweighted.isWeighted)
    }

    @Test func konectWithWeightAndTimestampColumns() throws {
        let (g, report, _, _) = try graph("% asym positive\n% 2 3 3\n1 2 1 1200000000\n2 3 4 1200000001\n") { $0.weight = .position(2) }
        #expect(report.rows == 2 && report.weighted)
        #expect(g.nodeCount == 3)
    }

    @Test func badLinesNameFileAndLine() {
        #expect(throws: InputError(file: "edges.txt", line: 3, "expected at least 2 columns (source, target), found 1")) {
            try graph("# c\n1 2\n3\n")
        }
        #expect(throws: InputError(file: "edges.txt", line: 2, "weight 'heavy' is not a finite number")) {
            try graph("1 2 1\n2 3 heavy\n")
        }
        #expect(throws: InputError(file: "edges.txt", line: 1, "weight -1.0 must be positive")) { try graph("1 2 -1\n") }
        #expect(throws: InputError(file: "edges.txt", "no edges: the file has no data lines")) { try graph("# only a comment\n") }
    }
}

@Suite struct CSRInvariantTests {
    /// A random directed multigraph with self-loops, to check the CSR against a plain set of arcs.
    @Test func matchesASetOfArcs() throws {
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var text = ""
        var arcs = Set<[Int]>()
        for _ in 0..<3000 {
            let a = next(200), b = next(200)
            text += "\(a) \(b)\n"
            if a != b { arcs.insert([a, b]) }
        }
        let (g, _, build, nodes) = try graph(text)
        #expect(g.arcCount == arcs.count)
        var seen = Set<[Int]>()
        for u in 0..<Int32(g.nodeCount) {
            let out = Array(g.outNeighbours(u))
            #expect(out == out.sorted() && Set(out).count == out.count)
            for v in out {
                seen.insert([Int(nodes.externalID(u))!, Int(nodes.externalID(v))!])
                #expect(g.inNeighbours(v).contains(u))
            }
            #expect(g.inDegree(u) == Array(g.inNeighbours(u)).count)
        }
        #expect(seen == arcs)
        #expect(build.duplicatesMerged == 3000 - arcs.count - text.split(separator: "\n").filter { l in
            let p = l.split(separator: " "); return p[0] == p[1]
        }.count)
        // Out + in lists of Int32 plus per-node offsets: 8 bytes per arc and a little per node.
        #expect(Double(g.storageBytes - 2 * (g.nodeCount + 1) * 8) / Double(g.arcCount) <= 8)
    }
}
