// What the README's command-line session does, as a library user would write it.
// Usage: swift run ColdStartExample [DATA_FOLDER]   (default: the project's sample, ../data)
import Foundation
import SocialRec

let folder = CommandLine.arguments.dropFirst().first ?? "../data"

// 1. Import a friendship edge list and user–artist plays (Last.fm's format).
let dataset = try SocialDataset.read(graph: "\(folder)/edges.tsv", undirected: true,
                                     interactions: "\(folder)/interactions.tsv", items: "\(folder)/items.tsv")
print("\(dataset.users.count) users, \(dataset.items.count) items, \(dataset.graph.edgeCount) ties")

// 2. Train the social meta-learner with `socialrec train`'s defaults.
let recommender = try SocialRecommender.train(on: dataset) { epoch in
    print("epoch \(epoch.epoch): validation NDCG@10 \(String(format: "%.4f", epoch.validation.mean))")
}

// 3. Recommend for a newcomer with two friends and three items; nothing is stored.
for r in try recommender.recommend(newcomerItems: ["a001", "a002", "a003"], friends: ["u001", "u002"], count: 5) {
    print("\(r.item)  \(r.name ?? "")  brought by \(r.broughtBy.joined(separator: ", "))")
}

// 4. A known user's list, and how much each friend weighed in adapting to them.
let (list, influence) = try recommender.explain(user: "u001", count: 3)
print("u001: \(list.map(\.item).joined(separator: ", ")); influence: "
      + influence.map { "\($0.friend) \(String(format: "%.2f", $0.weight))" }.joined(separator: ", "))

// 5. The cold-start protocol: NDCG@10 on held-out users, against social popularity.
var settings = EvaluationSettings()
(settings.seeds, settings.supportSizes) = (1, [0, 3])
let result = try ColdStartEvaluation(dataset: dataset, settings: settings).run([Method.socialPopularity, .socialMAML])
for method in result.methods {
    let scores = settings.supportSizes.map { k in String(format: "k = %d: %.4f", k, result.estimate(method, k: k, .ndcg)?.mean ?? .nan) }
    print("\(method): NDCG@10 \(scores.joined(separator: ", "))")
}
