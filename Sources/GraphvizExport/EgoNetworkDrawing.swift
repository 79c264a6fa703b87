import RecData
import SocialGraphModule

extension InfluenceDrawing {
    /// The drawing of `ego` in `dataset`: people labelled with their external IDs, ties weighted by
    /// Jaccard similarity of the two neighbourhoods (relative to the strongest tie shown),
    /// `influence` parallel to `ego.members` (the centre's entry is ignored), and recommended items
    /// linked to the drawn friends who chose them.
    /// - Parameters:
    ///   - dataset: the dataset `ego` was taken from, for external IDs, item names and the ties' strengths.
    ///   - ego: the neighbourhood to draw, its centre first; its `omitted` count becomes "N more not shown".
    ///   - influence: each member's influence weight on the centre's recommendations, 0...1, one per `ego.members` (a
    ///     different count is a precondition failure).
    ///   - source: where the weights came from, named in the title and the legend.
    ///   - recommendations: the centre's list, best first, each item with the users who brought it in; users who are
    ///     not drawn are dropped from `broughtBy`. Empty by default: people and ties only.
    public static func egoNetwork(
        _ dataset: SocialDataset, ego: EgoNetwork, influence: [Double], source: InfluenceSource,
        recommendations: [(item: Int32, score: Double, broughtBy: [Int32])] = []
    ) -> InfluenceDrawing {
        precondition(influence.count == ego.members.count, "one influence per member")
        let graph = dataset.graph
        let id = { (u: Int32) in dataset.users.externalID(u) }
        let people = zip(ego.members, zip(ego.hops, influence)).dropFirst().map { member, hopAndInfluence in
            Person(id: id(member), hop: Int(hopAndInfluence.0), influence: hopAndInfluence.1)
        }
        var strengths: [(Int32, Int32, Double)] = []
        var seen = Set<[Int32]>()
        for (i, j) in ego.arcs(in: graph) {
            let a = ego.members[i], b = ego.members[j]
            guard seen.insert([min(a, b), max(a, b)]).inserted else { continue }
            let weight = graph.isWeighted ? Double(graph.weight(from: a, to: b) ?? 1) : 1
            strengths.append((a, b, weight * (0.05 + graph.tieStrength(a, b).jaccard)))
        }
        let strongest = strengths.map(\.2).max() ?? 1
        let ties = strengths.map { Tie(between: id($0.0), and: id($0.1), strength: $0.2 / strongest) }
        let drawn = Set(ego.members)
        let items = recommendations.enumerated().map { rank, r in
            RecommendedItem(id: dataset.items.externalID(r.item), label: dataset.itemName(r.item), rank: rank + 1,
                            score: r.score, broughtBy: r.broughtBy.filter(drawn.contains).map(id))
        }
        let model: String
        switch source {
        case .model(let name): model = "model \(name)"
        case .personalisedPageRank: model = "no trained model"
        }
        return InfluenceDrawing(
            title: "User \(id(ego.centre)) — \(model)", centre: Person(id: id(ego.centre), hop: 0, influence: 1),
            people: people, ties: ties, items: items, influenceSource: source, omittedPeople: ego.omitted)
    }
}
