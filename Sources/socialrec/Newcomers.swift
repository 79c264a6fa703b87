import ArgumentParser
import RecData
import Recommenders
import SocialGraphModule

/// Reads people who are not in the database: their items and their friends, by original IDs.
enum Newcomers {
    /// A newcomer whose ID is a user's would silently be a second person of that name.
    static func refuseKnown(_ id: String, file: String, line: Int, dataset: SocialDataset) throws {
        guard dataset.users.index(of: id) == nil else {
            throw InputError(file: file, line: line, "'\(Terminal.printable(id))' is already a user in the database; "
                             + "recommend for them by name, or give the newcomer another ID")
        }
    }

    static func read(support: String, friends: String?, dataset: SocialDataset) throws -> [Person] {
        var order: [String] = []
        var items: [String: [(Int32, Float)]] = [:]
        try RecordScanner.forEachPair(inFile: support) { r in
            let user = r.string(0), itemID = r.string(1)
            try refuseKnown(user, file: support, line: r.line, dataset: dataset)
            guard let item = dataset.items.index(of: itemID) else {
                throw InputError(file: support, line: r.line, "unknown item '\(Terminal.printable(itemID))' (not in the database)")
            }
            var value: Float = 1
            if r.count >= 3 {
                guard let v = NumberParsing.double(r.field(2)) else {
                    throw InputError(file: support, line: r.line, "value '\(Terminal.printable(r.string(2)))' is not a finite number")
                }
                value = Float(v)
                // The same rule as `import`: a rating outside the dataset's scale is refused.
                if case .explicit(let low, let high) = dataset.interactions.feedback, !(low...high).contains(value) {
                    throw InputError(file: support, line: r.line, "rating \(r.string(2)) is outside the dataset's range \(low)–\(high)")
                } else if value < 0 {
                    throw InputError(file: support, line: r.line, "value \(r.string(2)) is negative")
                }
            }
            if items[user] == nil { order.append(user) }
            // An item listed twice is one known item (its first value kept).
            if !(items[user] ?? []).contains(where: { $0.0 == item }) { items[user, default: []].append((item, value)) }
        }
        var named: [String: [Int32]] = [:]
        if let friends {
            try RecordScanner.forEachPair(inFile: friends, second: "friend") { r in
                let friendID = r.string(1)
                guard let friend = dataset.users.index(of: friendID) else {
                    throw InputError(file: friends, line: r.line, "unknown friend '\(Terminal.printable(friendID))' (not a user in the database)")
                }
                let user = r.string(0)
                try refuseKnown(user, file: friends, line: r.line, dataset: dataset)
                if items[user] == nil && named[user] == nil { order.append(user) }
                if !(named[user] ?? []).contains(friend) { named[user, default: []].append(friend) }
            }
        }
        return order.map { id in
            let chosen = items[id] ?? []
            return Person(id: id, request: RecommendationRequest(user: nil, supportItems: chosen.map(\.0),
                                                                 supportValues: chosen.map(\.1), friends: named[id] ?? []))
        }
    }
}
