import ArgumentParser
import Foundation
import GraphvizExport
import Recommenders
import RecData
import SocialGraphModule
import Store

struct EgoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ego",
        abstract: "Draw a user's ego-network: whose influence shapes their recommendations.",
        discussion: """
            The user sits at the centre; friends are sized and coloured by influence, friends of friends \
            are paler, line width shows tie strength, and with --recommendations the top items appear as \
            boxes linked to the friends who brought them in. Rendering runs in-process through Graphviz. \
            Influence comes from the newest trained model (softmax of the learned scorer over the tie \
            features of the drawn friends), or from personalised PageRank when no model is trained; \
            the legend says which.

              socialrec ego 2 --out ego.svg
              socialrec ego 2 --hops 2 --max-nodes 150 --recommendations 5 --out ego.png
            """)

    @Argument(help: "The user's ID, as in the imported files.")
    var user: String

    @Option(help: "1: friends only; 2: friends of friends too.")
    var hops = 1

    @Option(help: "Most people to draw (the user included); the rest are counted in the drawing.")
    var maxNodes = 200

    @Option(help: "Layout: sfdp, neato, fdp, circo or dot (dot and circo are slow on dense graphs).")
    var layout = "sfdp"

    @Option(help: "Also draw the top K recommendations, linked to the friends who brought them in.")
    var recommendations = 0

    @Option(help: ArgumentHelp("Output file, or - for standard output (SVG unless --format says otherwise); the format follows the extension (.svg, .png, .pdf, .dot).", valueName: "file"))
    var out: String = "ego.svg"

    @Option(help: "Format, overriding the extension: svg, png, pdf or dot.")
    var format: String?

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard hops == 1 || hops == 2 else { throw ValidationError("--hops must be 1 or 2") }
        guard maxNodes >= 1 else { throw ValidationError("--max-nodes must be at least 1") }
        guard recommendations >= 0 else { throw ValidationError("--recommendations must be 0 or more") }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let layout = try GraphvizLayout(named: self.layout)
            let format = try self.format.map { try GraphvizFormat(named: $0) } ?? (out == "-" ? .svg : nil)
            try OutputFile.check(out, option: "--out")
            let store = try SocialStore(path: database.db, access: .readOnly)
            let dataset = try store.loadDataset()
            guard let u = dataset.users.index(of: user) else {
                throw ValidationError("no user '\(user)' in \(database.db)")
            }
            let model = try store.latestCheckpoint().map { record in
                (try RecommenderChoice.decode(record.blob, store: store, origin: "\(database.db): checkpoint \(record.id)"), record.id)
            }
            let (drawing, ego) = Self.drawing(of: u, in: dataset, visible: VisibleData(dataset), model: model,
                                              hops: hops, maxNodes: maxNodes, recommendations: recommendations)
            try GraphvizRenderer().write(drawing, to: URL(fileURLWithPath: out), layout: layout, format: format)
            let summary = "wrote \(out == "-" ? "standard output" : out): \(ego.members.count) people (\(ego.omitted) more not shown), "
                + "\(drawing.ties.count) ties, \(drawing.items.count) items"
            // With the drawing on standard output, the summary goes to standard error.
            if out == "-" { FileHandle.standardError.write(Data((summary + "\n").utf8)) } else { print(summary) }
        }
    }

    /// The drawing `ego` makes (and `serve` returns): the ego-network of `user`, influence from
    /// `model`'s adaptation (the call `recommend --explain` makes; friends outside the context sets
    /// weigh nothing in it) or personalised PageRank without a model, and the top items.
    static func drawing(
        of u: Int32, in dataset: SocialDataset, visible: VisibleData, model: (model: SocialMetaModel, checkpoint: Int64)?,
        hops: Int, maxNodes: Int, recommendations: Int
    ) -> (InfluenceDrawing, EgoNetwork) {
        var builder = EgoNetworkBuilder(graph: dataset.graph)
        let ego = builder.egoNetwork(of: u, hops: hops, maxNodes: maxNodes)
        var ppr = PersonalisedPageRank(graph: dataset.graph)
        let reach = Dictionary(uniqueKeysWithValues: ppr.scores(from: u).map { ($0.node, $0.score) })
        let index = visible.interactions
        var influence = ego.members.map { reach[$0] ?? 0 }
        var source = InfluenceSource.personalisedPageRank
        var items: [(item: Int32, score: Double, broughtBy: [Int32])] = []
        let request = RecommendationRequest(user: u, supportItems: Array(index.items(of: u)), supportValues: Array(index.values(of: u)))
        if let (model, checkpoint) = model {
            let list = SocialMetaRecommender(model: model, data: visible, candidates: .graph(limit: 500))
                .explainedList(request, count: recommendations)
            let weights = Dictionary(uniqueKeysWithValues: list.influence.map { ($0.friend, Double($0.weight)) })
            influence = ego.members.map { weights[$0] ?? 0 }
            source = .model(name: "\(model.configuration.method.rawValue) (checkpoint \(checkpoint))")
            items = list.items.map { ($0.item, Double($0.score), $0.broughtBy) }
        } else if recommendations > 0 {
            items = SocialPopularity(visible).recommend(request, count: recommendations).map { ($0.item, Double($0.score), $0.broughtBy) }
        }
        return (InfluenceDrawing.egoNetwork(dataset, ego: ego, influence: influence, source: source, recommendations: items), ego)
    }
}
