import ArgumentParser
import Foundation
import RecData
import Recommenders
import SocialGraphModule
import Store

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend items for users in the database, or for newcomers described in a file.",
        discussion: """
            Known users: their interactions in the database are the support set and their friends come \
            from the graph. Newcomers (--support FILE): `user item [value]` lines give each person's few \
            items, and --friends FILE (`user friend` lines, friends being users in the database) their \
            friends; they are adapted on the fly and nothing is stored.

            Output: a table, TSV (`user<TAB>item<TAB>rank<TAB>score` with that header, original IDs) or \
            JSON with item names. --explain adds the friends and which of them brought each item in.

              socialrec recommend 2 1209 -k 5
              socialrec recommend --users cohort.txt --format tsv > top10.tsv
              socialrec recommend --support new.tsv --friends new-friends.tsv --format json
            """)

    @Argument(help: "User IDs as in the imported files.")
    var users: [String] = []

    @Option(name: .customLong("users"), help: ArgumentHelp("A file of user IDs, one per line.", valueName: "file"))
    var usersFile: String?

    @Option(help: ArgumentHelp("Newcomers' interactions: `user item [value]` per line.", valueName: "file"))
    var support: String?

    @Option(help: ArgumentHelp("Newcomers' friends: `user friend` per line (friends are users in the database).", valueName: "file"))
    var friends: String?

    @Option(name: .short, help: "How many items per user.")
    var k = 10

    @Option(help: "table, tsv or json.")
    var format: OutputFormat = .table

    @Flag(help: "List each user's friends and which of them brought each item in.")
    var explain = false

    @Option(help: ArgumentHelp("""
        auto (the newest trained model, else social popularity), model (the newest trained model), \
        or a baseline fitted on the whole database with its default settings (meta-learners are \
        trained by `socialrec train` and served as model).
        """, valueName: "name"))
    var method: MethodChoice = .auto

    @Option(help: ArgumentHelp("Use a checkpoint file written by `train --export` (it must match this database).", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("""
        What an ID that is not in the database gets: popular (the most popular items, counted on \
        standard error), skip (no list, counted) or error (stop before any output).
        """, valueName: "policy"))
    var unknownUsers: UnknownUsers = .popular

    @OptionGroup var database: DatabaseOption

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, tsv, json }

    /// A batch from another system often names people this database has never seen; the default
    /// serves them what a cold start without friends gets anyway, and says how many there were.
    enum UnknownUsers: String, ExpressibleByArgument, CaseIterable { case popular, skip, error }

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
        guard !users.isEmpty || usersFile != nil || support != nil else {
            throw ValidationError("Name users, give --users FILE, or describe newcomers with --support FILE.")
        }
        if friends != nil && support == nil { throw ValidationError("--friends goes with --support.") }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let store = try SocialStore(path: database.db, access: .readOnly)
            let dataset = try store.loadDataset()
            let visible = VisibleData(dataset)
            let index = visible.interactions
            let recommender = try RecommenderChoice.make(method, checkpoint: checkpoint, visible: visible, store: store)
            var (people, unknown) = try knownPeople(dataset, index: index)
            if let support { people += try Newcomers.read(support: support, friends: friends, dataset: dataset) }
            let popular = MostPopular(visible)
            let results = people.map { person in
                RecommendationOutput.result(for: person, by: person.isUnknown ? popular : recommender, count: k,
                                            explain: explain && !person.isUnknown)
            }
            if !unknown.isEmpty {
                let shown = unknown.prefix(3).map { "'\(Terminal.printable($0))'" }.joined(separator: ", ") + (unknown.count > 3 ? ", …" : "")
                Terminal.error("\(unknown.count) unknown user(s) (\(shown)) "
                               + (unknownUsers == .popular ? "got the most popular items" : "were skipped"))
            }
            let output = RecommendationOutput(dataset: dataset, graph: dataset.graph, explain: explain)
            switch format {
            case .table: print(output.table(results))
            case .tsv: print(output.tsv(results), terminator: "")
            case .json: print(try output.json(results))
            }
        }
    }

    /// The people named, and the IDs the database does not know (handled by `--unknown-users`).
    func knownPeople(_ dataset: SocialDataset, index: InteractionIndex) throws -> (people: [Person], unknown: [String]) {
        var ids = users
        if let usersFile {
            let text = try TextSource(path: usersFile)
            try RecordScanner(text, format: TableFormat(header: .absent)).forEachRecord { ids.append($0.string(0)) }
        }
        var people: [Person] = [], unknown: [String] = []
        for id in ids {
            guard let u = dataset.users.index(of: id) else {
                if unknownUsers == .error { throw ValidationError("no user '\(Terminal.printable(id))' in \(database.db)") }
                unknown.append(id)
                if unknownUsers == .popular { people.append(Person(id: id, request: RecommendationRequest(user: nil, supportItems: []), isUnknown: true)) }
                continue
            }
            people.append(Person(id: id, request: RecommendationRequest(user: u, supportItems: Array(index.items(of: u)),
                                                                        supportValues: Array(index.values(of: u)))))
        }
        return (people, unknown)
    }
}

/// Someone to recommend for, with the ID to print.
struct Person {
    var id: String
    var request: RecommendationRequest
    /// Not in the database: served the most popular items.
    var isUnknown = false
}
