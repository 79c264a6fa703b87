import RecData
import SocialGraph

/// ψ(u, v): the features of a tie that the influence scorer reads, w_uv = softmax_v(a · ψ(u, v)).
/// Each lies roughly in 0...1 so one learned scale fits every dataset.
public enum TieFeatures {
    /// Every feature's name, in column order.
    public static let names = [
        "bias", "common neighbours", "Jaccard", "Adamic–Adar", "personalised PageRank", "reciprocated", "taste overlap",
    ]
    /// How many features a tie has.
    public static var width: Int { names.count }

    /// Row-major `friends.count × width` features. `ppr` holds personalised PageRank scores from
    /// the user (empty for a newcomer); `supportItems` the user's known items.
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
