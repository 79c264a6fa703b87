import Testing
@testable import GraphFeatures
@testable import RecData
@testable import SocialGraphModule

@Suite struct GraphFeaturesTests {
    /// u0's friends u1, u2, u3 (u3 has no interactions); u1 and u2 are friends; u4 is u1's friend.
    static func toy() -> (SocialGraph, InteractionIndex) {
        var edges = EdgeList()
        for (a, b) in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 4)] { edges.sources.append(Int32(a)); edges.targets.append(Int32(b)) }
        let graph = SocialGraph(nodeCount: 5, edges: edges, undirected: true)
        var interactions = Interactions(feedback: .implicit)
        for (u, i) in [(0, 0), (1, 1), (1, 2), (2, 1), (4, 3), (4, 1)] {
            interactions.append(user: Int32(u), item: Int32(i), value: 1, timestamp: nil)
        }
        return (graph, InteractionIndex(interactions, userCount: 5, itemCount: 5))
    }

    @Test func friendsRankedAndSilentFriendsDropped() {
        let (graph, index) = Self.toy()
        let friends = FriendSelection(graph: graph, interactions: index).friends(of: 0)
        // u1 and u2 share one friend each way (Adamic–Adar equal); u1 has more interactions.
        #expect(friends.map(\.friend) == [1, 2])
        #expect(FriendSelection(graph: graph, interactions: index, maxFriends: 1).friends(of: 0).map(\.friend) == [1])
        let named = FriendSelection(graph: graph, interactions: index).friends(named: [2, 1, 3])
        #expect(named.map(\.friend) == [1, 2])
        #expect(named[0].tie.commonNeighbours == 1)  // u2 is among the named friends and a friend of u1
    }

    @Test func tieFeatureRows() {
        let (graph, index) = Self.toy()
        let friends = FriendSelection(graph: graph, interactions: index).friends(of: 0)
        let m = TieFeatures.matrix(friends: friends, ppr: [1: 0.2, 2: 0.1], supportItems: [1], interactions: index)
        #expect(m.count == 2 * TieFeatures.width)
        #expect(m[0] == 1)                       // bias
        #expect(m[4] == 1 && m[7 + 4] == 0.5)     // PPR relative to the strongest friend
        #expect(m[5] == 1)                       // undirected ties are reciprocated
        #expect(m[6] == 1 && m[7 + 6] == 1)       // both chose the support item 1
        #expect(m.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func pairFeatureRows() {
        let (graph, index) = Self.toy()
        let friends = FriendSelection(graph: graph, interactions: index).friends(of: 0)
        let vote = SocialVote(user: 0, friends: [1, 2], ties: nil, reach: [], twoHopWeight: 0)
        let features = PairFeatures(friends: friends, vote: vote, twoHop: [(node: 4, score: 0.05)], friendCount: 3,
                                    supportItems: [2, 2], interactions: index)
        let w = PairFeatures.width
        let m = features.matrix([1, 3, 4])
        // Item 1: both friends and the 2-hop user chose it; the most popular; item 2's only
        // co-occurring item.
        #expect(Array(m[0..<5]) == [1, 1, 1, 1, 1])
        // Item 3: only the 2-hop user; item 4: nobody, and no popularity.
        #expect(m[w] == 0 && m[w + 2] == 1 && m[w + 4] == 0)
        #expect(Array(m[(2 * w)..<(2 * w + 5)]) == [0, 0, 0, 0, 0])
        // Per-user constants on every row: three friends, one known item (repeats dropped).
        for r in 0..<3 {
            #expect(m[r * w + 6] == Float(log1p(3.0) / log1p(100)))
            #expect(m[r * w + 7] == Float(log1p(1.0) / log1p(10)))
        }
        #expect(features.touchedItems == [1, 2, 3])
        #expect(!features.isTouched(4) && !features.isTouched(0))
    }

    @Test func selectionKeepsTheSameNeighboursAsAFullSort() {
        // 60 users, 200 items, random choices: item 0 co-occurs with most of the catalogue.
        var random = SplitMix64(seed: 3)
        var interactions = Interactions(feedback: .implicit)
        for u in 0..<60 {
            interactions.append(user: Int32(u), item: 0, value: 1, timestamp: nil)
            var seen: Set<Int32> = [0]
            for _ in 0..<15 {
                let i = Int32(random.below(200))
                if seen.insert(i).inserted { interactions.append(user: Int32(u), item: i, value: 1, timestamp: nil) }
            }
        }
        let index = InteractionIndex(interactions, userCount: 60, itemCount: 200)
        for k in [1, 7, 40, 500] {
            let selected = ItemSimilarity(interactions: index, neighbours: k, shrinkage: 2).neighbours(of: 0)
            let all = ItemSimilarity(interactions: index, neighbours: 1_000, shrinkage: 2).neighbours(of: 0)
            #expect(selected.map(\.item) == Array(all.prefix(k)).map(\.item), "k = \(k)")
            #expect(selected.count == min(k, all.count))
        }
    }

    @Test func keptRowsGiveTheDefinitionsSimilaritiesWithTheUserLeftOut() {
        var random = SplitMix64(seed: 5)
        var interactions = Interactions(feedback: .implicit)
        for u in 0..<40 {
            var seen: Set<Int32> = []
            for _ in 0..<12 {
                let i = Int32(random.below(30))
                if seen.insert(i).inserted { interactions.append(user: Int32(u), item: i, value: 1, timestamp: nil) }
            }
        }
        let index = InteractionIndex(interactions, userCount: 40, itemCount: 30)
        // sim(s, j) = |U_s ∩ U_j| / (√(|U_s| |U_j|) + shrinkage), with the user in none of the sets.
        func definition(_ s: Int32, without user: Int32?) -> [Int32: Float] {
            func choosers(_ i: Int32) -> Set<Int32> { Set(index.users(of: i)).subtracting(user.map { [$0] } ?? []) }
            let us = choosers(s)
            var out: [Int32: Float] = [:]
            for j in 0..<Int32(30) where j != s {
                let uj = choosers(j), together = us.intersection(uj).count
                if together > 0 { out[j] = Float(together) / ((Float(us.count) * Float(uj.count)).squareRoot() + 3) }
            }
            return out
        }
        // Few neighbours stop the search early; many read every row to the end.
        for neighbours in [1, 3, 8, 1_000] {
            let kept = ItemSimilarity(interactions: index, neighbours: neighbours, shrinkage: 3)
            let counted = ItemSimilarity(coOccurrence: CoOccurrenceRows(index, budget: 0), neighbours: neighbours, shrinkage: 3)
            for user in [nil, 0, 7, 39] as [Int32?] {
                let support = user.map { Array(index.items(of: $0).prefix(4)) } ?? [0, 5, 11]
                for similarity in [kept, counted, kept] {
                    var found: [(Int32, Float)] = []
                    similarity.forEachNeighbour(ofEach: support, excluding: user) { found.append(($0, $1)) }
                    let expected = support.flatMap { s in
                        definition(s, without: user).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(neighbours)
                    }
                    #expect(found.map(\.0) == expected.map(\.key), "user \(String(describing: user))")
                    #expect(zip(found, expected).allSatisfy { abs($0.1 - $1.value) <= 1e-6 * $1.value })
                }
            }
        }
    }

    @Test func itemSlotsAnswerAsADictionaryThroughEveryGrowth() {
        var random = SplitMix64(seed: 9)
        var slots = ItemSlots(), reference: [Int32: Int32] = [:]
        for _ in 0..<20_000 {
            let item = Int32(random.below(1 << 30))
            if reference[item] == nil {
                reference[item] = Int32(reference.count)
                slots.insert(item, slot: reference[item]!)
            }
        }
        #expect(slots.count == reference.count)
        #expect(reference.allSatisfy { slots[$0.key] == $0.value })
        #expect((0..<1_000).allSatisfy { _ in let item = Int32(random.below(1 << 30)); return slots[item] == reference[item] })
    }

    @Test func voteIsSocialPopularitysScoreScaledByAPowerOfTwo() {
        let (graph, index) = Self.toy()
        let ties = [graph.tieStrength(0, 1), graph.tieStrength(0, 2)]
        let reach: [(node: Int32, score: Double)] = [(0, 0.5), (1, 0.2), (4, 0.1), (2, 0.05)]
        let vote = SocialVote(user: 0, friends: [1, 2], ties: ties, reach: reach, twoHopWeight: 0.5)
        // Friends first with 1 + Adamic–Adar, then the people beyond (u4 alone) relative to the top.
        #expect(vote.voters.map(\.person) == [1, 2, 4])
        #expect(vote.voters[2].weight == 0.5)
        let features = PairFeatures(friends: [], vote: vote, twoHop: [], friendCount: 2, supportItems: [], interactions: index)
        let floor = { (i: Int32) in SocialVote.popularityFloor(popularity: index.popularity(i), maxPopularity: 3) }
        var sums = [Float](repeating: 0, count: 5)
        vote.forEachVote(index) { i, weight in sums[Int(i)] += weight }
        let top = floor(1) + sums[1]
        let scale = Float(sign: .plus, exponent: -top.exponent - 1, significand: 1)
        for i in Int32(0)..<5 {
            // The same float as social popularity's score, times an exact power of two.
            #expect(features.socialVote(i) == (floor(i) + sums[Int(i)]) * scale)
        }
        #expect(features.socialVote(1) >= 0.5 && features.socialVote(1) < 1)
        #expect(features.socialVote(4) == 0)
    }
}

#if canImport(Glibc)
import Glibc
#endif
