import GRDB
import RecData
import SocialGraphModule

extension SocialStore {
    /// Loads the whole dataset into memory (dense indices as stored).
    /// - Throws: `StoreError.empty` when no dataset has been imported (the `meta` table lacks the graph's direction
    ///   or a readable feedback kind); `StoreError.corrupt` when the ids of users, items or features are not 0, 1, 2, …
    ///   in order, or an item feature names an item or feature that does not exist; and `DatabaseError` when SQLite
    ///   cannot read the database.
    public func loadDataset() throws -> SocialDataset {
        try pool.read { db in
            let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM meta")
                .reduce(into: [String: String]()) { $0[$1["key"]] = $1["value"] }
            guard let directed = meta["directed"], let feedback = Self.decodeFeedback(meta["feedback"]) else {
                throw StoreError.empty(path: path)
            }
            let users = try Self.loadIDs(db, table: "users", path: path)
            var items = IDMap()
            var names: [String?] = []
            let itemRows = try Row.fetchCursor(db, sql: "SELECT id, external_id, name FROM items ORDER BY id")
            while let row = try itemRows.next() {
                let id: Int64 = row[0]
                let external: String = row[1]
                guard items.intern(external) == id else { throw StoreError.corrupt(path: path, reason: "item ids are not dense") }
                names.append(row[2])
            }
            let weighted = meta["weighted"] == "true"
            var edges = EdgeList(weighted: weighted)
            let edgeRows = try Row.fetchCursor(db, sql: "SELECT source, target, weight FROM edges ORDER BY source, target")
            while let row = try edgeRows.next() {
                edges.sources.append(row[0])
                edges.targets.append(row[1])
                if weighted { edges.weights!.append(Float(row[2] as Double)) }
            }
            let graph = SocialGraph(nodeCount: users.count, edges: edges, undirected: directed != "true")
            var interactions = Interactions(feedback: feedback, hasTimestamps: meta["timestamps"] == "true")
            let rows = try Row.fetchCursor(db, sql: "SELECT user, item, value, timestamp FROM interactions ORDER BY user, item")
            while let row = try rows.next() {
                interactions.append(user: row[0], item: row[1], value: Float(row[2] as Double), timestamp: row[3])
            }
            return SocialDataset(users: users, items: items, itemNames: names, graph: graph, interactions: interactions,
                                 itemFeatures: try Self.loadFeatures(db, itemCount: items.count, path: path))
        }
    }

    /// Features as stored (none in a database made before they existed, opened read-only).
    static func loadFeatures(_ db: Database, itemCount: Int, path: String) throws -> ItemFeatures {
        guard try db.tableExists("item_features") else { return ItemFeatures(itemCount: itemCount) }
        let features = try loadIDs(db, table: "features", path: path)
        var triples: [(item: Int32, feature: Int32, weight: Float)] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT item, feature, weight FROM item_features ORDER BY item, feature")
        while let row = try rows.next() {
            let item: Int64 = row[0], feature: Int64 = row[1]
            guard (0..<Int64(itemCount)).contains(item), (0..<Int64(features.count)).contains(feature) else {
                throw StoreError.corrupt(path: path, reason: "an item feature names an item or feature that does not exist")
            }
            triples.append((Int32(item), Int32(feature), Float(row[2] as Double)))
        }
        return ItemFeatures(itemCount: itemCount, features: features, triples: triples)
    }

    /// A table's (id, external_id) rows, which must number 0, 1, 2, … in order.
    static func loadIDs(_ db: Database, table: String, path: String) throws -> IDMap {
        var ids = IDMap()
        let rows = try Row.fetchCursor(db, sql: "SELECT id, external_id FROM \(table) ORDER BY id")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let external: String = row[1]
            guard ids.intern(external) == id else { throw StoreError.corrupt(path: path, reason: "\(table) ids are not dense") }
        }
        return ids
    }
}
