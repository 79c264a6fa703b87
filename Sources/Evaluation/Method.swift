import Foundation
import Recommenders
import SocialGraph

/// Every method socialrec knows, as a value: its name, the settings it may choose among on
/// validation users and its constructor. `evaluate --methods`, `recommend --method`, `predict
/// --method`, the library and the tests all read this one list; adding a method is one case here.
public enum Method: String, CaseIterable, Sendable, Codable {
    case mostPopular = "most-popular"
    case socialPopularity = "social-popularity"
    case itemKNN = "item-knn"
    case userKNN = "user-knn"
    case bprMF = "bpr-mf"
    case ials
    case socialMF = "social-mf"
    case itemMean = "item-mean"
    case content
    case contentSocial = "content-social"
    case socialMAML = "social-maml"
    case maml
    case socialFOMAML = "social-fomaml"
    case fomaml
    case socialReptile = "social-reptile"
    case reptile

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
    public static func list(_ names: String) throws -> [Method] {
        let methods = try names.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let method = Method(rawValue: name) else { throw UnknownMethod(name: name) }
            return method
        }
        return methods
    }

    public struct UnknownMethod: Error, CustomStringConvertible {
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
    public func run(_ methods: [Method]) throws -> EvaluationResult { try run(methods.map(\.spec)) }
}

extension EvaluationResult {
    /// The estimate of a method of the registry.
    public func estimate(_ method: Method, k: Int, _ metric: Metric, bucket: FriendBucket = .all) -> Estimate? {
        estimate(method.name, k: k, metric, bucket: bucket)
    }
}
