import MetaLearning

/// The meta-learning methods, social and not: the non-social ones are the twins the social inner
/// loop is measured against (same model, no context sets, no friend features).
public enum MetaLearningMethod: String, Sendable, Codable, CaseIterable {
    /// MAML whose inner loop also adapts on friends' context sets, weighted by learned influence.
    case socialMAML = "social-maml"
    /// MAML on the person's support set alone: `socialMAML`'s non-social twin.
    case maml
    /// First-order MAML (no second derivatives in the meta-gradient) with friends' context sets.
    case socialFOMAML = "social-fomaml"
    /// First-order MAML without friends: `socialFOMAML`'s non-social twin.
    case fomaml
    /// Reptile with friends' context sets in the inner loop; λ and influence stay as initialised.
    case socialReptile = "social-reptile"
    /// Reptile without friends: `socialReptile`'s non-social twin.
    case reptile

    /// The meta-learning algorithm behind the method, social or not.
    public var algorithm: MetaAlgorithm {
        switch self {
        case .socialMAML, .maml: return .maml
        case .socialFOMAML, .fomaml: return .firstOrderMAML
        case .socialReptile, .reptile: return .reptile
        }
    }

    /// Whether the method uses friends: context sets in the inner loop and friend features.
    public var isSocial: Bool { [.socialMAML, .socialFOMAML, .socialReptile].contains(self) }

    /// The same algorithm without friends (a non-social method is its own twin).
    public var twin: MetaLearningMethod {
        switch self {
        case .socialMAML, .maml: return .maml
        case .socialFOMAML, .fomaml: return .fomaml
        case .socialReptile, .reptile: return .reptile
        }
    }
}

/// The loss a meta-learner ranks with.
public enum RankingLoss: String, Sendable, Codable, CaseIterable {
    /// Bayesian personalised ranking against a few sampled negatives per positive.
    case bpr
    /// Sampled softmax against a thousand uniform negatives per task.
    case softmax
}

