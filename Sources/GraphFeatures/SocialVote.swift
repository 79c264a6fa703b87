import RecData
import SocialGraph

/// Social popularity's score, the one implementation that the `social-popularity` baseline ranks
/// by and that the meta-learner starts from as its prior:
///
///   vote(i) = Σ_friends (1 + Adamic–Adar(u, v)) [v chose i]
///           + twoHopWeight · Σ_{w beyond the friends} ppr(u, w) / max ppr · [w chose i]
///   score(i) = popularityWeight · popularity(i) / max popularity + vote(i)
///
/// Votes are summed from zero in voter order, and the popularity floor is added last, so the
/// baseline's dense scores and the model's sparse prior are the same floats.
public struct SocialVote: Sendable {
    /// The popularity floor's weight: it only orders items with equal votes.
    public static let popularityWeight: Float = 1e-3
    /// Personalised PageRank's tolerance for the people beyond the friends.
    public static let pageRankTolerance = 1e-4

    /// Everyone whose items vote, with their weight, in a fixed order: friends as given, then the
    /// people personalised PageRank reaches, highest first.
    public let voters: [(person: Int32, weight: Float)]

    /// `friends` are a known user's graph neighbours (with `ties` their strengths) or a newcomer's
    /// named friends (weight 1 each); `reach` is personalised PageRank from the user (empty for a
    /// newcomer).
    public init(user: Int32?, friends: [Int32], ties: [TieStrength]?, reach: [(node: Int32, score: Double)], twoHopWeight: Float) {
        var voters: [(person: Int32, weight: Float)] = zip(friends.indices, friends).map { k, v in
            (v, 1 + Float(ties?[k].adamicAdar ?? 0))
        }
        if twoHopWeight > 0 {
            var friendSet = Set(friends)
            if let user { friendSet.insert(user) }
            let beyond = reach.filter { !friendSet.contains($0.node) }
            if let top = beyond.first?.score, top > 0 {
                voters += beyond.map { ($0.node, twoHopWeight * Float($0.score / top)) }
            }
        }
        self.voters = voters
    }

    /// Calls `add(item, weight)` for every voter's every item, in a fixed order.
    @inlinable
    public func forEachVote(_ interactions: InteractionIndex, _ add: (Int32, Float) -> Void) {
        for (v, weight) in voters {
            for i in interactions.items(of: v) { add(i, weight) }
        }
    }

    /// The floor every item starts from: a share of its popularity, below any one vote.
    @inlinable
    public static func popularityFloor(popularity: Int, maxPopularity: Int) -> Float {
        popularityWeight * Float(popularity) / Float(max(1, maxPopularity))
    }
}
