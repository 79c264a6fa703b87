import RecData
import Recommenders
import SocialGraph

/// The cold-start protocol's settings (DESIGN: "CS-k").
public struct EvaluationSettings: Sendable, Codable, Equatable {
    public var supportSizes: [Int] = [0, 1, 3, 5, 10]
    /// Seeds 1...seeds: each draws its own test and validation users.
    public var seeds = 3
    public var cutoff = 10
    public var testShare = 0.2
    public var validationShare = 0.1
    public var minimumQuery = 5
    /// Item cold-start: this share of the items is new, hidden from training and support sets,
    /// and NDCG@10 among the new items is reported on its own (nil: no new items; optional so that
    /// results written before it still read).
    public var coldItemShare: Double?
    /// Ratings at or above this are relevant (explicit data); nil picks the dataset's default.
    public var relevanceThreshold: Float?
    /// The support size at which candidates are compared on validation users.
    public var tuningSupportSize: Int?
    /// Score on validation users instead of test users: for developing a method without looking at
    /// the test users. Optimistic for everything tuned on the same users; never for reporting.
    public var scoresValidationUsers = false

    public init() {}

    /// 4 on a 1–5 scale, 3.5 on FilmTrust's 0.5–4, else the top quarter of the scale.
    public func threshold(for feedback: Feedback) -> Float? {
        guard case .explicit(let lo, let hi) = feedback else { return nil }
        if let relevanceThreshold { return relevanceThreshold }
        if lo == 1 && hi == 5 { return 4 }
        if lo == 0.5 && hi == 4 { return 3.5 }
        return lo + 0.75 * (hi - lo)
    }

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
    public let split: ColdStartSplit
    public let interactions: Interactions
    public let k: Int
    public let seed: UInt64
}

/// A method under evaluation, with the configurations to choose from on validation users.
public struct MethodSpec: Sendable {
    public struct Candidate: Sendable {
        public var label: String
        public var make: @Sendable (MethodContext) throws -> any Recommender

        public init(label: String, make: @escaping @Sendable (MethodContext) throws -> any Recommender) {
            self.label = label
            self.make = make
        }
    }

    public var name: String
    public var candidates: [Candidate]

    public init(name: String, candidates: [Candidate]) {
        precondition(!candidates.isEmpty, "a method needs at least one configuration")
        self.name = name
        self.candidates = candidates
    }

    /// A method with nothing to tune.
    public init(name: String, make: @escaping @Sendable (MethodContext) throws -> any Recommender) {
        self.init(name: name, candidates: [Candidate(label: "default", make: make)])
    }
}
