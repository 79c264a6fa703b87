import ArgumentParser
import Evaluation
import Foundation

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score any tool's top-k lists against a query file, with evaluate's metric code.",
        discussion: """
            --topk is a TSV of `user item rank score` (the format `recommend --format tsv` writes); \
            --query holds the hidden interactions, `user item [value]` (e.g. query-3.tsv from \
            `evaluate --split-out`). With --threshold, only query ratings at or above it are relevant.

              socialrec score --topk theirs.tsv --query split/query-3.tsv
            """)

    @Option(help: ArgumentHelp("Recommendations: user, item, rank, score.", valueName: "file"))
    var topk: String

    @Option(help: ArgumentHelp("Hidden interactions: user, item, [value].", valueName: "file"))
    var query: String

    @Option(help: "Ratings at or above this are relevant (explicit data).")
    var threshold: Float?

    @Option(help: "Cut-off n for NDCG@n, Recall@n, HR@n.")
    var cutoff = 10

    @Option(help: ArgumentHelp("The interactions the lists were made from (user, item), for novelty and the Gini index.",
                               valueName: "file"))
    var train: String?

    @Option(name: .customLong("item-features"),
            help: ArgumentHelp("Item features, `item feature [weight]` per line (as import reads them), for intra-list diversity.",
                               valueName: "file"))
    var itemFeatures: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(cutoff) else { throw ValidationError("--cutoff must be between 1 and 10000") }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let s = try ExternalScoring.score(topK: topk, query: query, threshold: threshold, cutoff: cutoff, train: train,
                                                itemFeatures: itemFeatures)
            if json {
                let encoder = JSONEncoder.reproducible(prettyPrinted: true)
                print(String(decoding: try encoder.encode(s), as: UTF8.self))
            } else {
                print("users \(s.users) (\(s.usersWithoutRecommendations) without recommendations)")
                print(String(format: "NDCG@%d %.4f  Recall@%d %.4f  HR@%d %.4f  MRR %.4f",
                             cutoff, s.ndcg, cutoff, s.recall, cutoff, s.hr, s.mrr))
                let diversity = [("personalisation", s.personalisation), ("novelty", s.novelty), ("Gini", s.gini), ("ILD", s.intraListDiversity)]
                    .compactMap { name, value in value.map { String(format: "%@ %.4f", name, $0) } }
                if !diversity.isEmpty { print(diversity.joined(separator: "  ")) }
            }
        }
    }
}
