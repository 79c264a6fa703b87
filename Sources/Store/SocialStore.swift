import Foundation
import GRDB
import RecData
import SocialGraph

/// The embedded SQLite database that holds one dataset, its model checkpoints and evaluation runs.
///
/// WAL mode with a busy timeout, so readers (`recommend`, `ego`) and one writer (`train`) share the
/// file. Every write of a dataset is one transaction: on any error the database is as it was.
public final class SocialStore: Sendable {
    public let path: String
    let pool: DatabasePool

    public static let defaultPath = "socialrec.db"

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String = SocialStore.defaultPath) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// True when no dataset has been imported yet.
    public func isEmpty() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 } == 0
    }

    public func metadata(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func allMetadata() throws -> [String: String] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM meta").reduce(into: [:]) { $0[$1["key"]] = $1["value"] }
        }
    }
}

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notEmpty(path: String, users: Int, items: Int)
    case empty(path: String)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open database: \(reason)"
        case .notEmpty(let path, let users, let items):
            return "\(path): the database already holds a dataset (\(users) users, \(items) items); "
                + "pass --replace to replace it, or --db to import into another file"
        case .empty(let path): return "\(path): no dataset imported yet; run `socialrec import` first"
        case .corrupt(let path, let reason): return "\(path): database is inconsistent: \(reason)"
        }
    }
}
