import MetaLearning

/// The meta-learning methods, social and not: the non-social ones are the twins the social inner
/// loop is measured against (same model, no context sets, no friend features).
public enum SocialMetaMethod: String, Sendable, Codable, CaseIterable {
    case socialMAML = "social-maml"
    case maml
    case socialFOMAML = "social-fomaml"
    case fomaml
    case socialReptile = "social-reptile"
    case reptile

    public var algorithm: MetaAlgorithm {
        switch self {
        case .socialMAML, .maml: return .maml
        case .socialFOMAML, .fomaml: return .firstOrderMAML
        case .socialReptile, .reptile: return .reptile
        }
    }

    public var isSocial: Bool { [.socialMAML, .socialFOMAML, .socialReptile].contains(self) }
}

/// Everything that defines a trained social meta-learner; stored with each checkpoint.
public struct SocialMetaConfiguration: Sendable, Codable, Equatable, CustomStringConvertible {
    public var method: SocialMetaMethod = .socialMAML
    /// Item embeddings entering the residual MLP (0: none). With none, an item nothing touches is
    /// scored by its popularity alone, so a full-catalogue ranking costs the touched items plus one
    /// row per distinct popularity.
    public var embeddingWidth = 0
    public var userStateWidth = 16
    public var hiddenWidths = [64, 32]
    public var innerSteps = 1
    /// α: the inner loop's step size.
    public var innerRate: Float = 0.5
    /// Meta-SGD: learn a step size per adapted parameter.
    public var learnsInnerRates = false
    /// Initial λ, the weight of friends' context sets in the inner loss (learned by MAML variants).
    public var contextWeight: Float = 1
    public var metaBatch = 32
    public var learningRate: Float = 3e-3
    public var influenceLearningRate: Float = 3e-2
    public var maxGradientNorm: Float = 10
    /// Reptile's β.
    public var reptileRate: Float = 0.5
    public var epochs = 8
    /// Stop after this many epochs without a better validation NDCG@10.
    public var patience = 2
    /// Support sizes drawn for training tasks, as in the cold-start protocol.
    public var trainingSupportSizes = [0, 1, 3, 5, 10]
    public var maxQuery = 20
    public var maxFriends = 8
    public var itemsPerFriend = 10
    public var negativesPerPositive = 4
    /// The social vote prior's weight on people beyond the friends, as social popularity's.
    public var twoHopWeight: Float = 1
    /// The popularity prior's initial weight (log popularity, relative), beside the vote and
    /// co-occurrence: where friends say little (FilmTrust: half the raters have no tie) the
    /// popular items are the better start.
    public var popularityPrior: Float = 0
    /// Choose `twoHopWeight` and `popularityPrior` on validation users before training, from
    /// `priorGrid`, as the baselines' settings are chosen.
    public var choosesPrior = true
    public static let priorGrid: [(twoHopWeight: Float, popularityPrior: Float)] = [
        (0, 0), (0.2, 0), (1, 0), (0, 1), (0.2, 1), (1, 1),
    ]

    /// The configurations whose untrained models training starts from the best of.
    public var priorCandidates: [SocialMetaConfiguration] {
        guard choosesPrior else { return [self] }
        let grid = method.isSocial ? Self.priorGrid : Self.priorGrid.filter { $0.twoHopWeight == 0 }
        return grid.map { setting in
            var c = self
            (c.twoHopWeight, c.popularityPrior) = setting
            return c
        }
    }
    public var seed: UInt64 = 1
    public var threads = 2

    public init() {}

    public var description: String {
        "\(method.rawValue): emb \(embeddingWidth), state \(userStateWidth), MLP \(hiddenWidths.map(String.init).joined(separator: "-")), "
            + "\(innerSteps) inner step(s) at α \(innerRate), λ₀ \(contextWeight), batch \(metaBatch), lr \(learningRate), "
            + "\(maxFriends) friends × \(itemsPerFriend) items, prior: two-hop \(twoHopWeight), popularity \(popularityPrior)"
    }
}
