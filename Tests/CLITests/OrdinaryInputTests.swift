import Foundation
import Testing
import TestSupport

/// Ordinary input that once crashed the CLI (exit 132 and a stack dump) ends with a sentence and a
/// non-zero exit.
@Suite struct OrdinaryInputTests {
    @Test func crashCasesEndWithASentence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("edges.tsv", "a\tb\nb\tc\n")
        #expect(try CLI.run(["import", "--db", "graph.db", "--graph", "edges.tsv"], in: dir.url).status == 0)
        try ReadOnlyTests.imported(dir, db: "sample.db")
        try dir.write("top.tsv", "user\titem\trank\tscore\nu1\ti1\t1\t0.5\n")
        try dir.write("query.tsv", "u1\ti1\n")
        let cases: [([String], String)] = [
            (["train", "--db", "graph.db"], "no training users with at least two interactions"),
            (["train", "--db", "sample.db", "--item-factors", "2000"], "--item-factors must be between 0 and 1024"),
            (["evaluate", "--db", "graph.db", "--methods", "most-popular"], "no user has the"),
            (["evaluate", "--db", "sample.db", "--methods", ""], "--methods needs at least one method"),
            (["evaluate", "--db", "sample.db", "--methods", "most-popular", "--support", "100"], "no user has the 105 interactions"),
            (["score", "--topk", "top.tsv", "--query", "query.tsv", "--cutoff=-1"], "--cutoff must be between 1 and 10000"),
            (["score", "--topk", "top.tsv", "--query", "query.tsv", "--cutoff", "0"], "--cutoff must be between 1 and 10000"),
        ]
        for (arguments, message) in cases {
            let run = try CLI.run(arguments, in: dir.url)
            #expect(run.status != 0 && run.status < 128, "\(arguments): status \(run.status)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Stack dump") && !run.stderr.contains("Fatal error"), "\(arguments)")
        }
    }
}
