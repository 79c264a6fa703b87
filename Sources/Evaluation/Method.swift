import Foundation
import Recommenders
import SocialGraphModule

/// Every method socialrec knows, as a value: its name, the settings it may choose among on
/// validation users and its constructor. `evaluate --methods`, `recommend --method`, `predict
/// --method`, the library and the tests all read this one list. A baseline says all of that in its
/// own file (`RegisteredBaseline`), and the build finds it there (the BaselineRegistry plugin): adding
/// one is that file and its tests.
public struct Method: Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The name on the command line and in results, such as "item-knn".
    public let name: String
    private let kind: Kind

    private enum Kind: Sendable {
        case baseline(any RegisteredBaseline.Type)
        case metaLearner(MetaLearningMethod)
    }

    /// A baseline under its own name.
    /// - Parameter baseline: the baseline's type, which carries its name, grid and constructor.
    public init(_ baseline: (some RegisteredBaseline).Type) {
        name = baseline.methodName
        kind = .baseline(baseline)
    }

    /// A meta-learner, trained per seed under the protocol and by `socialrec train` for serving.
    /// - Parameter metaLearner: the algorithm, social or not.
    public init(_ metaLearner: MetaLearningMethod) {
        name = metaLearner.rawValue
        kind = .metaLearner(metaLearner)
    }

    /// The method of the registry named `name`; nil for a name it does not know.
    /// - Parameter name: a name such as "item-knn", spelt as `name` spells it.
    public init?(name: String) {
        guard let method = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = method
    }

    /// The baselines, in the order of the tables and of `--methods`' help: every `RegisteredBaseline`
    /// of Recommenders, by `listPosition`, then by name.
    public static let baselines: [Method] = discoveredBaselines
        .sorted { ($0.listPosition, $0.methodName) < ($1.listPosition, $1.methodName) }
        .map { Method($0) }
    /// The meta-learners, after the baselines.
    public static let metaLearners = MetaLearningMethod.allCases.map(Method.init)
    /// Every method, baselines first.
    public static let allCases = baselines + metaLearners

    /// The meta-learner behind this method (nil for the baselines): trained per seed under the
    /// protocol, and by `socialrec train` for serving.
    public var metaLearning: MetaLearningMethod? {
        if case .metaLearner(let method) = kind { method } else { nil }
    }

    /// Whether it reads item features (without them it is a popularity ranking, or the vote).
    public var usesContent: Bool {
        if case .baseline(let baseline) = kind { baseline.needsItemFeatures } else { false }
    }

    /// Every method worth running on a dataset: the content methods only where items have features.
    /// - Parameter dataset: the dataset the methods would run on; only whether its items have features is read.
    /// - Returns: The registry's methods in its order, less those that need features the dataset lacks.
    public static func applicable(to dataset: SocialDataset) -> [Method] {
        allCases.filter { !$0.usesContent || !dataset.itemFeatures.isEmpty }
    }

    /// Whether it predicts ratings on the dataset's scale (`socialrec predict`).
    public var predictsRatings: Bool {
        if case .baseline(let baseline) = kind { baseline is any RatingPredictor.Type } else { false }
    }

    /// Under the protocol: the configurations to choose from on validation users, each with its
    /// constructor.
    public var spec: MethodSpec {
        switch kind {
        case .baseline(let baseline): Self.spec(baseline)
        case .metaLearner(let method): MetaMethods.spec(method)
        }
    }

    private static func spec<Baseline: RegisteredBaseline>(_: Baseline.Type) -> MethodSpec {
        MethodSpec(name: Baseline.methodName, configurations: Baseline.grid.map { configuration in
            .init(label: configuration.description) { Baseline($0.visible, configuration: configuration, seed: $0.seed) }
        })
    }

    /// The method fitted on everything `visible` holds with its default settings, for serving
    /// (`recommend --method`, `predict`). nil for the meta-learners: they are trained with
    /// `socialrec train` and served from its checkpoint.
    /// - Parameters:
    ///   - visible: everything the method may learn from and look at: interactions, graph and any item features.
    ///   - seed: for the method's own random draws, so that the same seed fits the same model; 1 by default, and
    ///     ignored by the methods that draw nothing.
    /// - Returns: The fitted baseline, or nil for a meta-learner.
    public func recommender(on visible: VisibleData, seed: UInt64 = 1) -> (any Recommender)? {
        guard case .baseline(let baseline) = kind else { return nil }
        return Self.fitted(baseline, on: visible, seed: seed)
    }

    private static func fitted<Baseline: RegisteredBaseline>(_: Baseline.Type, on visible: VisibleData, seed: UInt64) -> Baseline {
        Baseline(visible, configuration: Baseline.defaultConfiguration, seed: seed)
    }

    /// The methods of a comma-separated list, in the order given.
    /// - Parameter names: names such as "item-knn, bpr-mf", spaces around each allowed; an entry of nothing or
    ///   spaces only is skipped, so an empty string gives no methods.
    /// - Returns: The methods, one per non-empty entry.
    /// - Throws: `UnknownMethod` for the first name the registry does not know.
    public static func list(_ names: String) throws -> [Method] {
        try names.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { name in
            guard let method = Method(name: name) else { throw UnknownMethod(name: name) }
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

    /// The method's name.
    public var description: String { name }

    /// Methods are the same when their names are: the registry names each once.
    /// - Parameters:
    ///   - a: one method.
    ///   - b: the other.
    /// - Returns: Whether the two have the same name.
    public static func == (a: Method, b: Method) -> Bool { a.name == b.name }
    /// Hashes the name.
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Encoded as its name.
    /// - Parameter encoder: where the name goes.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decoded from its name.
    /// - Parameter decoder: where the name comes from.
    /// - Throws: `DecodingError.dataCorrupted` for a name the registry does not know.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let method = Method(name: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: UnknownMethod(name: name).description)
        }
        self = method
    }
}

