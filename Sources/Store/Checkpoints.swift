import Foundation
import GRDB

/// A stored model checkpoint. `blob` is the checkpoint itself (self-checking); the other columns
/// let a user list checkpoints without decoding them.
public struct CheckpointRecord: Sendable {
    public var id: Int64
    public var createdAt: String
    public var method: String
    public var formatVersion: Int
    public var datasetFingerprint: String
    public var checksum: String
    public var hyperparameters: String
    public var blob: Data
}

extension SocialStore {
    @discardableResult
    public func saveCheckpoint(method: String, formatVersion: Int, datasetFingerprint: String, checksum: String,
                               hyperparameters: String, blob: Data) throws -> Int64 {
        try requireWritable()
        return try pool.write { db in
            // In the same transaction as the insert: a `train` that raced an `import --replace`
            // must not save a model of the data that is gone.
            let current = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
            guard current == datasetFingerprint else {
                throw StoreError.datasetChanged(path: path)
            }
            try db.execute(sql: """
                INSERT INTO checkpoints (created_at, method, format_version, dataset_fingerprint, checksum, hyperparameters, parameters)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [ISO8601DateFormatter().string(from: Date()), method, formatVersion, datasetFingerprint,
                                 checksum, hyperparameters, blob])
            return db.lastInsertedRowID
        }
    }

    /// The newest checkpoint's id, without reading its parameters: what a server polls.
    public func latestCheckpointID() throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM checkpoints") }
    }

    /// The newest checkpoint (of `method`, when given).
    public func latestCheckpoint(method: String? = nil) throws -> CheckpointRecord? {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT * FROM checkpoints WHERE (? IS NULL OR method = ?) ORDER BY id DESC LIMIT 1
                """, arguments: [method, method])
            return row.map {
                CheckpointRecord(id: $0["id"], createdAt: $0["created_at"], method: $0["method"], formatVersion: $0["format_version"],
                                 datasetFingerprint: $0["dataset_fingerprint"], checksum: $0["checksum"],
                                 hyperparameters: $0["hyperparameters"], blob: $0["parameters"])
            }
        }
    }
}
