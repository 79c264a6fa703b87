import Foundation
import Recommenders
import SocialGraphModule

/// Prints recommendations with original IDs and item names.
struct RecommendationOutput {
    let dataset: SocialDataset
    let graph: SocialGraph
    let explain: Bool

    /// A person's list, with the influence of their context friends when the method has it.
    typealias Result = (person: Person, items: [ScoredItem], influence: [(friend: Int32, weight: Float)]?)

    /// A person's list from `recommender`, with the influence of the same adaptation when
    /// `explain` asks and the method has it: what `recommend` prints and `serve` answers.
    static func result(for person: Person, by recommender: any Recommender, count: Int, explain: Bool) -> Result {
        if explain, let explaining = recommender as? any ExplainingRecommender {
            let list = explaining.explainedList(person.request, count: count)
            return (person, list.items, list.influence)
        }
        return (person, recommender.recommend(person.request, count: count), nil)
    }

    func table(_ results: [Result]) -> String {
        var lines: [String] = []
        for (person, items, influence) in results {
            lines.append("\(Terminal.printable(person.id)) (\(person.request.supportItems.count) known items, \(friendIDs(person).count) friends)")
            if explain, let weights = influence {
                lines.append("  influence: " + (weights.isEmpty ? "no friends with visible interactions"
                    : weights.map { "\(Terminal.printable(dataset.users.externalID($0.0))) \(String(format: "%.2f", $0.1))" }
                        .joined(separator: ", ")))
            }
            for (rank, s) in items.enumerated() {
                var line = String(format: "  %2d. %@  %.4f", rank + 1, Terminal.printable(dataset.itemName(s.item)), s.score)
                if explain && !s.broughtBy.isEmpty {
                    line += "  ← " + s.broughtBy.prefix(5).map { Terminal.printable(dataset.users.externalID($0)) }.joined(separator: ", ")
                        + (s.broughtBy.count > 5 ? " and \(s.broughtBy.count - 5) more" : "")
                }
                lines.append(line)
            }
            if items.isEmpty { lines.append("  (nothing to recommend)") }
        }
        return lines.joined(separator: "\n")
    }

    func tsv(_ results: [Result]) -> String {
        var out = "user\titem\trank\tscore\n"
        for (person, items, _) in results {
            for (rank, s) in items.enumerated() {
                out += "\(Self.field(person.id))\t\(Self.field(dataset.items.externalID(s.item)))\t\(rank + 1)\t\(String(format: "%.6g", s.score))\n"
            }
        }
        return out
    }

    /// A TSV field: quoted the way the readers accept (doubled inner quotes) when it holds a tab or
    /// a quote, so an ID from a CSV file cannot shift the columns.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct JSONItem: Encodable { var item: String; var name: String; var rank: Int; var score: Float; var broughtBy: [String]? }
    struct JSONInfluence: Encodable { var friend: String; var weight: Float }
    struct JSONPerson: Encodable { var user: String; var friends: [String]?; var influence: [JSONInfluence]?; var recommendations: [JSONItem] }

    func json(_ results: [Result]) throws -> String {
        let encoder = JSONEncoder.reproducible(prettyPrinted: true)
        return String(decoding: try encoder.encode(people(results)), as: UTF8.self)
    }

    /// The people as `--format json` gives them (and `serve` answers).
    func people(_ results: [Result]) -> [JSONPerson] {
        results.map { person, items, influence in
            JSONPerson(user: person.id, friends: explain ? friendIDs(person) : nil,
                       influence: explain ? influence?.map { JSONInfluence(friend: dataset.users.externalID($0.0), weight: $0.1) } : nil,
                       recommendations: items.enumerated().map { rank, s in
                JSONItem(item: dataset.items.externalID(s.item), name: dataset.itemName(s.item), rank: rank + 1, score: s.score,
                         broughtBy: explain ? s.broughtBy.map { dataset.users.externalID($0) } : nil)
            })
        }
    }

    func friendIDs(_ person: Person) -> [String] {
        person.request.friends(in: graph).map { dataset.users.externalID($0) }
    }
}
