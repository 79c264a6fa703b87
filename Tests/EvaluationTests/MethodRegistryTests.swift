import Foundation
import Evaluation
import RecData
import Recommenders
import SocialGraphModule
import Testing

/// The registry is the one list of methods: every name parses back to its method, every method can
/// be evaluated, and every baseline serves under its own name.
@Suite struct MethodRegistryTests {
    @Test func everyMethodIsNamedOnceAndParsesBack() throws {
        let names = Method.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(try Method.list(names.joined(separator: ", ")) == Method.allCases)
        #expect(Method.allCases.allSatisfy { $0.spec.name == $0.name && !$0.spec.configurations.isEmpty })
        #expect(Set(Method.allCases.compactMap(\.metaLearning)) == Set(MetaLearningMethod.allCases))
        #expect(throws: Method.UnknownMethod.self) { try Method.list("item-knn,magic") }
        #expect(try Method.list(" item-knn, ,bpr-mf,") == [.itemKNN, .bprMF])
        #expect(Method.allCases.filter(\.predictsRatings) == [.socialMF, .itemMean])
    }

    @Test func methodsEncodeAsTheirNames() throws {
        let encoded = try JSONEncoder().encode(Method.allCases)
        #expect(String(decoding: encoded, as: UTF8.self).hasPrefix(#"["most-popular","social-popularity","item-knn""#))
        #expect(try JSONDecoder().decode([Method].self, from: encoded) == Method.allCases)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Method].self, from: Data(#"["magic"]"#.utf8)) }
        #expect(Method.baselines.allSatisfy { $0.metaLearning == nil })
        // Found by the build in Recommenders, in table order.
        #expect(Method.baselines.map(\.name) == ["most-popular", "social-popularity", "item-knn", "user-knn", "bpr-mf", "ials",
                                                   "social-mf", "item-mean", "content", "content-social"])
        #expect(Method.baselines.filter(\.usesContent) == [.content, .contentSocial])
    }

    @Test func everyBaselineServesUnderItsOwnName() throws {
        let dataset = try ProtocolTests.sample()
        let index = InteractionIndex(dataset.interactions, userCount: dataset.users.count, itemCount: dataset.items.count)
        let visible = VisibleData(graph: dataset.graph, interactions: index, feedback: dataset.interactions.feedback)
        for method in Method.allCases {
            guard let recommender = method.recommender(on: visible) else {
                #expect(method.metaLearning != nil, "\(method.name) has no constructor for serving")
                continue
            }
            #expect(recommender.name == method.name)
            #expect((recommender is any RatingPredictor) == method.predictsRatings, "\(method.name)")
            let top = recommender.recommend(RecommendationRequest(user: 0, supportItems: Array(index.items(of: 0).prefix(2))), count: 5)
            #expect(top.count == 5, "\(method.name)")
        }
    }

    /// A baseline of the user's own package: not in the registry's list, yet a `Method` the protocol
    /// tunes, evaluates and names like ours.
    struct NewestFirst: RegisteredBaseline {
        static let methodName = "newest-first"
        static let grid = [Untuned()]
        static let defaultConfiguration = Untuned()
        let itemCount: Int
        init(_ data: VisibleData, configuration: Untuned, seed: UInt64) { itemCount = data.itemCount }
        func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
            let excluded = Set(request.supportItems)
            return (0..<Int32(itemCount)).reversed().lazy.filter { !excluded.contains($0) }.prefix(count)
                .map { ScoredItem(item: $0, score: Float($0)) }
        }
    }

    @Test func aBaselineOutsideTheRegistryIsEvaluatedBesideIt() throws {
        var settings = EvaluationSettings()
        (settings.seeds, settings.supportSizes) = (1, [0, 3])
        let newest = Method(NewestFirst.self)
        #expect(Method(name: "newest-first") == nil)
        let result = try ColdStartEvaluation(dataset: try ProtocolTests.sample(), settings: settings).run([newest, .socialPopularity])
        #expect(result.methods == ["newest-first", "social-popularity"])
        let own = try #require(result.estimate(newest, k: 3, .ndcg)).mean
        #expect(own < result.estimate(.socialPopularity, k: 3, .ndcg)!.mean)
    }
}
