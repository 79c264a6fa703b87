import RecData
import SocialGraphModule
import Testing
@testable import Recommenders

/// What every baseline promises, on implicit and explicit toy data: no support item, no repeats,
/// exactly `count` items while enough remain, best first with ties to the smaller index, the same
/// answer for the same seed, and an answer for k = 0 and for newcomers.
@Suite struct BaselineInvariantTests {
    static let implicitBlocks = Toy.Blocks(hidden: [3, 25])
    static let explicitBlocks = Toy.Blocks(explicit: true, hidden: [3, 25])

    /// Known users with k = 3 and k = 0, newcomers with and without support and friends, and a
    /// support list with a repeat and an index outside the catalogue.
    static func requests(_ blocks: Toy.Blocks) -> [(String, RecommendationRequest)] {
        let chosen = blocks.choices()
        let support = chosen[3].prefix(3).map { Int32($0.item) }, values = chosen[3].prefix(3).map(\.value)
        let friends = Array(blocks.users(ofBlock: 1).prefix(4))
        return [
            ("known user, k = 3", RecommendationRequest(user: 3, supportItems: support, supportValues: values)),
            ("known user, k = 0", RecommendationRequest(user: 3, supportItems: [])),
            ("trained user, k = 3", RecommendationRequest(user: 30, supportItems: chosen[30].prefix(3).map { Int32($0.item) })),
            ("newcomer with friends, k = 0", RecommendationRequest(user: nil, supportItems: [], friends: friends)),
            ("newcomer with friends, k = 2", RecommendationRequest(user: nil, supportItems: [20, 21], supportValues: [5, 4], friends: friends)),
            ("newcomer alone, k = 0", RecommendationRequest(user: nil, supportItems: [])),
            ("repeats and strays", RecommendationRequest(user: nil, supportItems: [5, 5, 99, -1, 7], friends: [1, 1, 500])),
        ]
    }

    @Test(arguments: [false, true])
    func everyBaselineKeepsTheContract(explicit: Bool) {
        let blocks = explicit ? Self.explicitBlocks : Self.implicitBlocks
        let data = blocks.data()
        for (name, make) in Toy.baselines {
            let model = make(data, 7), again = make(data, 7)
            #expect(model.name == name)
            for (what, request) in Self.requests(blocks) {
                let excluded = Set(request.supportItems)
                let available = (0..<Int32(blocks.itemCount)).filter { !excluded.contains($0) }.count
                for count in [0, 1, 10, available + 5] {
                    let top = model.recommend(request, count: count)
                    let context = "\(name), \(what), count \(count)"
                    #expect(top.count == min(count, available), "\(context)")
                    #expect(Set(top.map(\.item)).count == top.count, "\(context): repeats")
                    #expect(top.allSatisfy { !excluded.contains($0.item) && $0.item >= 0 && Int($0.item) < blocks.itemCount }, "\(context)")
                    #expect(top.allSatisfy { $0.score.isFinite }, "\(context)")
                    #expect(zip(top, top.dropFirst()).allSatisfy { a, b in a.score > b.score || (a.score == b.score && a.item < b.item) },
                            "\(context): order")
                    #expect(again.recommend(request, count: count) == top, "\(context): not deterministic")
                }
                if explicit, let predictor = model as? any RatingPredictor {
                    let items: [Int32] = [0, 1, 22, 39]
                    let predicted = predictor.predictRatings(request, items: items)
                    #expect(predicted.count == items.count)
                    #expect(predicted.allSatisfy { $0 >= 1 && $0 <= 5 }, "\(name), \(what): \(predicted)")
                    #expect((again as! any RatingPredictor).predictRatings(request, items: items) == predicted)
                }
            }
        }
    }

    @Test func ratingPredictorsAreTheRatingMethods() {
        let data = Self.explicitBlocks.data()
        let predictors = Toy.baselines.filter { $0.make(data, 1) is any RatingPredictor }.map(\.name)
        #expect(predictors == ["social-mf", "item-mean"])
    }

    @Test func trainingDependsOnTheSeed() {
        let data = Self.implicitBlocks.data()
        let request = RecommendationRequest(user: nil, supportItems: [0, 1])
        let a = BPRMF(data, configuration: .init(factors: 8, epochs: 5), seed: 1).recommend(request, count: 5)
        let b = BPRMF(data, configuration: .init(factors: 8, epochs: 5), seed: 2).recommend(request, count: 5)
        #expect(a.map(\.score) != b.map(\.score))
    }

    @Test func gridsAreSmallAndDistinct() {
        func check<C: Equatable & CustomStringConvertible>(_ grid: [C]) {
            #expect((3...8).contains(grid.count))
            #expect(Set(grid.map(\.description)).count == grid.count)
        }
        check(ItemKNN.grid)
        check(UserKNN.grid)
        check(BPRMF.grid)
        check(SocialMF.grid)
        check(ItemMean.grid)
    }

    /// A catalogue a user has entirely chosen, an empty dataset, a single item: nothing traps.
    @Test func degenerateData() {
        let full = Toy.data(users: 2, items: 2, edges: [(0, 1)], interactions: [(0, 0, 1), (0, 1, 1), (1, 0, 1)])
        let empty = Toy.data(users: 2, items: 3, interactions: [])
        for (name, make) in Toy.baselines {
            for data in [full, empty] {
                let model = make(data, 1)
                #expect(model.recommend(RecommendationRequest(user: 1, supportItems: [0]), count: 5).count == data.itemCount - 1, "\(name)")
                #expect(model.recommend(RecommendationRequest(user: 0, supportItems: [0, 1]), count: 5).count == data.itemCount - 2, "\(name)")
            }
        }
    }
}
