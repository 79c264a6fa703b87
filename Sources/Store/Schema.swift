import GRDB

/// The database schema, as GRDB migrations. Indices in `users`, `items`, `edges` and `interactions`
/// are the dense `Int32` indices the library uses; external IDs are kept as text.
enum Schema {
    /// Every migration this socialrec knows, oldest first.
    static let identifiers = ["v1: dataset, checkpoints, evaluation runs", "v2: item features"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE users (id INTEGER PRIMARY KEY NOT NULL, external_id TEXT NOT NULL UNIQUE);
                CREATE TABLE items (id INTEGER PRIMARY KEY NOT NULL, external_id TEXT NOT NULL UNIQUE, name TEXT);
                CREATE TABLE edges (
                    source INTEGER NOT NULL, target INTEGER NOT NULL, weight REAL NOT NULL,
                    PRIMARY KEY (source, target)) WITHOUT ROWID;
                CREATE TABLE interactions (
                    user INTEGER NOT NULL, item INTEGER NOT NULL, value REAL NOT NULL, timestamp INTEGER,
                    PRIMARY KEY (user, item)) WITHOUT ROWID;
                CREATE TABLE checkpoints (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    method TEXT NOT NULL,
                    format_version INTEGER NOT NULL,
                    dataset_fingerprint TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    hyperparameters TEXT NOT NULL,
                    parameters BLOB NOT NULL);
                CREATE TABLE evaluation_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    configuration TEXT NOT NULL,
                    results TEXT NOT NULL);
                """)
        }
        migrator.registerMigration(identifiers[1]) { db in
            try db.execute(sql: """
                CREATE TABLE features (id INTEGER PRIMARY KEY NOT NULL, external_id TEXT NOT NULL UNIQUE);
                CREATE TABLE item_features (
                    item INTEGER NOT NULL, feature INTEGER NOT NULL, weight REAL NOT NULL,
                    PRIMARY KEY (item, feature)) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
