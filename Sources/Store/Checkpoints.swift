import Foundation
import GRDB

/// A stored model checkpoint. `blob` is the checkpoint itself (self-checking); the other columns
/// let a user list checkpoints without decoding them.
public struct CheckpointRecord: Sendable {
    /// The row's id: increasing, so the newest checkpoint has the largest.
    public var id: Int64
    /// When it was saved, ISO 8601 in UTC.
    public var createdAt: String
    /// The method's name (`social-maml`, …).
    public var method: String
    /// The checkpoint format's version, checked before the blob is decoded.
    public var formatVersion: Int
    /// The fingerprint of the dataset the model was trained on: a model of other data is refused.
    public var datasetFingerprint: String
    /// The blob's checksum as the saver computed it (`ModelCheckpoint.checksum`), hex.
    public var checksum: String
    /// The configuration in words, as `train` prints it.
    public var hyperparameters: String
    /// The checkpoint itself.
    public var blob: Data
}

extension SocialStore {
    /// Saves a checkpoint in one transaction, unless the dataset changed since training began.
    /// - Parameters:
    ///   - method: the method's name.
    ///   - formatVersion: the checkpoint format's version.
    ///   - datasetFingerprint: the fingerprint of the data the model was trained on.
    ///   - checksum: the blob's checksum, hex.
    ///   - hyperparameters: the configuration in words.
    ///   - blob: the checkpoint.
    /// - Returns: the new checkpoint's id.
    /// - Throws: `StoreError.readOnly`, or `StoreError.datasetChanged` when the stored dataset is no
    ///   longer the one `datasetFingerprint` names.
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
    /// - Returns: the largest id, nil when no checkpoint has been saved (or the last import replaced them).
    /// - Throws: `DatabaseError` when SQLite cannot read the database.
    public func latestCheckpointID() throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM checkpoints") }
    }

    /// The newest checkpoint (of `method`, when given).
    /// - Parameter method: the method's name (`social-maml`, …); nil takes the newest of any method.
    /// - Returns: the checkpoint with the largest id, blob included; nil when there is none (of `method`).
    /// - Throws: `DatabaseError` when SQLite cannot read the database.
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
