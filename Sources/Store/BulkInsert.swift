import GRDB
import GRDBSQLite

/// A prepared INSERT driven through SQLite's C API: binding and stepping without GRDB's argument
/// boxing is what makes bulk imports run at a million rows a second.
struct BulkInsert {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Binds text for the next `step()` only: SQLite copies nothing (SQLITE_STATIC), so the step
    /// must run inside `body`.
    func withText(_ index: Int32, _ text: String?, _ body: () throws -> Void) throws {
        guard let text else {
            bindNull(index)
            return try body()
        }
        let length = Int32(text.utf8.count)
        try text.withCString { chars in
            sqlite3_bind_text(handle, index, chars, length, nil)
            try body()
        }
    }

    func step() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_reset(handle)
    }
}
