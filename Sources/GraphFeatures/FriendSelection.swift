import RecData
import SocialGraphModule

/// Which friends form a user's task context, and how their ties look.
///
/// Friends are the user's neighbours ignoring direction, capped at `maxFriends`: ranked by
/// Adamic–Adar with the user (shared friends who are themselves selective count most), then by
/// whether the tie is mutual, then by how much the friend has done (a friend with no visible
/// interactions brings nothing to a task), then by index. Friends with no visible interactions are
/// dropped.
public struct FriendSelection: Sendable {
    /// Whose ties are ranked.
    public let graph: SocialGraph
    /// What the friends have done, visible at this moment.
    public let interactions: InteractionIndex
    /// How many friends `friends(among:)` keeps.
    public var maxFriends: Int

    /// - Parameters:
    ///   - graph: the social graph.
    ///   - interactions: the visible interactions (friends with none are dropped).
    ///   - maxFriends: how many friends to keep.
    public init(graph: SocialGraph, interactions: InteractionIndex, maxFriends: Int = 20) {
        self.graph = graph
        self.interactions = interactions
        self.maxFriends = maxFriends
    }

    /// The user's context friends with their tie strengths, best first.
    public func friends(of user: Int32) -> [(friend: Int32, tie: TieStrength)] {
        friends(among: ties(of: user))
    }

    /// Every neighbour of `user` with the tie's strength, in the graph's order.
    public func ties(of user: Int32) -> [(friend: Int32, tie: TieStrength)] {
        let friends = graph.neighbours(user)
        return zip(friends, graph.tieStrengths(user, to: friends)).map { (friend: $0, tie: $1) }
    }

    /// The context friends among ties already measured (`ties(of:)`), best first.
    public func friends(among ties: [(friend: Int32, tie: TieStrength)]) -> [(friend: Int32, tie: TieStrength)] {
        rank(ties.map { ($0.friend, $0.tie) })
    }

    /// A newcomer's named friends (not in the graph as a user), ranked the same way; their ties are
    /// measured as shared friends within the named list.
    public func friends(named: [Int32]) -> [(friend: Int32, tie: TieStrength)] {
        let named = Array(Set(named)).sorted()
        let mine = Set(named)
        return rank(named.map { v in
            let theirs = graph.neighbours(v)
            let common = theirs.filter(mine.contains)
            let adamicAdar = common.reduce(0.0) { sum, w in
                let d = graph.undirectedDegree(w)
                return d > 1 ? sum + 1 / log(Double(d)) : sum
            }
            let union = mine.count + theirs.count - common.count
            return (v, TieStrength(commonNeighbours: common.count, jaccard: union == 0 ? 0 : Double(common.count) / Double(union),
                                   adamicAdar: adamicAdar, reciprocated: false))
        })
    }

    private func rank(_ candidates: [(Int32, TieStrength)]) -> [(friend: Int32, tie: TieStrength)] {
        candidates
            .filter { interactions.activity($0.0) > 0 }
            .sorted { a, b in
                if a.1.adamicAdar != b.1.adamicAdar { return a.1.adamicAdar > b.1.adamicAdar }
                if a.1.reciprocated != b.1.reciprocated { return a.1.reciprocated }
                let ca = interactions.activity(a.0), cb = interactions.activity(b.0)
                return ca != cb ? ca > cb : a.0 < b.0
            }
            .prefix(maxFriends)
            .map { (friend: $0.0, tie: $0.1) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
