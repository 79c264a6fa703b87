import ArgumentParser
import Evaluation
import Foundation
import RecData
import Recommenders
import Store

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict ratings for (user, item) pairs (explicit data).",
        discussion: """
            --pairs is a file of `user item` lines (original IDs). Output: `user<TAB>item<TAB>score` with \
            that header, the predicted rating on the dataset's scale. The meta-learners rank rather \
            than predict ratings, so predictions come from a rating model fitted on the database:
            SocialMF (a trust-aware factorisation; default) or the damped item mean.

              socialrec predict --pairs pairs.tsv > predicted.tsv
            """)

    @Option(help: ArgumentHelp("`user item` per line.", valueName: "file"))
    var pairs: String

    @Option(help: "social-mf or item-mean.")
    var method: Method = .socialMF

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard method.predictsRatings else {
            throw ValidationError("\(method.name) ranks items but does not predict ratings; use social-mf or item-mean")
        }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let store = try SocialStore(path: database.db, access: .readOnly)
            let dataset = try store.loadDataset()
            guard dataset.interactions.feedback.isExplicit else {
                throw ValidationError("\(database.db) holds implicit feedback; predict needs ratings (import with --rating-range)")
            }
            let visible = VisibleData(dataset)
            let index = visible.interactions
            let predictor = method.recommender(on: visible) as! any RatingPredictor
            var out = "user\titem\tscore\n"
            try RecordScanner.forEachPair(inFile: pairs) { r in
                let userID = r.string(0), itemID = r.string(1)
                guard let user = dataset.users.index(of: userID) else { throw InputError(file: pairs, line: r.line, "unknown user '\(userID)'") }
                guard let item = dataset.items.index(of: itemID) else { throw InputError(file: pairs, line: r.line, "unknown item '\(itemID)'") }
                let request = RecommendationRequest(user: user, supportItems: Array(index.items(of: user)),
                                                    supportValues: Array(index.values(of: user)))
                let score = predictor.predictRatings(request, items: [item])[0]
                out += "\(userID)\t\(itemID)\t\(String(format: "%.4g", score))\n"
            }
            print(out, terminator: "")
        }
    }
}

extension Method: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}
