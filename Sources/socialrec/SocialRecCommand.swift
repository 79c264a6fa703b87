import ArgumentParser

@main
struct SocialRecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socialrec",
        abstract: "Graph-aware social recommendation for people with almost no history.",
        discussion: """
            Import a social graph and user–item interactions into an SQLite database, meta-learn how to \
            adapt to a new person from a handful of items and their friends, recommend, draw whose \
            influence shapes a recommendation, and compare methods on cold-start users.

            A first session:
              socialrec generate --out sample
              socialrec import --graph sample/edges.tsv --undirected \\
                  --interactions sample/interactions.tsv --items sample/items.tsv
              socialrec train
              socialrec recommend u001 --explain
              socialrec ego u001 --recommendations 5 --out ego.svg
              socialrec evaluate --methods social-popularity,maml,social-maml --seeds 1
            """,
        subcommands: [ImportCommand.self, StatsCommand.self, TrainCommand.self, RecommendCommand.self, PredictCommand.self, EvaluateCommand.self, ScoreCommand.self, EgoCommand.self, ServeCommand.self, GenerateCommand.self])
}

/// `--db PATH`, shared by every command that reads or writes the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file.", valueName: "path"))
    var db: String = "socialrec.db"
}
