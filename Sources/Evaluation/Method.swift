import Foundation
import Recommenders
import SocialGraph

/// Every method socialrec knows, as a value: its name, the settings it may choose among on
/// validation users and its constructor. `evaluate --methods`, `recommend --method`, `predict
/// --method`, the library and the tests all read this one list; adding a method is one case here.
public enum Method: String, CaseIterable, Sendable, Codable {
    /// Items by how many visible users chose them: the same list for everyone.
    case mostPopular = "most-popular"
    /// Friends' items weighted by tie strength, then friends of friends', then popularity: the vote the
    /// meta-learners start from.
    case socialPopularity = "social-popularity"
    /// Item-based nearest neighbours on who chose what: items like the person's support items.
    case itemKNN = "item-knn"
    /// User-based nearest neighbours on who chose what, friends ignored: taste alone.
    case userKNN = "user-knn"
    /// BPR matrix factorisation with item biases, the person's vector fitted on their support set.
    case bprMF = "bpr-mf"
    /// Implicit ALS: confidence-weighted matrix factorisation, the person folded in from their support items.
    case ials
    /// SocialMF: matrix factorisation that pulls each person's vector toward their friends'; also predicts
    /// ratings.
    case socialMF = "social-mf"
    /// The damped item mean, shifted by how the person rates: a rating baseline, not a serious ranker.
    case itemMean = "item-mean"
    /// Items whose features match the person's known items, popularity ordering the rest; needs item features.
    case content
    /// Social popularity's vote re-weighted by how well each item's features match the person's profile;
    /// needs item features.
    case contentSocial = "content-social"
    /// The meta-learner `SocialMetaMethod.socialMAML`, trained per seed (the default of `socialrec train`).
    case socialMAML = "social-maml"
    /// The meta-learner `SocialMetaMethod.maml`, social-maml's twin without friends.
    case maml
    /// The meta-learner `SocialMetaMethod.socialFOMAML`, first order.
    case socialFOMAML = "social-fomaml"
    /// The meta-learner `SocialMetaMethod.fomaml`, first order without friends.
    case fomaml
    /// The meta-learner `SocialMetaMethod.socialReptile`.
    case socialReptile = "social-reptile"
    /// The meta-learner `SocialMetaMethod.reptile`, without friends.
    case reptile

    /// The name on the command line and in results (the raw value, such as "item-knn").
    public var name: String { rawValue }

    /// The meta-learner behind this method (nil for the baselines): trained per seed under the
    /// protocol, and by `socialrec train` for serving.
    public var metaLearning: SocialMetaMethod? { SocialMetaMethod(rawValue: rawValue) }

    /// Whether it reads item features (without them it is a popularity ranking, or the vote).
    public var usesContent: Bool { self == .content || self == .contentSocial }

    /// Every method worth running on a dataset: the content methods only where items have features.
    public static func applicable(to dataset: SocialDataset) -> [Method] {
        allCases.filter { !$0.usesContent || !dataset.itemFeatures.isEmpty }
    }

    /// Whether it predicts ratings on the dataset's scale (`socialrec predict`).
    public var predictsRatings: Bool { self == .socialMF || self == .itemMean }

    /// Under the protocol: the configurations to choose from on validation users, each with its
    /// constructor.
    public var spec: MethodSpec {
        switch self {
        case .mostPopular: MethodSpec(name: name) { MostPopular($0.visible) }
        case .socialPopularity:
            MethodSpec(name: name, candidates: SocialPopularity.grid.map { w in
                .init(label: "two-hop weight \(w)") { SocialPopularity($0.visible, twoHopWeight: w) }
            })
        case .itemKNN: Self.tuned(name, ItemKNN.grid) { ItemKNN($0.visible, configuration: $1, seed: $0.seed) }
        case .userKNN: Self.tuned(name, UserKNN.grid) { UserKNN($0.visible, configuration: $1, seed: $0.seed) }
        case .bprMF: Self.tuned(name, BPRMF.Configuration.grid) { BPRMF($0.visible, configuration: $1, seed: $0.seed) }
        case .ials: Self.tuned(name, ImplicitALS.Configuration.grid) { ImplicitALS($0.visible, configuration: $1, seed: $0.seed) }
        case .socialMF: Self.tuned(name, SocialMF.Configuration.grid) { SocialMF($0.visible, configuration: $1, seed: $0.seed) }
        case .itemMean: Self.tuned(name, ItemMean.Configuration.grid) { ItemMean($0.visible, configuration: $1, seed: $0.seed) }
        case .content:
            MethodSpec(name: name, candidates: ContentBased.grid.map { w in
                .init(label: "popularity weight \(w)") { ContentBased($0.visible, popularityWeight: w) }
            })
        case .contentSocial:
            Self.tuned(name, ContentSocial.grid) { ContentSocial($0.visible, matchWeight: $1.matchWeight, twoHopWeight: $1.twoHopWeight) }
        case .socialMAML, .maml, .socialFOMAML, .fomaml, .socialReptile, .reptile: MetaMethods.spec(metaLearning!)
        }
    }

