import GraphFeatures
import MetaLearning

/// A trained social meta-learner: the meta-learned initialisation (item embeddings, user state,
/// decision layers), the inner loop's rates and λ, and the influence scorer.
public struct SocialMetaModel: Sendable {
    public var configuration: SocialMetaConfiguration
    public var learner: MetaLearner<PreferenceModel<Float>>
    public var influence: InfluenceScorer

    public init(configuration c: SocialMetaConfiguration, itemCount: Int) {
        configuration = c
        var shape = PreferenceModelConfig(itemCount: itemCount, embeddingWidth: c.embeddingWidth, userStateWidth: c.userStateWidth,
                                          pairFeatureWidth: PairFeatures.width, hiddenWidths: c.hiddenWidths,
                                          loss: .bpr(negativesPerPositive: c.negativesPerPositive))
        // Untrained, the model is its prior: item-knn's co-occurrence with the support, plus the
        // social vote for the social methods (at k = 0 the vote alone: social popularity) and the
        // popularity floor for their twins. Training adds what the priors miss.
        shape.initialPairWeights = PairFeatures.Column.allCases.map { column in
            switch column {
            case .socialVote: c.method.isSocial ? 1 : 0
            case .supportCoOccurrence: 1
            case .popularity: Double(c.popularityPrior) + (c.method.isSocial ? 0 : 1e-3)
            default: 0
            }
        }
        shape.residualStartsAtZero = true
        let model = PreferenceModel<Float>(config: shape, seed: c.seed)
        learner = MetaLearner(model: model, algorithm: c.method.algorithm, innerSteps: c.innerSteps, innerRate: c.innerRate,
                              learnsInnerRates: c.learnsInnerRates && c.method.algorithm != .reptile,
                              contextWeight: c.method.isSocial ? c.contextWeight : 0,
                              learnsContextWeight: c.method.isSocial && c.method.algorithm != .reptile)
        influence = InfluenceScorer()
    }

    /// λ as learned (a negative λ would push away from friends' tastes; we report it as is).
    public var contextWeight: Float { learner.contextWeight }
}