extension Method {
    /// Items by how many visible users chose them: the same list for everyone.
    public static let mostPopular = Method(MostPopular.self)
    /// Friends' items weighted by tie strength, then friends of friends', then popularity: the vote the
    /// meta-learners start from.
    public static let socialPopularity = Method(SocialPopularity.self)
    /// Item-based nearest neighbours on who chose what: items like the person's support items.
    public static let itemKNN = Method(ItemKNN.self)
    /// User-based nearest neighbours on who chose what, friends ignored: taste alone.
    public static let userKNN = Method(UserKNN.self)
    /// BPR matrix factorisation with item biases, the person's vector fitted on their support set.
    public static let bprMF = Method(BPRMF.self)
    /// Implicit ALS: confidence-weighted matrix factorisation, the person folded in from their support items.
    public static let ials = Method(ImplicitALS.self)
    /// SocialMF: matrix factorisation that pulls each person's vector toward their friends'; also predicts
    /// ratings.
    public static let socialMF = Method(SocialMF.self)
    /// The damped item mean, shifted by how the person rates: a rating baseline, not a serious ranker.
    public static let itemMean = Method(ItemMean.self)
    /// Items whose features match the person's known items, popularity ordering the rest; needs item features.
    public static let content = Method(ContentBased.self)
    /// Social popularity's vote re-weighted by how well each item's features match the person's profile;
    /// needs item features.
    public static let contentSocial = Method(ContentSocial.self)
    /// `MetaLearningMethod.socialMAML`, trained per seed (the default of `socialrec train`).
    public static let socialMAML = Method(MetaLearningMethod.socialMAML)
    /// `MetaLearningMethod.maml`, social-maml's twin without friends.
    public static let maml = Method(MetaLearningMethod.maml)
    /// `MetaLearningMethod.socialFOMAML`, first order.
    public static let socialFOMAML = Method(MetaLearningMethod.socialFOMAML)
    /// `MetaLearningMethod.fomaml`, first order without friends.
    public static let fomaml = Method(MetaLearningMethod.fomaml)
    /// `MetaLearningMethod.socialReptile`.
    public static let socialReptile = Method(MetaLearningMethod.socialReptile)
    /// `MetaLearningMethod.reptile`, without friends.
    public static let reptile = Method(MetaLearningMethod.reptile)
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
