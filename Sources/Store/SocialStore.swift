import Foundation
import GRDB
import RecData
import SocialGraphModule

/// The embedded SQLite database that holds one dataset, its model checkpoints and evaluation runs.
///
/// WAL mode with a busy timeout, so readers (`recommend`, `ego`) and one writer (`train`) share the
/// file. Every write of a dataset is one transaction: on any error the database is as it was.
public final class SocialStore: Sendable {
    /// The database file.
    public let path: String
    let pool: any DatabaseWriter
    /// Whether this connection may write.
    public let access: Access

    /// The file every command uses without `--db`, in the current directory.
    public static let defaultPath = "socialrec.db"

    /// What a command may do to the file.
    public enum Access: Sendable {
        /// Open an existing socialrec database without ever writing to it: no migration, no journal
        /// change, nothing created. Works on read-only files and folders, and never waits for a writer.
        case readOnly
        /// Open an existing socialrec database and bring its schema up to date (`train`).
        case readWrite
        /// As `readWrite`, creating the file if there is none (`import`).
        case create
    }

    /// Opens the database at `path`. Whatever the access, a file that another program made (SQLite tables
    /// but no socialrec schema), or that a newer socialrec made, is refused and left as it was.
    /// - Parameters:
    ///   - path: the database file; `socialrec.db` in the current directory by default.
    ///   - access: what the connection may do: `.readOnly` never writes, `.readWrite` brings an existing file's schema
    ///     up to date, and `.create` (the default) does so too, making the file when there is none.
    /// - Throws: `StoreError.missing` when there is no file at `path` and `access` is not `.create`;
    ///   `StoreError.notSocialrec` for another program's tables, or (read-only) an empty database or one whose schema
    ///   lacks a step; `StoreError.newerSchema` for a newer socialrec's schema; and `StoreError.cannotOpen` with
    ///   SQLite's reason when SQLite cannot open, read or migrate the file (not a database, no permission, say).
    public init(path: String = SocialStore.defaultPath, access: Access = .create) throws {
        self.path = path
        self.access = access
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        do {
            switch access {
            case .readOnly:
                guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
                configuration.readonly = true
                // A reader in WAL mode never waits for a writer; this only covers a checkpoint's instant.
                configuration.busyMode = .timeout(5)
                let queue = try DatabaseQueue(path: Self.readOnlyLocation(path), configuration: configuration)
                try queue.read { db in try Self.checkSchema(db, path: path, readOnly: true) }
                pool = queue
            case .readWrite, .create:
                let exists = FileManager.default.fileExists(atPath: path)
                guard exists || access == .create else { throw StoreError.missing(path: path) }
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                if exists {
                    // Looked at read-only first: a foreign or newer file must not get our tables or WAL.
                    var look = Configuration()
                    look.readonly = true
                    try DatabaseQueue(path: path, configuration: look).read { db in
                        try Self.checkSchema(db, path: path, readOnly: false)
                    }
                }
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Schema.migrator.migrate(pool)
                self.pool = pool
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Where SQLite should open `path` read-only. A WAL database is read through its shared-memory
    /// file, which every connection keeps while it is open. With none beside the file, no writer is
    /// connected, and opening it normally would create the -wal and -shm files (and leave them: a
    /// read-only connection cannot remove them) or fail in a read-only folder. So it is opened as
    /// immutable, through a URI (Debian's SQLite reads them). Readers load what they need at once,
    /// so a writer that starts later finds them gone; with a writer connected, the normal path.
    static func readOnlyLocation(_ path: String) -> String {
        guard !FileManager.default.fileExists(atPath: path + "-shm") else { return path }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?immutable=1"
    }

    /// Refuses a database that is not socialrec's (tables, none of ours), whose schema is newer
    /// than this socialrec's, or (read-only) that was never migrated.
    static func checkSchema(_ db: Database, path: String, readOnly: Bool) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        guard !tables.isEmpty else {
            if readOnly { throw StoreError.notSocialrec(path: path, reason: "it is empty; run `socialrec import` first") }
            return
        }
        guard tables.contains("grdb_migrations") else {
            throw StoreError.notSocialrec(path: path, reason: "its tables (\(tables.prefix(5).joined(separator: ", "))) are another program's")
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let known = Schema.identifiers
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError.newerSchema(path: path, migration: unknown)
        }
        if readOnly, let missing = known.first(where: { !applied.contains($0) }) {
            throw StoreError.notSocialrec(path: path, reason: "its schema lacks '\(missing)'")
        }
    }

    /// Throws when the store was opened read-only: a command that only reads never writes.
    func requireWritable() throws {
        guard access != .readOnly else { throw StoreError.readOnly(path: path) }
    }

    /// True when no dataset has been imported yet.
    /// - Throws: `DatabaseError` when SQLite cannot read the database.
    public func isEmpty() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 } == 0
    }

    /// A value of the `meta` table (fingerprint, schema, import counts), nil when absent.
    /// - Parameter key: the row's key, such as "fingerprint".
    /// - Throws: `DatabaseError` when SQLite cannot read the database.
    public func metadata(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// The whole `meta` table, key to value.
    /// - Throws: `DatabaseError` when SQLite cannot read the database.
    public func allMetadata() throws -> [String: String] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM meta").reduce(into: [:]) { $0[$1["key"]] = $1["value"] }
        }
    }
}

/// What can go wrong with a database file; `description` is the sentence the command line prints.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// SQLite could not open the file.
    case cannotOpen(path: String, reason: String)
    /// An import without `--replace` into a database that holds a dataset.
    case notEmpty(path: String, users: Int, items: Int)
    /// A command that reads a dataset, on a database without one.
    case empty(path: String)
    /// The tables disagree with each other.
    case corrupt(path: String, reason: String)
    /// No file at the path.
    case missing(path: String)
    /// A file that is not a socialrec database (it is left untouched).
    case notSocialrec(path: String, reason: String)
    /// Made by a newer socialrec whose schema this one does not know.
    case newerSchema(path: String, migration: String)
    /// A write through a read-only connection.
    case readOnly(path: String)
    /// The dataset was replaced while a model was training on it.
    case datasetChanged(path: String)

    /// The sentence the command line prints.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open database: \(reason)"
        case .notEmpty(let path, let users, let items):
            return "\(path): the database already holds a dataset (\(users) users, \(items) items); "
                + "pass --replace to replace it, or --db to import into another file"
        case .empty(let path): return "\(path): no dataset imported yet; run `socialrec import` first"
        case .corrupt(let path, let reason): return "\(path): database is inconsistent: \(reason)"
        case .missing(let path): return "\(path): no such database; run `socialrec import` first, or pass --db"
        case .notSocialrec(let path, let reason): return "\(path): not a socialrec database: \(reason); it was left as it was"
        case .newerSchema(let path, let migration):
            return "\(path): made by a newer socialrec (schema step '\(migration)'); upgrade socialrec to read it"
        case .readOnly(let path): return "\(path): opened read-only; this command does not write"
        case .datasetChanged(let path):
            return "\(path): the dataset was replaced while training; the model was not saved — train again"
        }
    }
}