/// Everything that defines a trained social meta-learner; stored with each checkpoint.
public struct SocialMetaConfiguration: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The meta-learning algorithm, and whether it uses friends.
    public var method: MetaLearningMethod = .socialMAML
    /// Item embeddings entering the residual MLP (0: none). With none, an item nothing touches is
    /// scored by its popularity alone, so a full-catalogue ranking costs the touched items plus one
    /// row per distinct popularity.
    public var embeddingWidth = 0
    /// Width of the meta-learned dot product p_u · f_i + b_i (0: none): item factors and biases
    /// learned by the outer loop, a user factor adapted by the inner loop from its meta-learned start.
    public var itemFactorWidth = 0
    /// Width of the per-person state vector the inner loop adapts (0: none).
    public var userStateWidth = 16
    /// Widths of the residual MLP's hidden layers, in order (1–8 layers).
    public var hiddenWidths = [64, 32]
    /// Gradient steps of the inner loop on each task, in training and when serving.
    public var innerSteps = 1
    /// α: the inner loop's step size.
    public var innerRate: Float = 0.5
    /// Meta-SGD: learn a step size per adapted parameter.
    public var learnsInnerRates = false
    /// Initial λ, the weight of friends' context sets in the inner loss (learned by MAML variants).
    public var contextWeight: Float = 1
    /// Tasks (training users) per meta-gradient step.
    public var metaBatch = 32
    /// Adam's step size for the meta-learned initialisation (and rates and λ where learned).
    public var learningRate: Float = 1e-3
    /// Adam's step size for the influence scorer's weights (social MAML variants only).
    public var influenceLearningRate: Float = 3e-2
    /// The meta-gradient is clipped to this global norm, against divergence (Reptile's step is not).
    public var maxGradientNorm: Float = 10
    /// Reptile's β.
    public var reptileRate: Float = 0.5
    /// The most training epochs; `patience` may stop training sooner.
    public var epochs = 8
    /// Tasks an epoch draws at most (a seeded sample of the training users beyond this): on a
    /// catalogue-scale dataset an epoch over every user costs minutes, and validation between
    /// samples is what tells when to stop.
    public var maxTasksPerEpoch = 8_000
    /// Stop after this many epochs without a better validation NDCG@10.
    public var patience = 2
    /// Support sizes drawn for training tasks, as in the cold-start protocol.
    public var trainingSupportSizes = [0, 1, 3, 5, 10]
    /// The most query items per training task, taken after the support items.
    public var maxQuery = 20
    /// The most context friends per person, strongest ties first.
    public var maxFriends = 8
    /// Items taken from the end of each context friend's history for their context set.
    public var itemsPerFriend = 10
    /// The ranking loss of the inner and outer loops.
    public var loss: RankingLoss = .bpr
    /// BPR's negatives per positive.
    public var negativesPerPositive = 4
    /// The sampled softmax's uniform negatives per task (never an item a friend chose).
    public var softmaxNegatives = 1000
    /// The sampled softmax's temperature.
    public var temperature: Float = 0.5
    /// The social vote prior's initial weight (social methods): 1, or 0 where validation users
    /// say friends' choices mislead (trust that is not shared taste).
    public var socialVotePrior: Float = 1
    /// The social vote prior's weight on people beyond the friends, as social popularity's.
    public var twoHopWeight: Float = 1
    /// The popularity prior's initial weight (log popularity, relative), beside the vote and
    /// co-occurrence: where friends say little (FilmTrust: half the raters have no tie) the
    /// popular items are the better start.
    public var popularityPrior: Float = 0
    /// The support co-occurrence prior's initial weight (item-knn's score from the known items): 1,
    /// or 0 for social popularity's own ranking, which ignores them.
    public var coOccurrencePrior: Float = 1
    /// The vote × content match prior's initial weight γ (where items have features): with the
    /// vote at 1 the untrained model ranks as content-social at γ.
    public var contentPrior: Float = 0
    /// Factors of the implicit ALS model behind the collaborative prior (0: no such prior).
    public var collaborativeFactors = 64
    /// The collaborative prior's initial weight: ALS's score of the item for the person folded in
    /// from their support and their context friends' items.
    public var collaborativePrior: Float = 0
    /// Choose the prior weights on validation users before training, from `priorGrid`, as the
    /// baselines' settings are chosen.
    public var choosesPrior = true
    /// For the social methods, whether training also trains the non-social twin (`method.twin`) and
    /// ranks people with known items by it unless the social model beats it on validation users at
    /// k > 0 by more than one standard error (`ValidationScores.clearlyBeatsWithSupport`).
    public var comparesWithTwin = true

    /// Initial weights of the priors an untrained model ranks by.
    public struct Prior: Sendable, Equatable {
        /// The social vote's weight (social methods only).
        public var socialVote: Float
        /// The vote's weight on people beyond the friends.
        public var twoHopWeight: Float
        /// The popularity prior's weight.
        public var popularity: Float
        /// The collaborative (ALS) prior's weight.
        public var collaborative: Float
        /// The support co-occurrence prior's weight (item-knn's score from the known items).
        public var coOccurrence: Float = 1
        /// γ, the weight of the vote × content match prior.
        public var content: Float = 0

        /// A setting of the prior weights, co-occurrence at 1 and content at 0 unless given.
        /// - Parameters:
        ///   - socialVote: the social vote's weight.
        ///   - twoHopWeight: the vote's weight on people beyond the friends.
        ///   - popularity: the popularity prior's weight.
        ///   - collaborative: the ALS prior's weight.
        ///   - coOccurrence: the support co-occurrence prior's weight.
        ///   - content: γ, the vote × content match prior's weight.
        public init(socialVote: Float, twoHopWeight: Float, popularity: Float, collaborative: Float, coOccurrence: Float = 1,
                    content: Float = 0) {
            (self.socialVote, self.twoHopWeight, self.popularity, self.collaborative, self.coOccurrence, self.content) =
                (socialVote, twoHopWeight, popularity, collaborative, coOccurrence, content)
        }

        /// Social popularity's own ranking, at every support size: the vote with its full reach
        /// and nothing else.
        public static let socialPopularity = Prior(socialVote: 1, twoHopWeight: 1, popularity: 0, collaborative: 0, coOccurrence: 0)
        /// Most-popular's ranking: popularity and nothing else, for people with no known items
        /// where friends' choices say less than what everyone chooses.
        public static let popularityAlone = Prior(socialVote: 0, twoHopWeight: 1, popularity: 1, collaborative: 0, coOccurrence: 0)
        /// The collaborative prior alone: implicit ALS's ranking with the person folded in from their known items and
        /// their context friends', for people with known items where collaborative taste says more than friends.
        public static let collaborativeAlone = Prior(socialVote: 0, twoHopWeight: 1, popularity: 0, collaborative: 1, coOccurrence: 0)
    }

    /// The vote with a narrow or a wide reach, with or without popularity and ALS; and, without the
    /// vote, popularity with or without ALS: what a careful practitioner would try first.
    public static let priorGrid: [Prior] =
        [Float(0.2), 1].flatMap { twoHop in [Float(0), 1].flatMap { popularity in [Float(0), 1].map {
            Prior(socialVote: 1, twoHopWeight: twoHop, popularity: popularity, collaborative: $0)
        } } } + [Float(0), 1].map { Prior(socialVote: 0, twoHopWeight: 1, popularity: 1, collaborative: $0) }

    /// The prior weights as one value; setting it sets every `…Prior` field and `twoHopWeight`.
    public var prior: Prior {
        get {
            Prior(socialVote: socialVotePrior, twoHopWeight: twoHopWeight, popularity: popularityPrior, collaborative: collaborativePrior,
                  coOccurrence: coOccurrencePrior, content: contentPrior)
        }
        set {
            (socialVotePrior, twoHopWeight, popularityPrior, collaborativePrior, coOccurrencePrior, contentPrior) =
                (newValue.socialVote, newValue.twoHopWeight, newValue.popularity, newValue.collaborative, newValue.coOccurrence,
                 newValue.content)
        }
    }

    /// Whether an untrained model of this configuration ranks exactly as social popularity does:
    /// what training keeps where nothing it learned beat that on validation users.
    public var ranksAsSocialPopularity: Bool { method.isSocial && prior == .socialPopularity && innerRate == 0 }

    /// Whether an untrained model of this configuration ranks by popularity alone, as most-popular
    /// does: a candidate for people with no known items.
    public var ranksByPopularityAlone: Bool { method.isSocial && prior == .popularityAlone && innerRate == 0 }

    /// Whether an untrained model of this configuration ranks by the collaborative prior alone: a
    /// candidate for people with known items.
    public var ranksByCollaborativeAlone: Bool { method.isSocial && prior == .collaborativeAlone && innerRate == 0 }

    /// Where items have features, the vote re-weighted by content match at γ = 2 or 8, with or
    /// without ALS: content-social's own rankings.
    public static let contentGrid: [Prior] = [Float(2), 8].flatMap { content in [Float(0), 1].map {
        Prior(socialVote: 1, twoHopWeight: 1, popularity: 0, collaborative: $0, content: content)
    } }

    /// The configurations whose untrained models training starts from the best of (`withContent`:
    /// the data's items have features).
    public func priorCandidates(withContent: Bool) -> [SocialMetaConfiguration] {
        guard choosesPrior else { return [self] }
        let grid = (Self.priorGrid + (withContent && method.isSocial ? Self.contentGrid : [])).filter {
            (method.isSocial || ($0.twoHopWeight == 1 && $0.socialVote == 1)) && (collaborativeFactors > 0 || $0.collaborative == 0)
        }
        return grid.map { setting in
            var c = self
            c.prior = setting
            return c
        }
    }
    /// Seeds everything random in training and serving, so equal seeds and data give equal models.
    public var seed: UInt64 = 1
    /// Worker threads a meta-batch's tasks are spread over (at least 1); results do not depend on it.
    public var threads = 2

    /// The defaults: social MAML with a BPR loss, its priors chosen on validation users.
    public init() {}

    /// The model's loss.
    public var lossKind: LossKind {
        switch loss {
        case .bpr: .bpr(negativesPerPositive: negativesPerPositive)
        case .softmax: .softmax(negatives: softmaxNegatives, temperature: Double(temperature))
        }
    }

    var lossDescription: String {
        switch loss {
        case .bpr: "BPR × \(negativesPerPositive)"
        case .softmax: "softmax over \(softmaxNegatives) at T \(temperature)"
        }
    }

    /// The main settings on one line, as training reports them.
    public var description: String {
        "\(method.rawValue): emb \(embeddingWidth), factors \(itemFactorWidth), state \(userStateWidth), MLP \(hiddenWidths.map(String.init).joined(separator: "-")), "
            + "\(innerSteps) inner step(s) at α \(innerRate), λ₀ \(contextWeight), batch \(metaBatch), lr \(learningRate), "
            + "\(maxFriends) friends × \(itemsPerFriend) items, \(lossDescription), prior: vote \(socialVotePrior), two-hop \(twoHopWeight), popularity \(popularityPrior), ALS \(collaborativePrior), co-occurrence \(coOccurrencePrior), content \(contentPrior)"
    }
}
