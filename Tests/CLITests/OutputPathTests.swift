import Foundation
import Testing
import TestSupport

/// Files a person names for output: checked before the work, written through links, `-` for
/// standard output, and every failure a sentence (never a Foundation domain and code).
@Suite struct OutputPathTests {
    @Test func outputPathsAndTheirErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try ReadOnlyTests.imported(dir)
        // Training into a folder that does not exist fails at once, before any epoch.
        let export = try CLI.run(["train", "--db", "a.db", "--export", "missing/model.ckpt"], in: dir.url)
        #expect(export.status != 0)
        #expect(export.stderr.contains("missing/model.ckpt: its folder"), "\(export.stderr)")
        #expect(!export.stdout.contains("epoch"))
        #expect(try CLI.run(["train", "--db", "a.db", "--epochs", "1"], in: dir.url).status == 0)

        let stdout = try CLI.run(["ego", "u001", "--db", "a.db", "--out", "-"], in: dir.url)
        #expect(stdout.status == 0, "\(stdout.stderr)")
        #expect(stdout.stdout.hasPrefix("<?xml") && stdout.stdout.contains("</svg>"))
        #expect(stdout.stderr.contains("wrote standard output"))

        try FileManager.default.createSymbolicLink(atPath: dir.path("link.svg"), withDestinationPath: dir.path("target.svg"))
        #expect(try CLI.run(["ego", "u001", "--db", "a.db", "--out", "link.svg"], in: dir.url).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.svg")) == dir.path("target.svg"))
        #expect(try String(contentsOfFile: dir.path("target.svg"), encoding: .utf8).contains("</svg>"))

        try FileManager.default.createDirectory(atPath: dir.path("folder"), withIntermediateDirectories: false)
        try dir.write("plain", "x")
        let cases: [([String], String)] = [
            (["ego", "u001", "--db", "a.db", "--out", "folder"], "folder: is a folder; --out takes a file"),
            (["recommend", "u001", "--db", "a.db", "--checkpoint", "nope.ckpt"], "nope.ckpt: no such file or folder"),
            (["recommend", "u001", "--db", "a.db", "--checkpoint", "folder"], "folder: is a folder, not a file"),
            (["generate", "--out", "plain"], "plain is a file; --out takes a folder"),
            (["evaluate", "--db", "a.db", "--methods", "most-popular", "--report", "plain/report"], "plain/report"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.run(arguments, in: dir.url)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("error 256"), "\(arguments): \(run.stderr)")
        }
    }

    @Test func escapeCodesAndTabsDoNotReachTheTerminalOrBreakTSV() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("inter.csv", "user,item\n\"u\t1\",i1\n\"u\t1\",i2\nu2,i1\nu2,i3\n")
        try dir.write("g.csv", "\"u\t1\",u2\nu2,u3\n")
        try dir.write("items.csv", "id,name\ni1,\"\u{1B}[31mred\"\ni2,plain\ni3,x\n")
        let imported = try CLI.run(["import", "--graph", "g.csv", "--undirected", "--interactions", "inter.csv", "--items", "items.csv",
                                    "--delimiter", "comma"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let table = try CLI.run(["recommend", "u3", "--method", "social-popularity"], in: dir.url)
        #expect(table.status == 0 && !table.stdout.contains("\u{1B}"))
        #expect(table.stdout.contains("\\u{1B}[31mred"))
        try dir.write("cohort.txt", "\"u\t1\"\n")
        let tsv = try CLI.run(["recommend", "--users", "cohort.txt", "--format", "tsv", "--method", "most-popular"], in: dir.url)
        #expect(tsv.status == 0, "\(tsv.stderr)")
        // Four columns on every line: the tab inside the ID is inside quotes.
        #expect(tsv.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("\"u\t1\"\t") })
    }

    /// A full disk (here a 100 KB file-size limit, with SIGXFSZ ignored so that writes fail with
    /// EFBIG as they would with ENOSPC): a new database is removed with its journal files, an old
    /// one keeps what it held.
    @Test func aFailedImportOnAFullDiskLeavesWhatWasThere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        let arguments = ["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv"]
        func limited(_ db: String, replace: Bool = false) throws -> CLI.Result {
            let command = ([CLI.binary.path] + arguments + ["--db", db] + (replace ? ["--replace"] : [])).map { "'\($0)'" }.joined(separator: " ")
            return try CLI.run(["-c", "trap '' XFSZ; ulimit -f 100; exec \(command)"], in: dir.url, program: URL(fileURLWithPath: "/bin/bash"))
        }
        let failed = try limited("new.db")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("new.db: could not write the new database") && failed.stderr.contains("nothing was left behind"),
                "\(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty, "no database, WAL or journal left")

        #expect(try CLI.run(arguments + ["--db", "old.db"], in: dir.url).status == 0)
        let before = try CLI.run(["stats", "--db", "old.db"], in: dir.url).stdout
        #expect(try limited("old.db", replace: true).status == 1)
        #expect(try CLI.run(["stats", "--db", "old.db"], in: dir.url).stdout == before, "the old database still holds its dataset")
    }
}
