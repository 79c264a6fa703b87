import RecData
import SocialGraphModule

/// ψ(u, v): the features of a tie that the influence scorer reads, w_uv = softmax_v(a · ψ(u, v)).
/// Each lies roughly in 0...1 so one learned scale fits every dataset.
public enum TieFeatures {
    /// Every feature's name, in column order.
    public static let names = [
        "bias", "common neighbours", "Jaccard", "Adamic–Adar", "personalised PageRank", "reciprocated", "taste overlap",
    ]
    /// How many features a tie has.
    public static var width: Int { names.count }

    /// Row-major `friends.count × width` features: a row per friend in the order given, columns as
    /// in `names`.
    /// - Parameters:
    ///   - friends: the friends, with their ties to the user.
    ///   - ppr: personalised PageRank scores from the user, by node (empty for a newcomer). A friend's is taken relative
    ///     to the highest among the friends; a friend without one scores 0.
    ///   - supportItems: the user's known items: a friend's taste overlap is the share of them the friend chose
    ///     (0 when there are none).
    ///   - interactions: who chose what.
    public static func matrix(
        friends: [(friend: Int32, tie: TieStrength)], ppr: [Int32: Double], supportItems: [Int32],
        interactions: InteractionIndex
    ) -> [Float] {
        let support = Set(supportItems)
        let topPPR = friends.map { ppr[$0.friend] ?? 0 }.max() ?? 0
        var rows: [Float] = []
        rows.reserveCapacity(friends.count * width)
        for (v, tie) in friends {
            let overlap = support.isEmpty ? 0 : Float(interactions.items(of: v).filter(support.contains).count) / Float(support.count)
            rows += [
                1,
                Float(log1p(Double(tie.commonNeighbours)) / log1p(50)),
                Float(tie.jaccard),
                Float(log1p(tie.adamicAdar) / log1p(10)),
                topPPR > 0 ? Float((ppr[v] ?? 0) / topPPR) : 0,
                tie.reciprocated ? 1 : 0,
                overlap,
            ]
        }
        return rows
    }
}

#if canImport(Glibc)
import Glibc
#endif
