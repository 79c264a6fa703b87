import Dispatch
import Foundation
import GraphFeatures
import Parallelism
import RecData
import Recommenders
import SocialGraphModule

/// Runs the cold-start protocol: for each seed, a split; configurations compared on validation users;
/// the chosen configuration scored on test users at every support size; per-user metrics averaged,
/// then mean and 95% interval over seeds.
public struct ColdStartEvaluation: Sendable {
    /// The data under evaluation: its users are split afresh for each seed, while its social graph stays whole.
    public let dataset: SocialDataset
    /// The protocol to follow: support sizes, seeds, cutoff and the shares of users held out.
    public let settings: EvaluationSettings
    /// Told of each step as it starts (`seed 1: item-knn at k = 3 on 879 test users`), on the calling thread;
    /// nil reports nothing.
    public var progress: (@Sendable (String) -> Void)?
    /// Everything in the dataset, whose graph and item vectors every split's views share.
    let whole: VisibleData

    /// An evaluation of `dataset` under `settings`; builds the view of the whole dataset once, and splits
    /// nothing until asked.
    /// - Parameters:
    ///   - dataset: The data to evaluate on: users, items, interactions, social graph and any item features.
    ///   - settings: The protocol to follow (support sizes, seeds, cutoff, held-out shares); `EvaluationSettings()`
    ///     gives the defaults.
    public init(dataset: SocialDataset, settings: EvaluationSettings) {
        self.dataset = dataset
        self.settings = settings
        whole = VisibleData(dataset)
    }

    /// The split for one seed, sized for the largest support size in the settings: the same seed and data
    /// always give the same held-out users, so every method is scored on the same people.
    public func split(seed: UInt64) -> ColdStartSplit {
        ColdStartSplit(dataset.interactions, userCount: dataset.users.count,
                       maxSupport: settings.supportSizes.max() ?? 0, minimumQuery: settings.minimumQuery,
                       testShare: settings.testShare, validationShare: settings.validationShare,
                       coldItemShare: settings.coldItemShare ?? 0, seed: seed)
    }

    /// What every method is built from at support size k: training users' interactions, and for `visible`
    /// those plus each held-out user's first k.
    /// - Parameters:
    ///   - split: The seed's split, which says who is held out and which items are new.
    ///   - k: The support size: how many of each held-out user's interactions a method may see.
    ///   - seed: Passed on to the methods for their own random draws, so that a run can be repeated.
    public func context(split: ColdStartSplit, k: Int, seed: UInt64) -> MethodContext {
        let interactions = dataset.interactions
        return MethodContext(training: whole.restricted(to: split.trainingRows(interactions), of: interactions),
                             visible: whole.restricted(to: split.visibleRows(interactions, k: k), of: interactions),
                             split: split, interactions: interactions, k: k, seed: seed)
    }

    /// Runs the whole protocol: per seed, each method's configurations are compared on validation users at
    /// `tuningK`, and the one chosen is scored at every support size. Rethrows what a method's constructor throws,
    /// and traps unless `settings` has at least one seed and one support size.
    /// - Parameter methods: The methods to compare, in the order of the result's tables; each needs at least one
    ///   configuration.
    /// - Returns: One value per seed for every method, support size, metric and friend bucket, the users scored,
    ///   and the label of the configuration chosen for each seed.
    /// - Throws: Whatever a configuration's `make` throws, at the first failure, and nothing is returned: for the
    ///   meta-learners, `SocialMetaTrainer.TrainingError` when there is nothing to train on or training diverges.
    ///   The registry's baselines never throw.
    public func run(_ methods: [MethodSpec]) throws -> EvaluationResult {
        // A library caller's settings, checked as the command line checks its flags: a clear trap, not `1...0`.
        precondition(settings.seeds >= 1, "EvaluationSettings.seeds must be at least 1")
        precondition(!settings.supportSizes.isEmpty, "EvaluationSettings.supportSizes must not be empty")
        var perSeed: [String: [Double]] = [:]   // key → one value per seed
        var users: [String: Int] = [:]
        var chosen: [String: [String]] = [:]
        for seed in 1...UInt64(settings.seeds) {
            let split = split(seed: seed)
            let validation = split.users(.validation)
            let scored = settings.scoresValidationUsers ? validation : split.users(.test)
            let scoredName = settings.scoresValidationUsers ? "validation" : "test"
            var contexts: [Int: MethodContext] = [:]
            func contextAt(_ k: Int) -> MethodContext {
                if let c = contexts[k] { return c }
                let c = context(split: split, k: k, seed: seed)
                contexts[k] = c
                return c
            }
            for method in methods {
                var best = method.configurations[0]
                if method.configurations.count > 1 {
                    let k = settings.tuningK
                    var bestScore = -Double.infinity
                    for configuration in method.configurations {
                        progress?("seed \(seed): tuning \(method.name) (\(configuration.label)) on \(validation.count) validation users")
                        let recommender = try configuration.make(contextAt(k))
                        let score = score(recommender, users: validation, split: split, k: k).mean(.ndcg, bucket: .all)
                        if score > bestScore { bestScore = score; best = configuration }
                    }
                }
                chosen[method.name, default: []].append(best.label)
                for k in settings.supportSizes {
                    progress?("seed \(seed): \(method.name) at k = \(k) on \(scored.count) \(scoredName) users")
                    let recommender = try best.make(contextAt(k))
                    let result = score(recommender, users: scored, split: split, k: k, visible: contextAt(k).visible.interactions)
                    for (metric, bucket, value) in result.means() {
                        perSeed[EvaluationResult.key(method.name, k, metric, bucket), default: []].append(value)
                    }
                    for (bucket, count) in result.userCounts { users["\(method.name)|\(k)|\(bucket.rawValue)"] = count }
                }
            }
        }
        return EvaluationResult(settings: settings, methods: methods.map(\.name), perSeed: perSeed,
                                users: users, chosenConfigurations: chosen)
    }

