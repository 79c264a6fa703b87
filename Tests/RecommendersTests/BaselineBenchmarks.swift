import Foundation
import RecData
import SocialGraphModule
import Testing
import TestSupport
import Recommenders

/// Opt-in measurements on the real datasets, meant for release builds (not timed tests):
///
///   SOCIALREC_BASELINE_BENCH=1 swift test -c release -Xswiftc -enable-testing \
///     --scratch-path .build-baselines --filter BaselineBenchmarks
///
/// For each dataset, a CS-k split (seed 1), each baseline's build time, request latency, HR@10 and
/// NDCG@10 on up to 600 test users, and RMSE for rating predictors. Printed, never asserted.
@Suite(.serialized, .enabled(if: Datasets.available && ProcessInfo.processInfo.environment["SOCIALREC_BASELINE_BENCH"] == "1"))
struct BaselineBenchmarks {
    static var only: Set<String>? {
        ProcessInfo.processInfo.environment["SOCIALREC_BASELINE_METHODS"].map { Set($0.split(separator: ",").map(String.init)) }
    }

    static func methods() -> [(String, (VisibleData) -> any Recommender)] {
        let all: [(String, (VisibleData) -> any Recommender)] = [
            ("most-popular", { MostPopular($0) }),
            ("social-popularity", { SocialPopularity($0, twoHopWeight: 0) }),
            ("item-knn", { ItemKNN($0) }),
            ("user-knn", { UserKNN($0) }),
            ("bpr-mf", { BPRMF($0) }),
            ("social-mf", { SocialMF($0) }),
            ("item-mean", { ItemMean($0) }),
        ]
        guard ProcessInfo.processInfo.environment["SOCIALREC_BASELINE_GRID"] == "1" else {
            return all.filter { only?.contains($0.0) ?? true }
        }
        // Every grid point of the chosen methods.
        var grid: [(String, (VisibleData) -> any Recommender)] = []
        func add<C: CustomStringConvertible>(_ name: String, _ configurations: [C], _ make: @escaping (VisibleData, C) -> any Recommender) {
            guard only?.contains(name) ?? true else { return }
            for c in configurations { grid.append(("\(name) \(c)", { make($0, c) })) }
        }
        add("item-knn", ItemKNN.grid) { ItemKNN($0, configuration: $1) }
        add("user-knn", UserKNN.grid) { UserKNN($0, configuration: $1) }
        add("bpr-mf", BPRMF.grid) { BPRMF($0, configuration: $1) }
        add("social-mf", SocialMF.grid) { SocialMF($0, configuration: $1) }
        add("item-mean", ItemMean.grid) { ItemMean($0, configuration: $1) }
        return grid
    }

    func run(_ name: String, _ reader: DatasetReader, threshold: Float?, ks: [Int] = [0, 3, 10]) throws {
        let clock = ContinuousClock()
        var dataset: SocialDataset?
        let reading = try clock.measure { dataset = try reader.read().0 }
        let rows = dataset!.interactions
        print("\(name): \(dataset!.users.count) users, \(dataset!.items.count) items, \(rows.count) interactions, read in \(reading)")
        let split = ColdStartSplit(rows, userCount: dataset!.users.count, maxSupport: 10, seed: 1)
        let test = Array(split.users(.test).prefix(600))
        let ks = ProcessInfo.processInfo.environment["SOCIALREC_BASELINE_K"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? ks
        for k in ks {
            let index = InteractionIndex(rows, userCount: dataset!.users.count, itemCount: dataset!.items.count,
                                         rows: split.visibleRows(rows, k: k))
            let data = VisibleData(graph: dataset!.graph, interactions: index, feedback: rows.feedback)
            for (method, make) in Self.methods() {
                var model: (any Recommender)?
                let build = clock.measure { model = make(data) }
                var hr = 0.0, ndcg = 0.0, scored = 0.0, squared = 0.0, rated = 0.0
                var latencies: [Duration] = []
                for u in test {
                    let support = split.support(of: u, k: k), query = split.query(of: u, k: k)
                    let request = RecommendationRequest(user: u, supportItems: support.map { rows.items[$0] },
                                                        supportValues: support.map { rows.values[$0] })
                    let relevant = Set(query.filter { threshold == nil || rows.values[$0] >= threshold! }.map { rows.items[$0] })
                    if !relevant.isEmpty {
                        var top: [ScoredItem] = []
                        latencies.append(clock.measure { top = model!.recommend(request, count: 10) })
                        var dcg = 0.0, ideal = 0.0
                        for (r, item) in top.enumerated() where relevant.contains(item.item) { dcg += 1 / log2(Double(r) + 2) }
                        for r in 0..<min(10, relevant.count) { ideal += 1 / log2(Double(r) + 2) }
                        hr += dcg > 0 ? 1 : 0
                        ndcg += dcg / ideal
                        scored += 1
                    }
                    if threshold != nil, let predictor = model as? any RatingPredictor {
                        let predicted = predictor.predictRatings(request, items: query.map { rows.items[$0] })
                        for (p, r) in zip(predicted, query) { squared += Double((p - rows.values[r]) * (p - rows.values[r])); rated += 1 }
                    }
                }
                latencies.sort()
                let p99 = latencies.isEmpty ? .zero : latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
                print("\(name) k=\(k) \(method.padding(toLength: max(18, method.count), withPad: " ", startingAt: 0))"
                      + String(format: " HR@10 %.4f NDCG@10 %.4f", hr / scored, ndcg / scored)
                      + (rated > 0 ? String(format: " RMSE %.4f", (squared / rated).squareRoot()) : "")
                      + "  build \(build.formatted(.units(allowed: [.seconds, .milliseconds], fractionalPart: .show(length: 2))))"
                      + "  p99 \(p99.formatted(.units(allowed: [.milliseconds, .microseconds], fractionalPart: .show(length: 2))))")
            }
        }
    }

    @Test func lastfm() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("lastfm-2k/user_friends.dat")
        reader.undirected = true
        reader.interactionsFile = Datasets.path("lastfm-2k/user_artists.dat")
        try run("lastfm", reader, threshold: nil)
    }

    @Test func filmtrust() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("filmtrust/trust.txt")
        reader.interactionsFile = Datasets.path("filmtrust/ratings.txt")
        reader.interactionOptions.feedback = .explicit(min: 0.5, max: 4)
        try run("filmtrust", reader, threshold: 3.5)
    }

    @Test func ciao() throws {
        var reader = DatasetReader()
        reader.graphFile = Datasets.path("ciao/trust.tsv")
        reader.interactionsFile = Datasets.path("ciao/ratings.tsv")
        reader.interactionOptions.feedback = .explicit(min: 1, max: 5)
        reader.interactionOptions.skipBad = true
        try run("ciao", reader, threshold: 4)
    }
}
