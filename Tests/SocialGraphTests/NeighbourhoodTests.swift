import Foundation
import Testing
@testable import RecData
@testable import SocialGraphModule

@Suite struct NeighbourhoodTests {
    // c is the centre; f1..f3 friends; g1, g2 friends of friends; x is far away.
    static let text = "c f1\nc f2\nc f3\nf1 f2\nf1 g1\nf2 g1\nf3 g2\ng2 x\n"

    @Test func egoNetworkHopsAndCap() throws {
        let (g, _, _, ids) = try graph(Self.text, undirected: true)
        var builder = EgoNetworkBuilder(graph: g)
        let c = ids.index(of: "c")!
        let one = builder.egoNetwork(of: c, hops: 1)
        #expect(Set(one.members.map(ids.externalID)) == ["c", "f1", "f2", "f3"])
        #expect(one.hops == [0, 1, 1, 1])
        let two = builder.egoNetwork(of: c, hops: 2)
        #expect(two.members.map(ids.externalID) == ["c", "f1", "f2", "f3", "g1", "g2"])
        #expect(two.hops == [0, 1, 1, 1, 2, 2])
        #expect(two.omitted == 0)
        // Cap 5: friends first (higher degree first), then the friend of friend with most links in.
        let capped = builder.egoNetwork(of: c, hops: 2, maxNodes: 5)
        #expect(capped.members.map(ids.externalID) == ["c", "f1", "f2", "f3", "g1"])
        #expect(capped.omitted == 1)
        #expect(builder.egoNetwork(of: c, hops: 2, maxNodes: 2).members.map(ids.externalID) == ["c", "f1"])
        #expect(two.arcs(in: g).count == 2 * 7)  // every edge but g2–x, both directions
    }

    @Test func tieStrength() throws {
        let (g, _, _, ids) = try graph(Self.text, undirected: true)
        let t = g.tieStrength(ids.index(of: "f1")!, ids.index(of: "f2")!)
        // N(f1) = {c, f2, g1}, N(f2) = {c, f1, g1}: common {c, g1}, union of 4.
        #expect(t.commonNeighbours == 2)
        #expect(t.jaccard == 0.5)
        // deg c = 3, deg g1 = 2
        #expect(abs(t.adamicAdar - (1 / log(3.0) + 1 / log(2.0))) < 1e-12)
        #expect(t.reciprocated)
        let (d, _, _, dids) = try graph("a b\nb a\na c\n")
        #expect(d.tieStrength(dids.index(of: "a")!, dids.index(of: "b")!).reciprocated)
        #expect(!d.tieStrength(dids.index(of: "a")!, dids.index(of: "c")!).reciprocated)
    }

    @Test func personalisedPageRankMatchesPowerIteration() throws {
        var text = ""
        var state: UInt64 = 99
        for _ in 0..<400 {
            state = state &* 6364136223846793005 &+ 1
            let a = (state >> 33) % 60
            state = state &* 6364136223846793005 &+ 1
            text += "\(a) \((state >> 33) % 60)\n"
        }
        text += "60 0\n"  // node 60 has an in-arc only if reversed; here it is a source with no in-arcs
        let (g, _, _, _) = try graph(text)
        let n = g.nodeCount, alpha = 0.15, source: Int32 = 0
        // Power iteration of the same walk: teleport with alpha, dangling mass back to the source.
        var p = [Double](repeating: 0, count: n)
        p[Int(source)] = 1
        var ppr = [Double](repeating: 0, count: n)
        for _ in 0..<300 {
            var next = [Double](repeating: 0, count: n)
            for u in 0..<n where p[u] > 0 {
                ppr[u] += alpha * p[u]
                let d = g.outDegree(Int32(u))
                if d == 0 { next[Int(source)] += (1 - alpha) * p[u] } else {
                    for v in g.outNeighbours(Int32(u)) { next[Int(v)] += (1 - alpha) * p[u] / Double(d) }
                }
            }
            p = next
        }
        var push = PersonalisedPageRank(graph: g, teleport: alpha, tolerance: 1e-7)
        let scores = push.scores(from: source)
        let total = scores.reduce(0) { $0 + $1.score }
        #expect(total <= 1 + 1e-9 && total > 0.999)
        for (node, score) in scores { #expect(abs(score - ppr[Int(node)]) < 1e-4) }
        #expect(scores.map(\.score) == scores.map(\.score).sorted(by: >))
        // Reusing the scratch space gives the same answer.
        #expect(push.scores(from: source).map(\.node) == scores.map(\.node))
    }

    @Test func componentsReciprocityDensity() throws {
        let (g, _, _, _) = try graph("a b\nb a\nc d\ne f\nf e\n")
        let (_, sizes) = g.connectedComponents()
        #expect(sizes == [2, 2, 2])
        #expect(g.reciprocity == 0.8)
        #expect(abs(g.density - 5.0 / 30.0) < 1e-12)
    }

    @Test func quantiles() {
        let q = Quantiles([5, 1, 3, 2, 4])
        #expect(q.min == 1 && q.median == 3 && q.max == 5 && q.mean == 3)
        #expect(Quantiles([]).max == 0)
    }
}
