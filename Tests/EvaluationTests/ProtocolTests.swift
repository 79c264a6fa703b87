import Foundation
import Testing
import TestSupport
@testable import Evaluation
@testable import RecData
@testable import Recommenders
@testable import SocialGraphModule

@Suite struct ProtocolTests {
    static func sample() throws -> SocialDataset {
        var reader = DatasetReader()
        reader.graphFile = Datasets.projectRoot.appendingPathComponent("data/edges.tsv").path
        reader.undirected = true
        reader.interactionsFile = Datasets.projectRoot.appendingPathComponent("data/interactions.tsv").path
        return try reader.read().0
    }

    @Test func splitFollowsTheProtocol() throws {
        let data = try Self.sample()
        var settings = EvaluationSettings()
        settings.seeds = 1
        let evaluation = ColdStartEvaluation(dataset: data, settings: settings)
        let split = evaluation.split(seed: 1)
        let counts = data.interactions.countsPerUser(userCount: data.users.count)
        let eligible = counts.filter { $0 >= 15 }.count
        #expect(split.users(.test).count == Int((Double(eligible) * 0.2).rounded()))
        #expect(split.users(.validation).count == Int((Double(eligible) * 0.1).rounded()))
        for u in split.users(.test) {
            #expect(counts[Int(u)] >= 15)
            // With timestamps, the support set is the user's earliest interactions.
            let times = split.ordered[Int(u)].map { data.interactions.timestamps![$0] }
            #expect(times == times.sorted())
        }
        // Same seed, same split; another seed, other users.
        #expect(evaluation.split(seed: 1).role == split.role)
        #expect(evaluation.split(seed: 2).role != split.role)
    }

    /// Item cold-start: the new items are nowhere but in held-out users' query sets, and the users
    /// are drawn as without them.
    @Test func newItemsAreOnlyInQuerySets() throws {
        let data = try Self.sample()
        let interactions = data.interactions
        let plain = ColdStartSplit(interactions, userCount: data.users.count, seed: 3)
        let split = ColdStartSplit(interactions, userCount: data.users.count, coldItemShare: 0.2, seed: 3)
        let chosen = Set(interactions.items)
        #expect(split.coldItems.count == Int((Double(chosen.count) * 0.2).rounded()) && split.coldItems == split.coldItems.sorted())
        #expect(Set(split.coldItems).isSubset(of: chosen) && plain.coldItems.isEmpty)
        #expect(split.trainingRows(interactions).allSatisfy { !split.isColdItem(interactions.items[$0]) })
        #expect(split.trainingRows(interactions).count < plain.trainingRows(interactions).count)
        var queried = 0
        for u in split.users(.test) + split.users(.validation) {
            #expect(split.support(of: u, k: split.maxSupport).allSatisfy { !split.isColdItem(interactions.items[$0]) }, "user \(u)")
            #expect(Set(split.ordered[Int(u)]) == Set(plain.ordered[Int(u)].isEmpty ? split.ordered[Int(u)] : plain.ordered[Int(u)]))
            queried += split.query(of: u, k: 0).filter { split.isColdItem(interactions.items[$0]) }.count
        }
        #expect(queried > 0, "new items reach the query sets")
        for k in [0, 3, 10] {
            #expect(split.visibleRows(interactions, k: k).allSatisfy { !split.isColdItem(interactions.items[$0]) }, "k = \(k)")
        }
        // Seeded, and without new items the split is the one it always was.
        #expect(ColdStartSplit(interactions, userCount: data.users.count, coldItemShare: 0.2, seed: 3).coldItems == split.coldItems)
        #expect(ColdStartSplit(interactions, userCount: data.users.count, coldItemShare: 0, seed: 3).ordered == plain.ordered)
    }

    /// No leakage: nothing a method is built from holds a held-out user's query interaction.
    @Test func queryInteractionsAreHiddenFromTrainingAndContext() throws {
        let data = try Self.sample()
        let evaluation = ColdStartEvaluation(dataset: data, settings: EvaluationSettings())
        let split = evaluation.split(seed: 3)
        for k in [0, 3, 10] {
            let context = evaluation.context(split: split, k: k, seed: 3)
            var hidden = Set<[Int32]>()
            for u in split.users(.test) + split.users(.validation) {
                for r in split.query(of: u, k: k) { hidden.insert([u, data.interactions.items[r]]) }
                // Training holds nothing of held-out users; the visible data holds exactly their first k.
                #expect(context.training.interactions.activity(u) == 0)
                #expect(Array(context.visible.interactions.items(of: u)) == split.support(of: u, k: k).map { data.interactions.items[$0] })
            }
            for data in [context.training, context.visible] {
                for u in 0..<Int32(data.userCount) {
                    for i in data.interactions.items(of: u) { #expect(!hidden.contains([u, i])) }
                }
            }
        }
    }

    @Test func socialPopularityBeatsPopularityOnTheHomophilousSample() throws {
        let data = try Self.sample()
        var settings = EvaluationSettings()
        settings.seeds = 2
        settings.supportSizes = [0, 3]
        let result = try ColdStartEvaluation(dataset: data, settings: settings).run([
            MethodSpec(name: "most-popular") { MostPopular($0.visible) },
            MethodSpec(name: "social-popularity", configurations: [0, 0.1].map { w in
                .init(label: "two-hop \(w)") { SocialPopularity($0.visible, twoHopWeight: Float(w)) }
            }),
        ])
        for k in [0, 3] {
            let popular = result.estimate("most-popular", k: k, .ndcg)!.mean
            let social = result.estimate("social-popularity", k: k, .ndcg)!.mean
            #expect(social > popular + 0.02, "k = \(k): social \(social) vs popular \(popular)")
        }
        #expect(result.chosenConfigurations["social-popularity"]?.count == 2)
        #expect(result.table().contains("NDCG@10"))
        let html = result.html()
        #expect(html.contains("<svg") && html.contains("social-popularity") && !html.contains("<script"))
        let decoded = try EvaluationResult.decode(try result.json())
        #expect(decoded.methods == result.methods)
    }

    @Test func headingsNameTheCutoffTheListsWereScoredAt() throws {
        var settings = EvaluationSettings()
        (settings.seeds, settings.supportSizes, settings.cutoff) = (1, [3], 5)
        let result = try ColdStartEvaluation(dataset: try Self.sample(), settings: settings).run([.mostPopular])
        for text in [result.table(), result.html()] {
            #expect(text.contains("NDCG@5") && text.contains("Recall@5") && text.contains("HR@5"))
            #expect(!text.contains("@10"))
        }
    }
}
