import Foundation
import GRDB
import Testing
import TestSupport

/// Commands that only read (`stats`, `recommend`, `ego`, `evaluate`, `predict`) open the database
/// read-only: they work on read-only files and folders, never wait for a writer, never change a
/// file, and refuse files that are not socialrec's or that a newer socialrec wrote.
@Suite(.serialized) struct ReadOnlyTests {
    static func imported(_ dir: TemporaryDirectory, db: String = "a.db") throws {
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        let imported = try CLI.run(["import", "--db", db, "--graph", "\(data)/edges.tsv", "--undirected",
                                    "--interactions", "\(data)/interactions.tsv", "--items", "\(data)/items.tsv"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    static func bytes(_ dir: TemporaryDirectory) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: dir.url.appendingPathComponent($0))) })
    }

    @Test func aForeignSQLiteFileIsRefusedAndLeftByteIdentical() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try DatabaseQueue(path: dir.path("theirs.db")).write { db in
            try db.execute(sql: "CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders VALUES (1, 9.5)")
        }
        let before = try Self.bytes(dir)
        for command in [["stats"], ["recommend", "u1"], ["evaluate"], ["train"], ["import", "--graph", "x.tsv"]] {
            let run = try CLI.run(command + ["--db", "theirs.db"], in: dir.url)
            #expect(run.status != 0, "\(command)")
            if command[0] != "import" { #expect(run.stderr.contains("theirs.db: not a socialrec database"), "\(command): \(run.stderr)") }
        }
        #expect(try Self.bytes(dir) == before)
    }

    @Test func aMistypedPathIsNotCreated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        for command in [["stats"], ["recommend", "u1"], ["ego", "u1"], ["train"]] {
            let run = try CLI.run(command + ["--db", "typo.db"], in: dir.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("typo.db: no such database"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("typo.db")))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.imported(dir)
        try DatabaseQueue(path: dir.path("a.db")).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')")
        }
        for command in [["stats"], ["train"]] {
            let run = try CLI.run(command + ["--db", "a.db"], in: dir.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("made by a newer socialrec (schema step 'v9: from the future')"), "\(run.stderr)")
        }
    }

    /// Run as `nobody` when the suite runs as root (root ignores file modes).
    @Test func readOnlyFileAndFolderCanBeQueried() throws {
        let dir = try TemporaryDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
            dir.cleanUp()
        }
        try Self.imported(dir)
        #expect(try CLI.run(["train", "--db", "a.db", "--epochs", "1"], in: dir.url).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.path("a.db"))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.url.path)
        let before = try Self.bytes(dir)
        let asNobody = getuid() == 0
        let drawing = FileManager.default.temporaryDirectory.appendingPathComponent("socialrec-ro-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: drawing) }
        for command in [["stats"], ["recommend", "u001", "-k", "3"], ["ego", "u001", "--out", drawing],
                        ["evaluate", "--methods", "most-popular", "--seeds", "1", "--support", "0"]] {
            let run = try CLI.run(command + ["--db", "\(dir.path("a.db"))"], in: URL(fileURLWithPath: "/"), as: asNobody ? "nobody" : nil)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(!run.stderr.contains("readonly"), "\(command): \(run.stderr)")
        }
        #expect(try Self.bytes(dir) == before)
    }

    /// A write transaction held longer than a reader's busy timeout does not block readers: they
    /// see the data as it was before the write.
    @Test func readersDoNotWaitForALongWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.imported(dir)
        let before = try CLI.run(["stats", "--db", "a.db"], in: dir.url).stdout
        let writer = try DatabasePool(path: dir.path("a.db"))
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? writer.write { db in
                try db.execute(sql: "DELETE FROM interactions")
                holding.signal()
                release.wait()
                throw CancellationError()  // roll back
            }
        }
        thread.start()
        holding.wait()
        let started = Date()
        for _ in 0..<3 {
            let stats = try CLI.run(["stats", "--db", "a.db"], in: dir.url)
            #expect(stats.status == 0, "\(stats.stderr)")
            #expect(stats.stdout == before)
            #expect(try CLI.run(["recommend", "u001", "--db", "a.db"], in: dir.url).status == 0)
        }
        Thread.sleep(forTimeInterval: max(0, 6 - Date().timeIntervalSince(started)))  // past readers' 5 s busy timeout
        #expect(try CLI.run(["stats", "--db", "a.db"], in: dir.url).stdout == before)
        release.signal()
    }
}
