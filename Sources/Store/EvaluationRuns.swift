import Foundation
import GRDB

extension SocialStore {
    /// Records an evaluation: its settings and its results, both JSON. Returns the run's id.
    @discardableResult
    public func saveEvaluationRun(configuration: String, results: String) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO evaluation_runs (created_at, configuration, results) VALUES (?, ?, ?)",
                           arguments: [ISO8601DateFormatter().string(from: Date()), configuration, results])
            return db.lastInsertedRowID
        }
    }

    public func evaluationRunCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation_runs") ?? 0 }
    }
}
