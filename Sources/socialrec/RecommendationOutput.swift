import Foundation
import Recommenders
import SocialGraph

/// Prints recommendations with original IDs and item names.
struct RecommendationOutput {
    let dataset: SocialDataset
    let graph: SocialGraph
    let explain: Bool

    func table(_ results: [(Person, [ScoredItem])]) -> String {
        var lines: [String] = []
        for (person, items) in results {
            lines.append("\(person.id) (\(person.request.supportItems.count) known items, \(friendIDs(person).count) friends)")
            for (rank, s) in items.enumerated() {
                var line = String(format: "  %2d. %@  %.4f", rank + 1, dataset.itemName(s.item), s.score)
                if explain && !s.broughtBy.isEmpty {
                    line += "  ← " + s.broughtBy.prefix(5).map { dataset.users.externalID($0) }.joined(separator: ", ")
                        + (s.broughtBy.count > 5 ? " and \(s.broughtBy.count - 5) more" : "")
                }
                lines.append(line)
            }
            if items.isEmpty { lines.append("  (nothing to recommend)") }
        }
        return lines.joined(separator: "\n")
    }

    func tsv(_ results: [(Person, [ScoredItem])]) -> String {
        var out = "user\titem\trank\tscore\n"
        for (person, items) in results {
            for (rank, s) in items.enumerated() {
                out += "\(person.id)\t\(dataset.items.externalID(s.item))\t\(rank + 1)\t\(String(format: "%.6g", s.score))\n"
            }
        }
        return out
    }

    struct JSONItem: Encodable { var item: String; var name: String; var rank: Int; var score: Float; var broughtBy: [String]? }
    struct JSONPerson: Encodable { var user: String; var friends: [String]?; var recommendations: [JSONItem] }

    func json(_ results: [(Person, [ScoredItem])]) throws -> String {
        let people = results.map { person, items in
            JSONPerson(user: person.id, friends: explain ? friendIDs(person) : nil, recommendations: items.enumerated().map { rank, s in
                JSONItem(item: dataset.items.externalID(s.item), name: dataset.itemName(s.item), rank: rank + 1, score: s.score,
                         broughtBy: explain ? s.broughtBy.map { dataset.users.externalID($0) } : nil)
            })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(people), as: UTF8.self)
    }

    func friendIDs(_ person: Person) -> [String] {
        person.request.friends(in: graph).map { dataset.users.externalID($0) }
    }
}
