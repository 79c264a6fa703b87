import ArgumentParser
import Evaluation
import Foundation
import SocialGraphModule
import Store

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare methods on cold-start users: the CS-k protocol with a results table.",
        discussion: """
            For each seed, 20% of users with at least max(k) + 5 interactions become test users and 10% \
            validation users. Their interactions are ordered (by time when there are timestamps); the \
            first k are the support set, visible to every method, and the rest are hidden. Methods with \
            settings to choose are tuned on validation users only. Ranking is over the full catalogue \
            minus the support items; explicit data counts ratings at or above the threshold as relevant.

            To develop a method, score it on validation users (--on-validation-users) and keep the \
            test users for the figures you report.

              socialrec evaluate --methods most-popular,social-popularity,social-maml \\
                  --support 0,1,3 --seeds 3
              socialrec evaluate --report report/ --split-out split/
            """)

    @Option(help: ArgumentHelp("Comma-separated methods (default: all of them; the content ones where items have features): \(Method.allCases.map(\.name).joined(separator: ", ")).",
                               valueName: "list"))
    var methods: String?

    @Option(help: ArgumentHelp("Support sizes k.", valueName: "list"))
    var support = "0,1,3,5,10"

    @Option(help: "Number of seeds (different test users each).")
    var seeds = 3

    @Option(help: "Relevance threshold for ratings (default: 4 on 1–5, 3.5 on 0.5–4).")
    var threshold: Float?

    @Option(name: .customLong("cold-items"),
            help: ArgumentHelp("Item cold-start: hide this share of the items (0–0.5) from training and support sets and report NDCG@10 among them alone.",
                               valueName: "share"))
    var coldItemShare: Double = 0

    @Option(help: ArgumentHelp("Write results.json, report.html and table.txt here.", valueName: "dir"))
    var report: String?

    @Option(help: ArgumentHelp("Write the split of seed 1 here (train-k.tsv, query-k.tsv, test and validation users).", valueName: "dir"))
    var splitOut: String?

    @Flag(help: ArgumentHelp("Score validation users instead of test users, to develop a method without seeing the test users.",
                             discussion: "Optimistic for every method tuned on those users: never report these figures."))
    var onValidationUsers = false

    @Flag(help: "Print JSON instead of the table.")
    var json = false

    @OptionGroup var database: DatabaseOption

    func run() throws {
        try Terminal.reportingErrors {
            var settings = EvaluationSettings()
            let sizes = support.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw ValidationError("--support takes sizes like 0,1,3,5,10")
            }
            guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
            guard (0...0.5).contains(coldItemShare) else { throw ValidationError("--cold-items takes a share in 0…0.5, not \(coldItemShare)") }
            if coldItemShare > 0 { settings.coldItemShare = coldItemShare }
            settings.supportSizes = sizes.map { $0! }
            settings.seeds = seeds
            settings.relevanceThreshold = threshold
            settings.scoresValidationUsers = onValidationUsers
            let known = Method.allCases.map(\.name).joined(separator: ", ")
            if let methods, methods.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw ValidationError("--methods needs at least one method; known: \(known)")
            }
            let chosen = try methods.map { try Method.list($0) }
            // The report's folder before the evaluation: a bad place fails now, not after an hour.
            if let report { try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true) }
            let store = try SocialStore(path: database.db, access: .readOnly)
            let dataset = try store.loadDataset()
            let specs = (chosen ?? Method.applicable(to: dataset)).map(\.spec)
            var evaluation = ColdStartEvaluation(dataset: dataset, settings: settings)
            evaluation.progress = { Terminal.stage($0) }
            if let splitOut {
                try evaluation.exportSplit(seed: 1, to: URL(fileURLWithPath: splitOut))
            }
            let maxK = settings.supportSizes.max() ?? 0
            guard !evaluation.split(seed: 1).users(settings.scoresValidationUsers ? .validation : .test).isEmpty else {
                throw ValidationError("no user has the \(maxK + settings.minimumQuery) interactions that --support \(maxK) needs "
                                      + "(k known items and \(settings.minimumQuery) to score); try smaller sizes")
            }
            var result = try evaluation.run(specs)
            Terminal.clearProgress()
            result.dataset = try store.metadata("interactions_file") ?? store.metadata("graph_file") ?? database.db
            result.datasetName = Self.readableName(of: result.dataset)
            result.statistics = DatasetStatistics(dataset)
            let encoded = try result.json()
            if let report {
                let directory = URL(fileURLWithPath: report)
                try encoded.write(to: directory.appendingPathComponent("results.json"))
                try result.table().write(to: directory.appendingPathComponent("table.txt"), atomically: true, encoding: .utf8)
                try result.html()
                    .write(to: directory.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
            }
            print(json ? String(decoding: encoded, as: UTF8.self) : result.table())
        }
    }

    /// "lastfm-2k" for ".../lastfm-2k/user_artists.dat": the folder names a dataset better than its file.
    static func readableName(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().lastPathComponent
        return ["", ".", "..", "/", "data"].contains(folder) ? url.deletingPathExtension().lastPathComponent : folder
    }
}
