import Foundation
import GRDB
import RecData
import SocialGraphModule

extension SocialStore {
    /// Writes `dataset` in one transaction. A database that already holds a dataset is refused unless
    /// `replace` is true; replacing also drops the checkpoints and evaluation runs of the old data.
    /// `progress(rowsWritten, rowsTotal)` is called now and then; throwing from it cancels the import
    /// and leaves the database as it was.
    /// - Parameters:
    ///   - dataset: the dataset to store.
    ///   - sources: extra `meta` rows, such as where the files came from; the keys the import sets itself (`directed`,
    ///     `weighted`, `feedback`, `timestamps`, `fingerprint`, `imported_at`) win over them.
    ///   - replace: whether a dataset already there is replaced, with its checkpoints and evaluation runs; false
    ///     refuses to touch it.
    ///   - progress: told (rows written, rows in all) every 16,384 rows, and once more at the end; nil reports nothing.
    /// - Throws: `StoreError.readOnly` on a read-only connection; `StoreError.notEmpty` when the database holds a
    ///   dataset and `replace` is false; whatever `progress` throws; and `DatabaseError` when SQLite fails (a full
    ///   disk, say). Nothing is written then.
    public func importDataset(
        _ dataset: SocialDataset, sources: [String: String] = [:], replace: Bool = false,
        progress: ((Int, Int) throws -> Void)? = nil
    ) throws {
        let total = dataset.users.count + dataset.items.count + dataset.graph.arcCount + dataset.interactions.count
            + dataset.itemFeatures.features.count + dataset.itemFeatures.assignmentCount
        let fingerprint = dataset.fingerprint
        try requireWritable()
        try pool.write { db in
            let users = try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0
            let metaRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") ?? 0
            if users > 0 || metaRows > 0 {
                guard replace else {
                    let items = try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0
                    throw StoreError.notEmpty(path: path, users: users, items: items)
                }
                for table in ["meta", "users", "items", "edges", "interactions", "features", "item_features", "checkpoints", "evaluation_runs"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
            }
            var written = 0
            func tick() throws {
                written += 1
                if written & 0x3FFF == 0 { try progress?(written, total) }
            }
            try Self.insertIDs(dataset.users, table: "users", db: db, tick: tick)
            let itemInsert = try BulkInsert(db, sql: "INSERT INTO items (id, external_id, name) VALUES (?, ?, ?)")
            for i in 0..<dataset.items.count {
                itemInsert.bind(1, Int64(i))
                try itemInsert.withText(2, dataset.items.externalID(Int32(i))) {
                    try itemInsert.withText(3, dataset.itemNames[i]) { try itemInsert.step() }
                }
                try tick()
            }
            let edgeInsert = try BulkInsert(db, sql: "INSERT INTO edges (source, target, weight) VALUES (?, ?, ?)")
            try dataset.graph.forEachArc { u, v, w in
                edgeInsert.bind(1, Int64(u)); edgeInsert.bind(2, Int64(v)); edgeInsert.bind(3, Double(w))
                try edgeInsert.step()
                try tick()
            }
            try Self.insertInteractions(dataset.interactions, db: db, tick: tick)
            try Self.insertFeatures(dataset.itemFeatures, db: db, tick: tick)
            let meta: [String: String] = sources.merging([
                "directed": dataset.graph.isDirected ? "true" : "false",
                "weighted": dataset.graph.isWeighted ? "true" : "false",
                "feedback": Self.encode(dataset.interactions.feedback),
                "timestamps": dataset.interactions.timestamps == nil ? "false" : "true",
                "fingerprint": fingerprint,
                "imported_at": ISO8601DateFormatter().string(from: Date()),
            ]) { _, new in new }
            for (key, value) in meta {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            // Inside the transaction, so that a cancel at the very end still leaves nothing written.
            try progress?(total, total)
        }
    }

    /// Interactions go in primary-key order, so SQLite appends to its B-tree instead of splitting pages.
    static func insertInteractions(_ interactions: Interactions, db: Database, tick: () throws -> Void) throws {
        let insert = try BulkInsert(db, sql: "INSERT INTO interactions (user, item, value, timestamp) VALUES (?, ?, ?, ?)")
        for k in interactions.userItemOrder {
            insert.bind(1, Int64(interactions.users[k]))
            insert.bind(2, Int64(interactions.items[k]))
            insert.bind(3, Double(interactions.values[k]))
            if let t = interactions.timestamps?[k] { insert.bind(4, t) } else { insert.bindNull(4) }
            try insert.step()
            try tick()
        }
    }

    /// `ids` as (id, external_id) rows of `table`.
    static func insertIDs(_ ids: IDMap, table: String, db: Database, tick: () throws -> Void) throws {
        let insert = try BulkInsert(db, sql: "INSERT INTO \(table) (id, external_id) VALUES (?, ?)")
        for k in 0..<ids.count {
            insert.bind(1, Int64(k))
            try insert.withText(2, ids.externalID(Int32(k))) { try insert.step() }
            try tick()
        }
    }

    static func insertFeatures(_ features: ItemFeatures, db: Database, tick: () throws -> Void) throws {
        try insertIDs(features.features, table: "features", db: db, tick: tick)
        let insert = try BulkInsert(db, sql: "INSERT INTO item_features (item, feature, weight) VALUES (?, ?, ?)")
        for i in 0..<Int32(features.itemCount) {
            for (f, w) in zip(features.features(of: i), features.weights(of: i)) {
                insert.bind(1, Int64(i)); insert.bind(2, Int64(f)); insert.bind(3, Double(w))
                try insert.step()
                try tick()
            }
        }
    }

    static func encode(_ feedback: Feedback) -> String {
        switch feedback {
        case .implicit: return "implicit"
        case .explicit(let lo, let hi): return "explicit:\(lo):\(hi)"
        }
    }

    static func decodeFeedback(_ text: String?) -> Feedback? {
        guard let text else { return nil }
        if text == "implicit" { return .implicit }
        let parts = text.split(separator: ":")
        guard parts.count == 3, parts[0] == "explicit", let lo = Float(parts[1]), let hi = Float(parts[2]) else { return nil }
        return .explicit(min: lo, max: hi)
    }
}
