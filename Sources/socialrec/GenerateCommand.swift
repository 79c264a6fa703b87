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

            --preset catalogue writes a benchmark-sized set instead: about 22,000 users, 250,000 items \
            with long-tailed popularity, 900,000 interactions and 350,000 directed, homophilous ties \
            (edges.tsv: follower, followed; interactions.tsv: user, item, timestamp).

              socialrec generate --out data --seed 7
              socialrec generate --preset catalogue --out big
              socialrec import --graph big/edges.tsv --interactions big/interactions.tsv --db big.db
            """)

    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case sample, catalogue
    }

    @Option(help: "sample (the small community of data/) or catalogue (benchmark scale).")
    var preset: Preset = .sample

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String = "data"
    @Option(help: "Number of users (default 300; 22,000 for the catalogue preset).") var users: Int?
    @Option(help: "Number of items (default 400; 250,000 for the catalogue preset).") var items: Int?
    @Option(help: "Number of taste groups.") var groups = 6
    @Option(help: "Share of users with only 0–3 interactions.") var coldShare = 0.2
    @Option(help: "Random seed: the same seed writes the same files.") var seed: UInt64 = 7

    func validate() throws {
        guard (users ?? 2) >= 2, (items ?? 2) >= 2, groups >= 1, (0...1).contains(coldShare) else {
            throw ValidationError("need at least 2 users, 2 items, 1 group, and --cold-share between 0 and 1")
        }
    }

    func run() throws {
        try Terminal.reportingErrors {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("\(out) is a file; --out takes a folder to write into")
            }
            if preset == .catalogue {
                var p = CatalogueCommunity.Parameters()
                p.users = users ?? p.users; p.items = items ?? p.items; p.seed = seed
                let community = CatalogueCommunity(p)
                try community.write(to: URL(fileURLWithPath: out))
                print("wrote \(out)/edges.tsv (\(community.ties.count.grouped) ties), "
                    + "\(out)/interactions.tsv (\(community.choices.count.grouped)) over \(p.items.grouped) items")
                return
            }
            var p = SampleCommunity.Parameters()
            p.users = users ?? p.users; p.items = items ?? p.items; p.groups = groups; p.coldShare = coldShare; p.seed = seed
            let community = SampleCommunity(p)
            try community.write(to: URL(fileURLWithPath: out))
            print("wrote \(out)/edges.tsv (\(community.edges.count.grouped) friendships), "
                + "\(out)/interactions.tsv (\(community.interactions.count.grouped)), \(out)/items.tsv (\(community.items.count.grouped) items)")
        }
    }
}
