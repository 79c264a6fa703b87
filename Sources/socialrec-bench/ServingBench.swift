import Evaluation
import Foundation
import RecData
import Recommenders
import SocialGraphModule
import SocialRec

/// Meta-training time on Last.fm, and adapt + top-10 latency for a user with 3 known items.
enum ServingBench {
    static func lastfm(_ datasets: String) throws -> SocialDataset {
        var reader = DatasetReader()
        reader.graphFile = "\(datasets)/lastfm-2k/user_friends.dat"
        reader.undirected = true
        reader.interactionsFile = "\(datasets)/lastfm-2k/user_artists.dat"
        return try reader.read().0
    }

    static func ciao(_ datasets: String) throws -> SocialDataset {
        var reader = DatasetReader()
        reader.graphFile = "\(datasets)/ciao/trust.tsv"
        reader.interactionsFile = "\(datasets)/ciao/ratings.tsv"
        reader.interactionOptions.feedback = .explicit(min: 1, max: 5)
        reader.interactionOptions.skipBad = true
        return try reader.read().0
    }

    static func trainingRows(_ data: SocialDataset) throws -> ([BenchRow], SocialMetaModel) {
        let started = Date()
        var lastGood: SocialMetaModel?
        let (model, epochs) = try ServingTraining(dataset: data, configuration: SocialMetaConfiguration())
            .run(onEpoch: { _ in }, onStep: { _, _ in }, lastGood: &lastGood)
        let seconds = Date().timeIntervalSince(started)
        // The social model's epochs, then its non-social twin's, which training also runs.
        func curve(_ method: MetaLearningMethod) -> String {
            epochs.filter { $0.method == method }.map { format($0.validation.mean, 3) }.joined(separator: " → ")
        }
        return ([BenchRow(figure: "meta-training, Last.fm, social-maml defaults, 2 threads, s (validation NDCG@10 per epoch)",
                          measured: "\(format(seconds, 1)) (\(curve(.socialMAML)); twin \(curve(.maml)))", target: "≤ 60 s")], model)
    }

    /// p50/p99 over users with at least 3 interactions: adapt on 3 of them plus friends, rank 1,000 candidates.
    static func latencyRow(_ data: SocialDataset, model: SocialMetaModel?, label: String, target: String) -> BenchRow {
        let visible = VisibleData(data)
        let index = visible.interactions
        // Latency does not depend on the weights: an untrained model of the default shape stands in
        // where training would cost the benchmark minutes.
        let model = model ?? {
            let c = SocialMetaConfiguration()
            var random = SplitMix64(seed: 1)
            let factors = ALSFactors(itemFactors: (0..<(data.items.count * c.collaborativeFactors)).map { _ in Float(random.normal()) * 0.1 },
                                     itemCount: data.items.count, width: c.collaborativeFactors, regularisation: 0.1, confidence: 10)
            return SocialMetaModel(configuration: c, itemCount: data.items.count, collaborative: factors)
        }()
        let recommender = SocialMetaRecommender(model: model, data: visible, candidates: .graph(limit: 500))
        let users = (0..<Int32(data.users.count)).filter { index.activity($0) >= 3 }
        let sample = stride(from: 0, to: users.count, by: max(1, users.count / 500)).map { users[$0] }
        for u in sample.prefix(20) { _ = recommender.recommend(RecommendationRequest(user: u, supportItems: Array(index.items(of: u).prefix(3))), count: 10) }
        let times = latencies(count: sample.count) { i in
            let u = sample[i]
            let top = recommender.recommend(RecommendationRequest(user: u, supportItems: Array(index.items(of: u).prefix(3))), count: 10)
            precondition(top.count == 10)
        }
        return BenchRow(figure: "adapt + top-10, k = 3, \(label), \(sample.count) users, ms",
                        measured: "p50 \(format(percentile(times, 0.5), 2)), p99 \(format(percentile(times, 0.99), 2))", target: target)
    }
}
