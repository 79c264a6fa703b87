import Evaluation
import Foundation
import RecData
import Recommenders
import SampleData
import SocialGraph

/// The catalogue-scale rows: `socialrec generate --preset catalogue` (22k users, 250k items, 900k
/// interactions, 315k ties), full-catalogue top-10 for 1,000 users, and training with defaults.
enum CatalogueBench {
    static func dataset() throws -> SocialDataset {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("socialrec-bench-catalogue")
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("items.tsv").path) {
            try CatalogueCommunity().write(to: directory)
        }
        var reader = DatasetReader()
        reader.graphFile = directory.appendingPathComponent("edges.tsv").path
        reader.interactionsFile = directory.appendingPathComponent("interactions.tsv").path
        reader.itemsFile = directory.appendingPathComponent("items.tsv").path
        return try reader.read().0
    }

    /// Top-10 over every item for 1,000 users with 3 known items each, one after another on one
    /// thread, with a model of the default shape (the weights do not change the cost).
    static func rankingRow(_ data: SocialDataset, model: SocialMetaModel) -> BenchRow {
        let index = InteractionIndex(data.interactions, userCount: data.users.count, itemCount: data.items.count)
        let visible = VisibleData(graph: data.graph, interactions: index, feedback: data.interactions.feedback)
        let recommender = SocialMetaRecommender(model: model, data: visible, candidates: .catalogue)
        let users = (0..<Int32(data.users.count)).filter { index.activity($0) >= 3 }
        let sample = stride(from: 0, to: users.count, by: max(1, users.count / 1000)).prefix(1000).map { users[$0] }
        let started = Date()
        for u in sample {
            let top = recommender.recommend(RecommendationRequest(user: u, supportItems: Array(index.items(of: u).prefix(3))), count: 10)
            precondition(top.count == 10)
        }
        let seconds = Date().timeIntervalSince(started)
        return BenchRow(figure: "full-catalogue top-10, \(data.items.count.formatted()) items, \(sample.count) users, one thread, s (ms a user)",
                        measured: "\(format(seconds, 1)) (\(format(1000 * seconds / Double(sample.count), 1)))", target: "≤ 10 s (≤ 10 ms)")
    }

    static func rows(trains: Bool) throws -> [BenchRow] {
        note("catalogue-scale set: generating and reading")
        let data = try dataset()
        let index = InteractionIndex(data.interactions, userCount: data.users.count, itemCount: data.items.count)
        var rows: [BenchRow] = []
        note("catalogue-scale set: implicit ALS")
        let alsStarted = Date()
        let factors = SocialMetaModel.collaborativeFactors(SocialMetaConfiguration(), training: index)
        rows.append(BenchRow(figure: "implicit ALS, 64 factors, 15 sweeps, catalogue-scale set, s",
                             measured: format(Date().timeIntervalSince(alsStarted), 1), target: "—"))
        note("catalogue-scale set: full-catalogue ranking")
        rows.append(rankingRow(data, model: SocialMetaModel(configuration: SocialMetaConfiguration(), itemCount: data.items.count,
                                                            collaborative: factors)))
        guard trains else { return rows }
        note("catalogue-scale set: training with defaults (minutes)")
        let started = Date()
        var lastGood: SocialMetaModel?
        let (_, epochs) = try ServingTraining(dataset: data, configuration: SocialMetaConfiguration())
            .run(onEpoch: { e in note(String(format: "epoch %d validation %.4f %.1f s", e.epoch, e.validation.mean, e.seconds)) },
                 onStep: { _, _ in }, lastGood: &lastGood)
        rows.append(BenchRow(figure: "train, social-maml defaults, catalogue-scale set, 2 threads, s (\(epochs.count - 1) epochs)",
                             measured: format(Date().timeIntervalSince(started), 0), target: "≤ 300 s"))
        return rows
    }
}
