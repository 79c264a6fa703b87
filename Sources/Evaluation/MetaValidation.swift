import RecData
import Recommenders
import SocialGraphModule

/// The score that early stopping and model selection read: mean validation NDCG@10 over the
/// support sizes a meta-learner is judged at (k = 0, 1 and 3), on at most `maxUsers` validation
/// users drawn with the split's seed. A model tuned at k = 3 alone can lose the people it exists
/// for, those with friends and nothing else; and a validation pass over every validation user of a
/// large dataset costs more than the training it checks.
public struct MetaValidation: Sendable, TrainingValidation {
    /// The support sizes a meta-learner is judged at: k = 0 (friends only), 1 and 3.
    public static let supportSizes = [0, 1, 3]
    /// The most validation users a pass reads on any catalogue, unless the caller gives its own `maxUsers`.
    public static let maxUsers = 500
    /// Choosing among the untrained priors reads fewer users: the candidates differ by more.
    public static let maxPriorUsers = 300
    /// A pass ranks the whole catalogue for each user at each support size, so on a large catalogue
    /// it reads fewer users: at most this many (user, item) scores per support size. Last.fm (17k
    /// items) and Ciao (105k) keep 500 users; a 250k-item catalogue reads 240 (144 for the priors).
    public static let maxScoresPerSupportSize = 60_000_000

    /// The validation users read for a catalogue of `itemCount` items (at least 100).
    public static func userLimit(itemCount: Int) -> Int {
        min(maxUsers, max(100, maxScoresPerSupportSize / max(1, itemCount)))
    }

    let split: ColdStartSplit
    let interactions: Interactions
    var users: [Int32]
    /// The most users a pass reads (fewer when there are fewer validation users).
    let userLimit: Int
    let visible: [(k: Int, data: VisibleData)]
    let threshold: Float?

    /// `interactions` are all of them (the validation users' queries are read from them, never
    /// shown to a model); `training` is what the model was trained on.
    /// - Parameters:
    ///   - interactions: every interaction of the dataset, held-out queries included, that `split`'s row numbers index.
    ///   - training: the training users' interactions the model was trained on; each support size's view adds the
    ///     held-out users' first k to it.
    ///   - split: the split whose validation users are read.
    ///   - threshold: ratings at or above this are relevant (explicit data); nil makes every query item relevant.
    ///   - seed: draws which validation users are read, and in what order.
    ///   - supportSizes: the support sizes scored, k = 0, 1 and 3 by default.
    ///   - maxUsers: the most validation users a pass reads; nil takes `userLimit(itemCount:)` of the training
    ///     catalogue.
    public init(interactions: Interactions, training: VisibleData, split: ColdStartSplit, threshold: Float?, seed: UInt64,
                supportSizes: [Int] = MetaValidation.supportSizes, maxUsers: Int? = nil) {
        self.split = split
        self.interactions = interactions
        self.threshold = threshold
        // A seeded order, so that any prefix (`subset`) is a random draw too.
        var rng = SplitMix64(seed: seed, path: 0x7A11D)
        userLimit = maxUsers ?? Self.userLimit(itemCount: training.itemCount)
        users = Array(rng.shuffled(split.users(.validation)).prefix(userLimit))
        visible = supportSizes.map { k in
            (k, training.restricted(to: split.visibleRows(interactions, k: k), of: interactions))
        }
    }

    /// The same score on the first `maxPriorUsers` of these users (already a seeded draw), or
    /// 60% of the limit where the catalogue lowers it below 500.
    public func forPriors() -> MetaValidation {
        var smaller = self
        smaller.users = Array(users.prefix(min(Self.maxPriorUsers, userLimit * 3 / 5)))
        return smaller
    }

    /// NDCG@10 at each support size (of `supportSizes`, or all) of `model` adapted on each
    /// validation user.
    /// - Parameters:
    ///   - model: the model to score, adapted afresh on each user's support set and friends.
    ///   - supportSizes: the support sizes to score, among those given at initialisation (others are skipped);
    ///     nil scores them all.
    /// - Returns: Per support size, in the order given at initialisation, the mean NDCG@10 and each read validation
    ///   user's (those without relevant query items left out).
    public func scores(_ model: SocialMetaModel, supportSizes: [Int]? = nil) -> ValidationScores {
        let scored = visible.filter { supportSizes?.contains($0.k) ?? true }
        return ValidationScores(supportSizes: scored.map(\.k), perUser: scored.map { k, data in
            MetaMethods.ndcgPerUser(SocialMetaRecommender(model: model, data: data), users: users, split: split,
                                    interactions: interactions, k: k, threshold: threshold)
        })
    }
}
