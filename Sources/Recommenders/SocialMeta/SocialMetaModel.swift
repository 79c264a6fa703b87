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
        let model = PreferenceModel<Float>(
            config: PreferenceModelConfig(itemCount: itemCount, embeddingWidth: c.embeddingWidth, userStateWidth: c.userStateWidth,
                                          pairFeatureWidth: PairFeatures.width, hiddenWidths: c.hiddenWidths,
                                          loss: .bpr(negativesPerPositive: c.negativesPerPositive)),
            seed: c.seed)
        learner = MetaLearner(model: model, algorithm: c.method.algorithm, innerSteps: c.innerSteps, innerRate: c.innerRate,
                              learnsInnerRates: c.learnsInnerRates && c.method.algorithm != .reptile,
                              contextWeight: c.method.isSocial ? c.contextWeight : 0,
                              learnsContextWeight: c.method.isSocial && c.method.algorithm != .reptile)
        influence = InfluenceScorer()
    }

    /// λ as learned (a negative λ would push away from friends' tastes; we report it as is).
    public var contextWeight: Float { learner.contextWeight }
}
