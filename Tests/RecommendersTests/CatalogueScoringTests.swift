import Testing
import TestSupport
@testable import MetaLearning
@testable import RecData
@testable import Recommenders

/// The full-catalogue ranking's shortcut (the MLP on touched items and one row per popularity, the
/// dense terms added per item) gives every item the score the model gives it directly.
@Suite struct CatalogueScoringTests {
    @Test(arguments: [0, 6]) func catalogueShortcutScoresEveryItemAsTheModelDoes(itemFactors: Int) {
        let data = SocialMetaTests.sample
        // The sample's friends and co-occurrence touch every item it has: 200 items nobody chose
        // (new to the catalogue) are what the shortcut scores by popularity.
        let itemCount = data.items.count + 200
        let visible = VisibleData(graph: data.graph, interactions: InteractionIndex(data.interactions, userCount: data.users.count,
                                                                                    itemCount: itemCount), feedback: .implicit)
        var random = SplitMix64(seed: 11)
        let factors = ALSFactors(itemFactors: (0..<(itemCount * 8)).map { _ in Float(random.normal()) },
                                 itemCount: itemCount, width: 8, regularisation: 0.1, confidence: 10)
        var c = SocialMetaTests.configuration(.socialMAML, seed: 11)
        c.embeddingWidth = 0
        c.itemFactorWidth = itemFactors
        var model = SocialMetaModel(configuration: c, itemCount: itemCount, collaborative: factors)
        // Trained rows are not zero: make every parameter, the item factors and biases too, count.
        model.learner.model.parameters = model.learner.model.parameters.map { $0 + Float(random.normal()) * 0.2 }
        let recommender = SocialMetaRecommender(model: model, data: visible)
        let everyItem = Array(0..<Int32(itemCount))
        for user in stride(from: Int32(0), to: Int32(data.users.count), by: 37) {
            let request = RecommendationRequest(user: user, supportItems: Array(visible.interactions.items(of: user).prefix(2)))
            let adapted = recommender.adapt(request)
            #expect(adapted.context.pairFeatures.touchedItems.count <= data.items.count)
            let shortcut = SocialMetaRecommender.catalogueScores(adapted, model: model, builder: recommender.builder, contentMatches: nil)
            let direct = model.learner.model.scores(items: everyItem, pairFeatures: recommender.builder.features(everyItem, context: adapted.context),
                                                    adapted: adapted.parameters)
            let worst = zip(shortcut, direct).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-4, "user \(user): the shortcut's score differs by \(worst)")
        }
    }
}
