import ArgumentParser
import RecData
import Recommenders
import SocialGraph

/// Reads people who are not in the database: their items and their friends, by original IDs.
enum Newcomers {
    static func read(support: String, friends: String?, dataset: SocialDataset) throws -> [Person] {
        var order: [String] = []
        var items: [String: [(Int32, Float)]] = [:]
        let source = try TextSource(path: support)
        try RecordScanner(source).forEachRecord { r in
            guard r.count >= 2 else { throw InputError(file: support, line: r.line, "expected user and item, found \(r.count) column(s)") }
            let user = r.string(0), itemID = r.string(1)
            guard let item = dataset.items.index(of: itemID) else {
                throw InputError(file: support, line: r.line, "unknown item '\(itemID)' (not in the database)")
            }
            var value: Float = 1
            if r.count >= 3 {
                guard let v = NumberParsing.double(r.field(2)) else {
                    throw InputError(file: support, line: r.line, "value '\(r.string(2))' is not a finite number")
                }
                value = Float(v)
            }
            if items[user] == nil { order.append(user) }
            items[user, default: []].append((item, value))
        }
        var named: [String: [Int32]] = [:]
        if let friends {
            let source = try TextSource(path: friends)
            try RecordScanner(source).forEachRecord { r in
                guard r.count >= 2 else { throw InputError(file: friends, line: r.line, "expected user and friend, found \(r.count) column(s)") }
                let friendID = r.string(1)
                guard let friend = dataset.users.index(of: friendID) else {
                    throw InputError(file: friends, line: r.line, "unknown friend '\(friendID)' (not a user in the database)")
                }
                let user = r.string(0)
                if items[user] == nil && named[user] == nil { order.append(user) }
                named[user, default: []].append(friend)
            }
        }
        return order.map { id in
            let chosen = items[id] ?? []
            return Person(id: id, request: RecommendationRequest(user: nil, supportItems: chosen.map(\.0),
                                                                 supportValues: chosen.map(\.1), friends: named[id] ?? []))
        }
    }
}