    /// The method fitted on everything `visible` holds with its default settings, for serving
    /// (`recommend --method`, `predict`). nil for the meta-learners: they are trained with
    /// `socialrec train` and served from its checkpoint.
    /// - Parameters:
    ///   - visible: everything the method may learn from and look at: interactions, graph and any item features.
    ///   - seed: for the method's own random draws, so that the same seed fits the same model; 1 by default, and
    ///     ignored by the methods that draw nothing.
    public func recommender(on visible: VisibleData, seed: UInt64 = 1) -> (any Recommender)? {
        switch self {
        case .mostPopular: MostPopular(visible)
        case .socialPopularity: SocialPopularity(visible)
        case .itemKNN: ItemKNN(visible, seed: seed)
        case .userKNN: UserKNN(visible, seed: seed)
        case .bprMF: BPRMF(visible, seed: seed)
        case .ials: ImplicitALS(visible, seed: seed)
        case .socialMF: SocialMF(visible, seed: seed)
        case .itemMean: ItemMean(visible, seed: seed)
        case .content: ContentBased(visible)
        case .contentSocial: ContentSocial(visible)
        case .socialMAML, .maml, .socialFOMAML, .fomaml, .socialReptile, .reptile: nil
        }
    }

    /// The methods of a comma-separated list, in the order given.
    /// - Parameter names: raw values such as "item-knn, bpr-mf", spaces around each allowed; an entry of nothing or
    ///   spaces only is skipped, so an empty string gives no methods.
    /// - Throws: `UnknownMethod` for the first name the registry does not know.
    public static func list(_ names: String) throws -> [Method] {
        try names.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { name in
            guard let method = Method(rawValue: name) else { throw UnknownMethod(name: name) }
            return method
        }
    }

    /// Thrown by `list` for a name the registry does not know; its description lists the known ones.
    public struct UnknownMethod: Error, CustomStringConvertible {
        /// The name as given, without surrounding spaces.
        public var name: String
        public var description: String {
            "unknown method '\(name)'; known: \(Method.allCases.map(\.name).joined(separator: ", "))"
        }
    }

    /// A method whose configurations are searched on validation users.
    private static func tuned<C: CustomStringConvertible & Sendable>(
        _ name: String, _ grid: [C], make: @escaping @Sendable (MethodContext, C) -> any Recommender
    ) -> MethodSpec {
        MethodSpec(name: name, candidates: grid.map { c in .init(label: c.description) { make($0, c) } })
    }
}

extension ColdStartEvaluation {
    /// `run` over methods of the registry.
    /// - Parameter methods: the methods to compare, in the order of the result's tables.
    /// - Returns: What `run(_:)` with the methods' specs returns: per-seed values keyed by each method's name.
    /// - Throws: `SocialMetaTrainer.TrainingError` when a meta-learner has nothing to train on or its training
    ///   diverges; the baselines never throw.
    public func run(_ methods: [Method]) throws -> EvaluationResult { try run(methods.map(\.spec)) }
}

extension EvaluationResult {
    /// The estimate of a method of the registry.
    /// - Parameters:
    ///   - method: the method, looked up by its name.
    ///   - k: the support size, one of the settings' `supportSizes`.
    ///   - metric: the metric; those that are not per person have a value for `.all` only.
    ///   - bucket: the people it is over, by how many friends they have; everyone by default.
    /// - Returns: The mean over seeds with its 95% interval; nil when the method was not run at k or the metric was
    ///   not measured for it.
    public func estimate(_ method: Method, k: Int, _ metric: Metric, bucket: FriendBucket = .all) -> Estimate? {
        estimate(method.name, k: k, metric, bucket: bucket)
    }
}
