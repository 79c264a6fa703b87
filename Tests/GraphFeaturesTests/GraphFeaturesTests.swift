import Testing
@testable import GraphFeatures
@testable import RecData
@testable import SocialGraph

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
        let features = PairFeatures(friends: friends, twoHop: [(node: 4, score: 0.05)], supportItems: [2],
                                    interactions: index, logMaxPopularity: Float(log1p(3.0)))
        let m = features.matrix([1, 3, 4])
        // Item 1: both friends and the 2-hop user chose it; popularity 3 (the most popular); no voters.
        #expect(Array(m[0..<6]) == [1, 1, 1, 1, 1, 0])
        // Item 3: only the 2-hop user; item 4: nobody.
        #expect(m[6] == 0 && m[8] == 1)
        #expect(Array(m[12..<18]) == [0, 0, 0, 0, 0, 0])
        #expect(Set(features.touchedItems) == [1, 2, 3])
    }

    @Test func voteCountsEveryFriendRelativeToTheTopItem() {
        let (graph, index) = Self.toy()
        let context = FriendSelection(graph: graph, interactions: index, maxFriends: 1).friends(of: 0)
        let features = PairFeatures(friends: context, voters: [(person: 1, weight: 2), (person: 2, weight: 1), (person: 4, weight: 0.5)],
                                    twoHop: [], supportItems: [], interactions: index, logMaxPopularity: 1)
        let m = features.matrix([1, 2, 3, 0])
        let vote = stride(from: 5, to: m.count, by: PairFeatures.width).map { m[$0] }
        // Item 1: u1, u2 and u4 (3.5, the top); item 2: u1 alone (2); item 3: u4 (0.5); item 0: nobody.
        #expect(vote == [1, 2 / 3.5, 0.5 / 3.5, 0])
        // The context is u1 alone: u2's and u4's items are outside the shares, inside the vote.
        #expect(m[2 * PairFeatures.width] == 0)
        #expect(Set(features.touchedItems) == [1, 2, 3])
    }
}

#if canImport(Glibc)
import Glibc
#endif
