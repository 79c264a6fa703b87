import ArgumentParser
import Foundation
import SocialGraphModule
import Store

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Describe the imported dataset: sizes, degrees, components, reciprocity, cold users.",
        discussion: "  socialrec stats --db lastfm.db\n  socialrec stats --json | jq .reciprocity")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var database: DatabaseOption

    func run() throws {
        try Terminal.reportingErrors {
            let store = try SocialStore(path: database.db, access: .readOnly)
            guard try !store.isEmpty() else { throw StoreError.empty(path: database.db) }
            let stats = DatasetStatistics(try store.loadDataset())
            if json {
                let encoder = JSONEncoder.reproducible(prettyPrinted: true)
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            } else {
                print(Self.table(stats))
            }
        }
    }

    static func table(_ s: DatasetStatistics) -> String {
        func q(_ q: Quantiles) -> String {
            "min \(q.min), median \(q.median), p90 \(q.p90), p99 \(q.p99), max \(q.max) (mean \(String(format: "%.1f", q.mean)))"
        }
        let rows: [(String, String)] = [
            ("users", s.users.grouped),
            ("items", s.items.grouped),
            ("interactions", "\(s.interactions.grouped) (\(s.feedback))"),
            ("graph", "\(s.graphNodes.grouped) nodes, \(s.edges.grouped) \(s.directed ? "directed" : "undirected") edges"),
            ("density", String(format: "%.3g", s.density)),
            ("reciprocity", String(format: "%.3f", s.reciprocity)),
            ("components", "\(s.components.grouped) (largest \(s.largestComponent.grouped) nodes)"),
            (s.directed ? "out-degree" : "degree", q(s.outDegree)),
        ] + (s.directed ? [("in-degree", q(s.inDegree))] : []) + [
            ("users without friends", s.usersWithoutFriends.grouped),
            ("users without interactions", s.usersWithoutInteractions.grouped),
            ("interactions per user", q(s.interactionsPerUser)),
            ("interactions per item", q(s.interactionsPerItem)),
        ] + (s.itemFeatures.map { f in [
            ("item features", "\(f.features.grouped) features, \(f.pairs.grouped) (item, feature) pairs"),
            ("items with features", "\(f.itemsWithFeatures.grouped) (\(f.itemsWithoutFeatures.grouped) without)"),
            ("features per item", q(f.featuresPerItem)),
        ] } ?? [])
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
