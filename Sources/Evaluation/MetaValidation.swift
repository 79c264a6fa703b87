import RecData
import Recommenders
import SocialGraph

/// The score that early stopping and model selection read: mean validation NDCG@10 over the
/// support sizes a meta-learner is judged at (k = 0, 1 and 3), on at most `maxUsers` validation
/// users drawn with the split's seed. A model tuned at k = 3 alone can lose the people it exists
/// for, those with friends and nothing else; and a validation pass over every validation user of a
/// large dataset costs more than the training it checks.
public struct MetaValidation: Sendable, TrainingValidation {
    public static let supportSizes = [0, 1, 3]
    public static let maxUsers = 500
    /// Choosing among the untrained priors reads fewer users: the candidates differ by more.
    public static let maxPriorUsers = 300

    let split: ColdStartSplit
    let interactions: Interactions
    var users: [Int32]
    let visible: [(k: Int, data: VisibleData)]
    let threshold: Float?

    /// `interactions` are all of them (the validation users' queries are read from them, never
    /// shown to a model); `training` is what the model was trained on.
    public init(interactions: Interactions, training: VisibleData, split: ColdStartSplit, threshold: Float?, seed: UInt64,
                supportSizes: [Int] = MetaValidation.supportSizes, maxUsers: Int = MetaValidation.maxUsers) {
        self.split = split
        self.interactions = interactions
        self.threshold = threshold
        // A seeded order, so that any prefix (`subset`) is a random draw too.
        var rng = SplitMix64(seed: seed, path: 0x7A11D)
        users = Array(rng.shuffled(split.users(.validation)).prefix(maxUsers))
        visible = supportSizes.map { k in
            (k, VisibleData(graph: training.graph,
                            interactions: InteractionIndex(interactions, userCount: training.userCount, itemCount: training.itemCount,
                                                           rows: split.visibleRows(interactions, k: k)),
                            feedback: training.feedback))
        }
    }

    /// The same score on the first `maxPriorUsers` of these users (already a seeded draw).
    public func forPriors() -> MetaValidation {
        var smaller = self
        smaller.users = Array(users.prefix(Self.maxPriorUsers))
        return smaller
    }

    /// NDCG@10 at each support size (of `supportSizes`, or all) of `model` adapted on each
    /// validation user.
    public func scores(_ model: SocialMetaModel, supportSizes: [Int]? = nil) -> ValidationScores {
        let scored = visible.filter { supportSizes?.contains($0.k) ?? true }
        return ValidationScores(supportSizes: scored.map(\.k), perUser: scored.map { k, data in
            MetaMethods.ndcgPerUser(SocialMetaRecommender(model: model, data: data), users: users, split: split,
                                    interactions: interactions, k: k, threshold: threshold)
        })
    }
}
