import Evaluation
import Foundation
import RecData
import Recommenders
import SampleData
import SocialGraphModule
import SocialRec

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

    /// Top-10 over every item for 1,000 users with 3 known items each on one thread, one person at
    /// a time and in blocks of 16 (one pass over the item factors per block), with a model of the
    /// default shape (the weights do not change the cost).
    static func rankingRows(_ data: SocialDataset, model: SocialMetaModel) -> [BenchRow] {
        let visible = VisibleData(data)
        let index = visible.interactions
        let recommender = SocialMetaRecommender(model: model, data: visible, candidates: .catalogue)
        let users = (0..<Int32(data.users.count)).filter { index.activity($0) >= 3 }
        let requests = stride(from: 0, to: users.count, by: max(1, users.count / 1000)).prefix(1000).map {
            RecommendationRequest(user: users[$0], supportItems: Array(index.items(of: users[$0]).prefix(3)))
        }
        func row(blockSize: Int, label: String) -> BenchRow {
            let started = Date()
            var lists: [[ScoredItem]] = []
            for start in stride(from: 0, to: requests.count, by: blockSize) {
                lists += recommender.recommend(Array(requests[start..<min(start + blockSize, requests.count)]), count: 10)
            }
            precondition(lists.count == requests.count && lists.allSatisfy { $0.count == 10 })
            let seconds = Date().timeIntervalSince(started)
            return BenchRow(figure: "full-catalogue top-10, \(data.items.count.formatted()) items, \(requests.count) users, one thread, \(label), s (ms a user)",
                            measured: "\(format(seconds, 1)) (\(format(1000 * seconds / Double(requests.count), 1)))", target: "≤ 10 s (≤ 10 ms)")
        }
        return [row(blockSize: 1, label: "one at a time"), row(blockSize: 16, label: "blocks of 16")]
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
        rows += rankingRows(data, model: SocialMetaModel(configuration: SocialMetaConfiguration(), itemCount: data.items.count,
                                                         collaborative: factors))
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
