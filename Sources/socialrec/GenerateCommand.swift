import ArgumentParser
import Foundation
import SampleData

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic community where friends share tastes (the bundled sample).",
        discussion: """
            Users and items fall into taste groups; friendships form mostly within a group; each user \
            picks items near their own taste, with noise; a share of users have only 0–3 interactions. \
            Files: edges.tsv (user, friend), interactions.tsv (user, item, plays, timestamp), items.tsv.

              socialrec generate --out data --seed 7
            """)

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String = "data"
    @Option(help: "Number of users.") var users = 300
    @Option(help: "Number of items.") var items = 400
    @Option(help: "Number of taste groups.") var groups = 6
    @Option(help: "Share of users with only 0–3 interactions.") var coldShare = 0.2
    @Option(help: "Random seed: the same seed writes the same files.") var seed: UInt64 = 7

    func validate() throws {
        guard users >= 2, items >= 2, groups >= 1, (0...1).contains(coldShare) else {
            throw ValidationError("need at least 2 users, 2 items, 1 group, and --cold-share between 0 and 1")
        }
    }

    func run() throws {
        try Terminal.reportingErrors {
            var p = SampleCommunity.Parameters()
            p.users = users; p.items = items; p.groups = groups; p.coldShare = coldShare; p.seed = seed
            let community = SampleCommunity(p)
            try community.write(to: URL(fileURLWithPath: out))
            print("wrote \(out)/edges.tsv (\(community.edges.count.grouped) friendships), "
                + "\(out)/interactions.tsv (\(community.interactions.count.grouped)), \(out)/items.tsv (\(community.items.count.grouped) items)")
        }
    }
}
