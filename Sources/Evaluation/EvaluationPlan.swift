import RecData
import Recommenders
import SocialGraphModule

/// The cold-start protocol's settings (DESIGN: "CS-k").
public struct EvaluationSettings: Sendable, Codable, Equatable {
    /// The support sizes k scored: how many of each held-out user's interactions a method may see. The
    /// largest also decides who can be held out (they need k + `minimumQuery` interactions).
    public var supportSizes: [Int] = [0, 1, 3, 5, 10]
    /// Seeds 1...seeds: each draws its own test and validation users.
    public var seeds = 3
    /// The length of every ranked list, and so the n of NDCG@n, Recall@n and HR@n.
    public var cutoff = 10
    /// Share of the eligible users held out as test users, whose scores are the ones reported.
    public var testShare = 0.2
    /// Share of the eligible users held out for validation: configurations are chosen on them, never on
    /// test users.
    public var validationShare = 0.1
    /// The fewest query interactions a held-out user keeps at the largest support size; users with fewer
    /// are never held out, so no one is scored on a query of one or two items.
    public var minimumQuery = 5
    /// Item cold-start: this share of the items is new, hidden from training and support sets,
    /// and NDCG@10 among the new items is reported on its own (nil: no new items; optional so that
    /// results written before it still read).
    public var coldItemShare: Double?
    /// Ratings at or above this are relevant (explicit data); nil picks the dataset's default.
    public var relevanceThreshold: Float?
    /// The support size at which configurations are compared on validation users.
    public var tuningSupportSize: Int?
    /// Score on validation users instead of test users: for developing a method without looking at
    /// the test users. Optimistic for everything tuned on the same users; never for reporting.
    public var scoresValidationUsers = false

    /// The defaults: k = 0, 1, 3, 5 and 10, three seeds, top 10, 20% test and 10% validation users.
    public init() {}

    /// 4 on a 1–5 scale, 3.5 on FilmTrust's 0.5–4, else the top quarter of the scale.
    public func threshold(for feedback: Feedback) -> Float? {
        guard case .explicit(let lo, let hi) = feedback else { return nil }
        if let relevanceThreshold { return relevanceThreshold }
        if lo == 1 && hi == 5 { return 4 }
        if lo == 0.5 && hi == 4 { return 3.5 }
        return lo + 0.75 * (hi - lo)
    }

    /// The support size configurations are compared at: `tuningSupportSize`, else the middle of `supportSizes`
    /// (the upper one of the two middle sizes when there is an even number).
    public var tuningK: Int {
        tuningSupportSize ?? supportSizes.sorted()[supportSizes.count / 2]
    }
}

/// What a method is built from for one seed and support size.
public struct MethodContext: Sendable {
    /// Interactions of training users only: what a model may be trained on.
    public let training: VisibleData
    /// Training interactions plus every held-out user's first k: what a method may look at when
    /// it recommends.
    public let visible: VisibleData
    /// The seed's split: who is held out, in which role, and which items are new.
    public let split: ColdStartSplit
    /// Every interaction of the dataset, held-out queries included, that the split's row numbers index; for
    /// scoring on validation users (as meta-learners' early stopping does), never for training.
    public let interactions: Interactions
    /// The support size: how many of each held-out user's interactions `visible` shows.
    public let k: Int
    /// The split's seed, for the method's own random draws, so that the same seed builds the same model.
    public let seed: UInt64
}

/// A method under evaluation, with the configurations to choose from on validation users.
public struct MethodSpec: Sendable {
    /// One configuration of a method: a name for reports, and how to build it.
    public struct Configuration: Sendable {
        /// How the configuration is named in progress lines and among the chosen configurations ("default"
        /// when there is nothing to tune).
        public var label: String
        /// Builds the configuration's recommender for one seed and support size; throws when it cannot (a
        /// meta-learner whose training fails, say).
        /// - Throws: Whatever the configuration's constructor throws (`SocialMetaTrainer.TrainingError` for the
        ///   registry's meta-learners); `ColdStartEvaluation.run` passes it on and stops.
        public var make: @Sendable (MethodContext) throws -> any Recommender

        /// A configuration named `label`, built by `make`.
        /// - Parameters:
        ///   - label: how the configuration is named in progress lines and among the chosen configurations.
        ///   - make: builds the recommender from the context of one seed and support size; called for each seed at
        ///     `tuningK` when the method has other configurations to compare, and at every support size once chosen.
        public init(label: String, make: @escaping @Sendable (MethodContext) throws -> any Recommender) {
            self.label = label
            self.make = make
        }
    }

    /// The method's name in tables, reports and the keys of `perSeed` (for the registry, `Method`'s raw value).
    public var name: String
    /// The configurations to choose among on validation users, never empty; with one, there is no tuning.
    public var configurations: [Configuration]

    /// A method tuned over `configurations`, in order; traps when there are none.
    /// - Parameters:
    ///   - name: the method's name in tables, reports and the keys of `EvaluationResult.perSeed`.
    ///   - configurations: the configurations to choose among on validation users, at least one; on equal validation
    ///     scores the earlier one wins, and with only one there is no tuning.
    public init(name: String, configurations: [Configuration]) {
        precondition(!configurations.isEmpty, "a method needs at least one configuration")
        self.name = name
        self.configurations = configurations
    }

    /// A method with nothing to tune.
    /// - Parameters:
    ///   - name: the method's name in tables, reports and the keys of `EvaluationResult.perSeed`.
    ///   - make: builds the recommender from the context of one seed and support size; its one configuration is
    ///     labelled "default".
    public init(name: String, make: @escaping @Sendable (MethodContext) throws -> any Recommender) {
        self.init(name: name, configurations: [Configuration(label: "default", make: make)])
    }
}
