import RecData
import SocialGraphModule

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

    /// The voters for one person: their friends, then the people personalised PageRank reaches
    /// beyond them.
    /// - Parameters:
    ///   - user: the known user, skipped in `reach`; nil for a newcomer.
    ///   - friends: a known user's graph neighbours or a newcomer's named friends, in voting order.
    ///   - ties: the friends' tie strengths, parallel to `friends` (at least as many): each friend's weight is
    ///     1 + Adamic–Adar. nil gives every friend weight 1, as for a newcomer.
    ///   - reach: personalised PageRank from the user, highest score first (empty for a newcomer). The friends and the
    ///     user are skipped; the first of the rest is taken as the highest and the others weigh in proportion to it.
    ///   - twoHopWeight: the weight of the highest-scored person beyond the friends; 0 or less ignores `reach`.
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
    /// - Parameters:
    ///   - interactions: who chose what; each voter's items are read from it.
    ///   - add: receives an item and the weight of the voter who chose it, voters in `voters` order and each voter's
    ///     items in the order indexed; an item chosen by several voters comes once per voter.
    @inlinable
    public func forEachVote(_ interactions: InteractionIndex, _ add: (Int32, Float) -> Void) {
        for (v, weight) in voters {
            for i in interactions.items(of: v) { add(i, weight) }
        }
    }

    /// The floor every item starts from: a share of its popularity, below any one vote.
    /// - Parameters:
    ///   - popularity: how many people chose the item.
    ///   - maxPopularity: the largest popularity of any item; 0 or less counts as 1.
    /// - Returns: `popularityWeight · popularity / maxPopularity`, at most `popularityWeight` when `popularity` is at most
    ///   `maxPopularity`.
    @inlinable
    public static func popularityFloor(popularity: Int, maxPopularity: Int) -> Float {
        popularityWeight * Float(popularity) / Float(max(1, maxPopularity))
    }
}