    /// Per-user metrics of one recommender on `users` at support size k, users scored in parallel;
    /// with `visible` (the interactions the recommender saw), the lists' diversity too.
    func score(_ recommender: any Recommender, users: [Int32], split: ColdStartSplit, k: Int, visible: InteractionIndex? = nil) -> UserScores {
        let interactions = dataset.interactions
        let threshold = settings.threshold(for: interactions.feedback)
        let cutoff = settings.cutoff
        let graph = dataset.graph
        let predictor = recommender as? any RatingPredictor
        let tasks = users.map { u in
            let support = split.support(of: u, k: k)
            let query = split.query(of: u, k: k)
            let request = RecommendationRequest(user: u, supportItems: support.map { interactions.items[$0] },
                                                supportValues: support.map { interactions.values[$0] })
            let relevant = Set(query.filter { threshold == nil || interactions.values[$0] >= threshold! }.map { interactions.items[$0] })
            return (request: request, query: query, relevant: relevant)
        }
        let lists = BlockRanking.lists(recommender, requests: tasks.map { $0.relevant.isEmpty ? nil : $0.request }, count: cutoff)
        // Item cold-start: the same people ranking only the new items, scored on the new items they chose.
        let newItems = split.coldItems
        let newRelevant = tasks.map { $0.relevant.filter(split.isColdItem) }
        let newItemLists = newItems.isEmpty ? [] : BlockRanking.lists(recommender, requests: tasks.indices.map { t in
            var request = tasks[t].request
            request.onlyAmong = newItems
            return newRelevant[t].isEmpty ? nil : request
        }, count: cutoff)
        let scores = parallelMap(users.count) { index in
            let (request, query, relevant) = tasks[index]
            var score = UserScore(bucket: FriendBucket(friends: graph.neighbours(users[index]).count))
            if let ranked = lists[index] {
                score.ranked = ranked
                score.metrics = [
                    .ndcg: RankingMetrics.ndcg(ranked, relevant: relevant, at: cutoff),
                    .recall: RankingMetrics.recall(ranked, relevant: relevant, at: cutoff),
                    .hr: RankingMetrics.hitRate(ranked, relevant: relevant, at: cutoff),
                    .mrr: RankingMetrics.reciprocalRank(ranked, relevant: relevant),
                ]
                if !newItemLists.isEmpty, let amongNew = newItemLists[index] {
                    score.metrics[.newItemsNDCG] = RankingMetrics.ndcg(amongNew, relevant: Set(newRelevant[index]), at: cutoff)
                }
            }
            if let predictor, threshold != nil {
                let items = query.map { interactions.items[$0] }
                let predicted = predictor.predictRatings(request, items: items)
                var errors = RatingErrors()
                for (p, r) in zip(predicted, query) { errors.add(predicted: p, actual: interactions.values[r]) }
                score.errors = errors
            }
            return score
        }
        return UserScores(scores: scores, itemCount: dataset.items.count, visible: visible, content: visible == nil ? nil : whole.content)
    }
}

struct UserScore: Sendable {
    var bucket: FriendBucket
    var metrics: [Metric: Double] = [:]
    var ranked: [Int32] = []
    var errors: RatingErrors?
}

struct UserScores {
    var scores: [UserScore]
    let itemCount: Int
    /// What the recommender saw: novelty reads its popularity.
    var visible: InteractionIndex?
    /// The items' feature vectors, for intra-list diversity (nil without features).
    var content: ItemContent?

    func mean(_ metric: Metric, bucket: FriendBucket) -> Double {
        let values = scores.filter { bucket == .all || $0.bucket == bucket }.compactMap { $0.metrics[metric] }
        return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    var userCounts: [FriendBucket: Int] {
        var counts: [FriendBucket: Int] = [.all: scores.filter { !$0.metrics.isEmpty }.count]
        for s in scores where !s.metrics.isEmpty { counts[s.bucket, default: 0] += 1 }
        return counts
    }

    /// Each metric's value per bucket: the per-person metrics as means over people; coverage,
    /// diversity and rating errors over everyone's lists.
    func means() -> [(metric: Metric, bucket: FriendBucket, value: Double)] {
        var out: [(metric: Metric, bucket: FriendBucket, value: Double)] = []
        for bucket in FriendBucket.allCases {
            for metric in Metric.perPerson { out.append((metric, bucket, mean(metric, bucket: bucket))) }
        }
        out.append((.coverage, .all, Double(Set(scores.flatMap(\.ranked)).count) / Double(max(itemCount, 1))))
        if let visible {
            let diversity = DiversityMetrics.ofLists(scores.map(\.ranked).filter { !$0.isEmpty }, itemCount: itemCount,
                                                     popularity: visible.popularity, userCount: visible.userCount)
            out += [(.novelty, .all, diversity.novelty ?? .nan), (.gini, .all, diversity.gini),
                    (.personalisation, .all, diversity.personalisation)]
        }
        if let content {
            let lists = scores.compactMap { DiversityMetrics.intraListDiversity($0.ranked, content: content) }
            out.append((.intraListDiversity, .all, lists.isEmpty ? .nan : lists.reduce(0, +) / Double(lists.count)))
        }
        var errors = RatingErrors()
        var any = false
        for s in scores { if let e = s.errors { any = true; errors.merge(e) } }
        if any { out += [(.rmse, .all, errors.rmse), (.mae, .all, errors.mae)] }
        return out
    }
}
