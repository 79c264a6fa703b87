import GraphFeatures
import MetaLearning

/// A trained social meta-learner: the meta-learned initialisation (user state, decision layers,
/// the priors' weights), the inner loop's rates and λ, the influence scorer, and the item factors
/// of the collaborative prior.
public struct SocialMetaModel: Sendable {
    /// The settings the model was built and trained with.
    public var configuration: SocialMetaConfiguration
    /// The meta-learned preference model, with the inner loop's rates and λ.
    public var learner: MetaLearner<PreferenceModel<Float>>
    /// Weighs each context friend in the adaptation.
    public var influence: InfluenceScorer
    /// Implicit ALS item factors of the training data (nil when `collaborativeFactors` is 0).
    public var collaborative: ALSFactors?
    /// What ranks a person with no known items, when validation users at k = 0 preferred another
    /// epoch or prior than those with a few items did (nil: this model ranks everyone).
    public var newcomers: NewcomerModel?

    /// The parts of a second model, sharing the first's item count and ALS factors.
    public struct NewcomerModel: Sendable {
        /// The second model's settings (its prior may differ from the first's).
        public var configuration: SocialMetaConfiguration
        /// Its meta-learned parameters.
        public var parameters: [Float]
        /// Its inner-loop step sizes.
        public var innerRates: [Float]
        /// Its λ.
        public var contextWeight: Float
        /// Its influence scorer.
        public var influence: InfluenceScorer

        /// The parts of `model` to keep beside the main model.
        /// - Parameters:
        ///   - model: the model that ranks people with no known items.
        public init(_ model: SocialMetaModel) {
            configuration = model.configuration
            parameters = model.learner.model.parameters
            innerRates = model.learner.innerRates
            contextWeight = model.learner.contextWeight
            influence = model.influence
        }
    }

    /// The model that ranks people with no known items: `newcomers` when there is one, else this.
    public var forNewcomers: SocialMetaModel {
        guard let n = newcomers else { return self }
        var model = SocialMetaModel(configuration: n.configuration, itemCount: learner.model.itemCount, collaborative: collaborative)
        model.learner.model.parameters = n.parameters
        model.learner.innerRates = n.innerRates
        model.learner.contextWeight = n.contextWeight
        model.influence = n.influence
        return model
    }

    /// An untrained model. `collaborative` must be given when the configuration asks for factors.
    /// - Parameters:
    ///   - c: the settings: they fix the shape, the priors' initial weights, the inner loop and the seed.
    ///   - itemCount: items in the catalogue (at least one).
    ///   - collaborative: the ALS item factors, given exactly when `c.collaborativeFactors` is above 0 (a precondition).
    public init(configuration c: SocialMetaConfiguration, itemCount: Int, collaborative: ALSFactors?) {
        precondition((c.collaborativeFactors > 0) == (collaborative != nil), "the collaborative prior needs its item factors")
        configuration = c
        self.collaborative = collaborative
        let linearOnly = SocialTaskBuilder.denseColumns(collaborative: collaborative != nil)
        var shape = PreferenceModelConfig(itemCount: itemCount, embeddingWidth: c.embeddingWidth, userStateWidth: c.userStateWidth,
                                          pairFeatureWidth: PairFeatures.width + linearOnly, hiddenWidths: c.hiddenWidths,
                                          loss: c.lossKind)
        // Untrained, the model is its prior: item-knn's co-occurrence with the support, plus the
        // social vote for the social methods (at k = 0 the vote alone: social popularity), the
        // popularity floor for their twins, and the weights chosen on validation users. Training
        // adds what the priors miss.
        shape.initialPairWeights = PairFeatures.Column.allCases.map { column in
            switch column {
            case .socialVote: c.method.isSocial ? Double(c.socialVotePrior) : 0
            case .supportCoOccurrence: Double(c.coOccurrencePrior)
            case .popularity: Double(c.popularityPrior) + (c.method.isSocial ? 0 : 1e-3)
            case .contentVote: c.method.isSocial ? Double(c.contentPrior) : 0
            default: 0
            }
        } + (collaborative == nil ? [] : [Double(c.collaborativePrior)]) + [0]
        shape.residualStartsAtZero = true
        shape.itemFactorWidth = c.itemFactorWidth
        // The collaborative prior and the content match are dense (every item has a score): they
        // enter the score directly, never the MLP, so a full-catalogue ranking costs one
        // multiply-add per item for each. The content match starts at 0 and is learned.
        shape.linearOnlyPairFeatures = linearOnly
        let model = PreferenceModel<Float>(config: shape, seed: c.seed)
        learner = MetaLearner(model: model, algorithm: c.method.algorithm, innerSteps: c.innerSteps, innerRate: c.innerRate,
                              learnsInnerRates: c.learnsInnerRates && c.method.algorithm != .reptile,
                              contextWeight: c.method.isSocial ? c.contextWeight : 0,
                              learnsContextWeight: c.method.isSocial && c.method.algorithm != .reptile)
        influence = InfluenceScorer()
    }

    /// The implicit ALS model behind the collaborative prior, trained on `training`.
    /// - Parameters:
    ///   - c: the settings: `collaborativeFactors` is the width and `seed` seeds the item vectors; λ, α and the passes are
    ///     `ImplicitALS.Configuration`'s defaults.
    ///   - training: the training interactions.
    /// - Returns: The item factors, or nil when `c.collaborativeFactors` is 0 or less.
    public static func collaborativeFactors(_ c: SocialMetaConfiguration, training: InteractionIndex) -> ALSFactors? {
        guard c.collaborativeFactors > 0 else { return nil }
        return ALSFactors(training, configuration: ImplicitALS.Configuration(factors: c.collaborativeFactors), seed: c.seed)
    }

    /// λ as learned (a negative λ would push away from friends' tastes; we report it as is).
    public var contextWeight: Float { learner.contextWeight }
}

import RecData
