import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// An import killed mid-write, and the inputs that once crashed a reader (docs/robustness.md).

@Suite struct KilledImportTests {
    /// `socialrec import --replace` of a large edge list is killed with SIGKILL while it writes: the
    /// database must read exactly as before and the next import must succeed.
    ///
    /// The write is caught by watching the write-ahead log: the import's one transaction spills its
    /// pages there until it commits, so a log past `threshold` bytes while the process still runs is
    /// a transaction in flight. (Opening the database already commits one small no-op transaction,
    /// about 8 KB of log: GRDB creates and drops a table so that the log exists. The thresholds are
    /// above that.) If an attempt finishes before it is caught, the baseline is put back and the next
    /// attempt kills earlier.
    @Test func importKilledMidWriteLeavesTheDatabaseAsItWas() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("small.tsv", "a\tb\nb\tc\nc\ta\n")
        let generate = try Runner.run("/bin/bash", [Datasets.projectRoot.appendingPathComponent("tools/generate-edges").path,
                                                    "400000", "150000", dir.path("large.tsv")], in: dir.url)
        try #require(generate.status == 0, "tools/generate-edges: \(generate.stderr)")
        let db = dir.url.appendingPathComponent("kept.db"), wal = dir.path("kept.db-wal")
        let sqlite3 = ["/usr/bin/sqlite3", "/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }

        /// Every table, when the sqlite3 shell is installed (it is not a dependency: stats is the check that always runs).
        func dump() throws -> String? {
            guard let sqlite3 else { return nil }
            return try Runner.run(sqlite3, ["kept.db", ".dump"], in: dir.url).stdout
        }

        func importSmall() throws -> (stats: String, bytes: Data, dump: String?) {
            let imported = try Runner.socialrec(["import", "--graph", "small.tsv", "--db", "kept.db", "--replace"], in: dir.url)
            try #require(imported.status == 0, "\(imported.stderr)")
            let stats = try Runner.socialrec(["stats", "--json", "--db", "kept.db"], in: dir.url)
            try #require(stats.status == 0 && stats.stdout.contains("\"users\" : 3"), "\(stats.stdout)")
            return (stats.stdout, try Data(contentsOf: db), try dump())
        }

        var before = try importSmall()
        var killedMidWrite = false
        for (attempt, threshold) in [256 << 10, 32 << 10, 16 << 10].enumerated() {
            let child = try Runner.start(CLI.binary.path, ["import", "--graph", "large.tsv", "--db", "kept.db", "--replace"], in: dir.url)
            var walBytes = 0
            var ended = child.wait(block: false)
            while ended == nil {
                var info = stat()
                if stat(wal, &info) == 0, Int(info.st_size) >= threshold {
                    walBytes = Int(info.st_size)
                    kill(child.pid, SIGKILL)
                    break
                }
                usleep(1_000)
                ended = child.wait(block: false)
            }
            let result = ended ?? child.wait()!
            if result.ending == .signal(SIGKILL) {
                killedMidWrite = true
                // Before anything opens it again: the main file is untouched (in WAL mode a transaction
                // reaches it only at a checkpoint after its commit), and the log holds what was in flight.
                #expect(try Data(contentsOf: db) == before.bytes, "attempt \(attempt): kept.db changed")
                #expect(walBytes >= threshold)
                let stats = try Runner.socialrec(["stats", "--json", "--db", "kept.db"], in: dir.url)
                #expect(stats.status == 0, "\(stats.stderr)")
                #expect(stats.stdout == before.stats, "attempt \(attempt): the dataset changed")
                if let sqlite3 {
                    #expect(try dump() == before.dump, "attempt \(attempt): a table changed")
                    let check = try Runner.run(sqlite3, ["kept.db", "PRAGMA integrity_check"], in: dir.url)
                    #expect(check.stdout == "ok\n", "\(check.stdout)\(check.stderr)")
                }
                break
            }
            // It finished before the log grew past the threshold: put the baseline back, try again.
            #expect(result.ending == .exit(0), "attempt \(attempt): \(result.ending): \(result.stderr)")
            before = try importSmall()
        }
        #expect(killedMidWrite, "no attempt was killed while writing")

        let next = try Runner.socialrec(["import", "--graph", "large.tsv", "--db", "kept.db", "--replace"], in: dir.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.hasPrefix("graph         large.tsv\n  400,000 rows"), "\(next.stdout)")
        let stats = try Runner.socialrec(["stats", "--json", "--db", "kept.db"], in: dir.url)
        #expect(stats.status == 0 && stats.stdout != before.stats)
    }
}

@Suite struct FuzzRegressionTests {
    static let folder = Datasets.projectRoot.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    static var inputs: [URL] {
        let all = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return all.filter { !$0.lastPathComponent.hasPrefix("README") }.sorted { $0.path < $1.path }
    }

    /// Every input kept from fuzzing (and a few crafted ones) goes through every reader via the CLI:
    /// the process must end by itself with status 0 or 1 (never a signal), with one error line on 1.
    @Test func regressionInputsNeverCrashTheCLI() throws {
        let inputs = Self.inputs
        try #require(!inputs.isEmpty, "no inputs in \(Self.folder.path)")
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("good.tsv", "u1\ti1\t3\n")
        for input in inputs {
            let file = input.path, name = input.lastPathComponent
            for options in [["--graph", file], ["--graph", file, "--undirected"], ["--interactions", file],
                            ["--interactions", file, "--rating-range", "1:5"], ["--interactions", file, "--rating-range", "0.5:4", "--skip-bad"],
                            ["--interactions", "good.tsv", "--items", file]] {
                let result = try Runner.socialrec(["import"] + options + ["--db", "r.db"], in: dir.url)
                let shown = options.map { $0 == file ? name : $0 }.joined(separator: " ")
                #expect(result.endedCleanly, "import \(shown): \(result.ending)\n\(result.stderr)")
                if result.status == 1 {
                    #expect(result.stderr.hasPrefix("socialrec: ") && result.stderr.filter { $0 == "\n" }.count == 1,
                            "import \(shown): \(result.stderr)")
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir.path("r.db" + suffix)) }
            }
        }
    }

    /// The same inputs through the fuzzer's own harness (built as a plain executable beside
    /// `socialrec`), which also tries other reader options and checks the invariants of what is read.
    @Test func regressionInputsPassTheFuzzHarness() throws {
        let harness = CLI.binary.deletingLastPathComponent().appendingPathComponent("fuzz-readers")
        try #require(FileManager.default.isExecutableFile(atPath: harness.path), "\(harness.path) is not built")
        let result = try Runner.run(harness.path, Self.inputs.map(\.path), in: Self.folder)
        #expect(result.ending == .exit(0), "\(result.ending): \(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }.count == Self.inputs.count)
    }
}
