import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// Bad input, as users have it, through every reader of `socialrec import` (docs/robustness.md):
// each is one line `socialrec: file[:line]: what is wrong` on standard error, exit status 1, no
// crash, and no database created or changed. Inputs a reader should accept are checked exactly.

@Suite struct BadInputTests {
    @Test func emptyFile() throws {
        let w = try Workspace()
        try w.write("empty.tsv", "")
        try w.write("blank.tsv", "\r\n   \n\t\n# only a comment\n")
        for file in ["empty.tsv", "blank.tsv"] {
            try w.expectRejected(file, by: .graph, "\(file): no edges: the file has no data lines")
            try w.expectRejected(file, by: .interactions, "\(file): no interactions: the file has no data lines")
            try w.expectRejected(file, by: .ratings, "\(file): no interactions: the file has no data lines")
            try w.expectRejected(file, by: .items, "\(file): no item names: the file has no data lines")
        }
        try w.finish()
    }

    @Test func headerOnly() throws {
        let w = try Workspace()
        try w.write("edges.tsv", "source\ttarget\tweight\n")
        try w.write("ratings.tsv", "user\titem\trating\ttimestamp\r\n")
        try w.write("items.tsv", "id\tname\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv: no edges: the file has no data lines")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv: no interactions: the file has no data lines")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv: no interactions: the file has no data lines")
        try w.expectRejected("items.tsv", by: .items, "items.tsv: no item names: the file has no data lines")
        try w.finish()
    }

    @Test func binaryGarbage() throws {
        let w = try Workspace()
        // A PNG header, and a UTF-16 file (which is text, but not in an encoding the readers take).
        try w.write("picture.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0x09, 0x0A])
        try w.write("utf16.tsv", bytes: [0xFF, 0xFE] + "a\tb\n".utf8.flatMap { [$0, 0] })
        for reader in Reader.allCases {
            try w.expectRejected("picture.png", by: reader, "picture.png: binary data, not text (a NUL byte at offset 8); UTF-16 files must be saved as UTF-8")
            try w.expectRejected("utf16.tsv", by: reader, "utf16.tsv: binary data, not text (a NUL byte at offset 3); UTF-16 files must be saved as UTF-8")
        }
        try w.finish()
    }

    @Test func truncatedGzip() throws {
        let w = try Workspace()
        let whole = try gzipped(String(repeating: "12345\t67890\t3\n", count: 3000))
        try w.write("cut.tsv.gz", bytes: Array(whole.prefix(whole.count / 2)))
        try w.write("magic-only.gz", bytes: [0x1F, 0x8B])
        for reader in Reader.allCases {
            try w.expectRejected("cut.tsv.gz", by: reader, "cut.tsv.gz: truncated gzip file (compressed data ends early)")
            try w.expectRejected("magic-only.gz", by: reader, "magic-only.gz: truncated gzip file (compressed data ends early)")
        }
        try w.finish()
    }

    @Test func corruptGzip() throws {
        let w = try Workspace()
        var bytes = try gzipped(String(repeating: "12345\t67890\t3\n", count: 3000))
        for i in stride(from: 20, to: bytes.count - 8, by: 7) { bytes[i] ^= 0x5A }
        try w.write("corrupt.gz", bytes: bytes)
        // zlib names the damage it met first; the message is ours around it.
        let result = try Runner.socialrec(["import", "--graph", "corrupt.gz", "--db", "fresh.db"], in: w.url)
        #expect(result.ending == .exit(1))
        #expect(result.stderr.hasPrefix("socialrec: corrupt.gz: corrupt gzip data ("), "\(result.stderr)")
        #expect(!w.exists("fresh.db"))
        try w.finish()
    }

    @Test func oneMegabyteLine() throws {
        let w = try Workspace()
        let long = String(repeating: "x", count: 1 << 20)
        try w.write("edges.tsv", "a\tb\n\(long)\nb\tc\n")
        try w.write("ratings.tsv", "u1\ti1\t4\n\(long)\n")
        try w.write("items.tsv", "i1\tFirst\n\(long)\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv:2: expected at least 2 columns (source, target), found 1")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv:2: expected at least 3 columns, found 1")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv:2: expected at least 3 columns, found 1")
        try w.expectRejected("items.tsv", by: .items, "items.tsv:2: expected an ID and a name, found 1 column")
        // A 1 MB field is named by its first 40 characters, not printed whole.
        try w.write("value.tsv", "u1\ti1\t4\nu2\ti2\t\(String(repeating: "9", count: 1 << 20))\n")
        let excerpt = String(repeating: "9", count: 40) + "… (1048576 bytes)"
        try w.expectRejected("value.tsv", by: .interactions, "value.tsv:2: value '\(excerpt)' is not a finite number")
        try w.expectRejected("value.tsv", by: .ratings, "value.tsv:2: value '\(excerpt)' is not a finite number")
        try w.finish()
    }

    @Test func missingColumns() throws {
        let w = try Workspace()
        try w.write("edges.tsv", "a\tb\nc\n")
        try w.write("ratings.tsv", "u1\ti1\t4\nu2\ti2\n")
        try w.write("items.tsv", "i1\tFirst\ni2\n")
        try w.write("one-column.tsv", "u1\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv:2: expected at least 2 columns (source, target), found 1")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv:2: expected at least 3 columns, found 2")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv:2: expected at least 3 columns, found 2")
        try w.expectRejected("one-column.tsv", by: .interactions, "one-column.tsv:1: expected at least 2 columns, found 1")
        try w.expectRejected("items.tsv", by: .items, "items.tsv:2: expected an ID and a name, found 1 column")
        // An empty field where an ID belongs is missing too.
        try w.write("empty-ids.csv", "a,b\n,c\n")
        try w.write("empty-item.csv", "user,item,rating\nu1,i1,4\nu2,,3\n")
        try w.write("empty-item-id.csv", "id,name\ni1,First\n,Nameless\n")
        try w.expectRejected("empty-ids.csv", by: .graph, "empty-ids.csv:2: empty node ID")
        try w.expectRejected("empty-item.csv", by: .ratings, "empty-item.csv:3: empty item ID")
        try w.expectRejected("empty-item-id.csv", by: .items, "empty-item-id.csv:3: empty item ID")
        try w.finish()
    }

    @Test func extraColumnsAreIgnored() throws {
        let w = try Workspace()
        try w.write("edges.tsv", "a\tb\t2\tfriends since 2009\nb\tc\t3\tx\ty\n")
        #expect(try w.expectAccepted(["--graph", "edges.tsv"], db: "g.db") == [
            "graph         edges.tsv",
            "  2 rows, 0 self-loops dropped, 0 duplicate edges merged",
            "  3 nodes, 2 directed edges, weighted",
        ])
        try w.write("ratings.tsv", "user\titem\trating\ttimestamp\tdevice\nu1\ti1\t4\t1300000000\tphone\nu1\ti2\t5\t1300000001\tweb\n")
        try w.write("items.tsv", "id\tname\turl\ni1\tFirst\thttp://example.com/1\ni2\tSecond\thttp://example.com/2\n")
        #expect(try w.expectAccepted(["--interactions", "ratings.tsv", "--rating-range", "1:5", "--items", "items.tsv"], db: "r.db") == [
            "interactions  ratings.tsv",
            "  2 rows, 0 skipped, 0 duplicates merged",
            "  1 users, 2 items, 2 interactions (ratings)",
            "items         items.tsv: 2 names",
        ])
        let stats = try w.stats("r.db")
        #expect(stats["items"] as? Int == 2 && stats["interactions"] as? Int == 2)
        try w.finish()
    }

    @Test func nonNumericWeightsAndValues() throws {
        let w = try Workspace()
        try w.write("edges.tsv", "a\tb\t1\nb\tc\theavy\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv:2: weight 'heavy' is not a finite number")
        // With the weight column named, a word on the first line is an error too.
        try w.write("first.tsv", "a b heavy\nb c light\n")
        try w.expectRejected("first.tsv", by: .graph, "first.tsv:1: weight 'heavy' is not a finite number", extra: ["--graph-columns", "1,2,3"])
        try w.write("ratings.tsv", "u1\ti1\t4\nu2\ti2\tfour\n")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv:2: value 'four' is not a finite number")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv:2: value 'four' is not a finite number")
        try w.write("times.tsv", "u1\ti1\t4\t1300000000\nu2\ti2\t3\tyesterday\n")
        try w.expectRejected("times.tsv", by: .ratings, "times.tsv:2: timestamp 'yesterday' is not an integer (Unix seconds)")
        // Control characters in a field are shown escaped, never sent to the terminal as they are.
        try w.write("escape.tsv", "u1\ti1\t4\nu2\ti2\t\u{1B}[2J\n")
        try w.expectRejected("escape.tsv", by: .interactions, "escape.tsv:2: value '\\u{1B}[2J' is not a finite number")
        try w.finish()
    }

    @Test func nanAndInfinity() throws {
        let w = try Workspace()
        // On the first line too: NaN is not a word that makes the line a header, nor a reason to
        // drop the weight column.
        try w.write("nan-first.tsv", "a\tb\tnan\nb\tc\t2\n")
        try w.expectRejected("nan-first.tsv", by: .graph, "nan-first.tsv:1: weight 'nan' is not a finite number")
        try w.write("inf.tsv", "a b 1\nb c inf\n")
        try w.expectRejected("inf.tsv", by: .graph, "inf.tsv:2: weight 'inf' is not a finite number")
        try w.write("overflow.tsv", "a,b,1e999\nb,c,1\n")
        try w.expectRejected("overflow.tsv", by: .graph, "overflow.tsv:1: weight '1e999' is not a finite number")
        try w.write("float.tsv", "a\tb\t1\nb\tc\t1e39\n")
        try w.expectRejected("float.tsv", by: .graph, "float.tsv:2: weight '1e39' is out of range for a 32-bit float (about 1e-45 to 3.4e38)")

        try w.write("NaN.tsv", "u1\ti1\tNaN\nu2\ti2\t3\n")
        try w.expectRejected("NaN.tsv", by: .interactions, "NaN.tsv:1: value 'NaN' is not a finite number")
        try w.expectRejected("NaN.tsv", by: .ratings, "NaN.tsv:1: value 'NaN' is not a finite number")
        try w.write("infinity.tsv", "user\titem\tplays\nu1\ti1\t3\nu2\ti2\t-Infinity\n")
        try w.expectRejected("infinity.tsv", by: .interactions, "infinity.tsv:3: value '-Infinity' is not a finite number")
        try w.write("huge.tsv", "u1\ti1\t3\nu2\ti2\t1e39\n")
        try w.expectRejected("huge.tsv", by: .interactions, "huge.tsv:2: value '1e39' is out of range for a 32-bit float (at most 3.4e38)")
        // A whole number too large for Int (this one used to crash while writing the message).
        try w.write("huge-rating.tsv", "u1\ti1\t3\nu2\ti2\t1e20\n")
        try w.expectRejected("huge-rating.tsv", by: .ratings, "huge-rating.tsv:2: rating 1e+20 is outside the declared range 1–5")
        try w.finish()
    }

    @Test func negativeRatingsAndWeights() throws {
        let w = try Workspace()
        try w.write("ratings.tsv", "u1\ti1\t4\nu2\ti2\t-1\n")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv:2: rating -1 is outside the declared range 1–5")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv:2: value -1.0 is negative; implicit feedback must be ≥ 0")
        try w.write("edges.tsv", "a\tb\t0.5\nb\tc\t-2\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv:2: weight -2.0 must be positive")
        // A scale that has negative ratings takes them.
        #expect(try w.expectAccepted(["--interactions", "ratings.tsv", "--rating-range=-5:5"], db: "scale.db") == [
            "interactions  ratings.tsv",
            "  2 rows, 0 skipped, 0 duplicates merged",
            "  2 users, 2 items, 2 interactions (ratings)",
        ])
        try w.finish()
    }

    @Test func idsWithSpacesAndQuotes() throws {
        let w = try Workspace()
        // TSV: spaces and quotes inside a field are part of the ID; a quoted field is unquoted.
        try w.write("edges.tsv", """
            alice smith\tbob o'neil
            bob o'neil\tcarol "cj" jones
            carol "cj" jones\t"alice smith"
            bob o'neil\talice smith

            """)
        #expect(try w.expectAccepted(["--graph", "edges.tsv", "--undirected"], db: "tsv.db") == [
            "graph         edges.tsv",
            "  4 rows, 0 self-loops dropped, 1 duplicate edges merged (a–b and b–a are one edge)",
            "  3 nodes, 3 undirected edges",
        ])
        // CSV: a quoted field may hold the delimiter; space-separated: a quoted field may hold spaces.
        try w.write("edges.csv", "\"Smith, Alice\",Bob\nBob,\"Smith, Alice\"\n")
        try w.write("edges.txt", "\"alice smith\" bob\nbob \"alice smith\"\n")
        for file in ["edges.csv", "edges.txt"] {
            #expect(try w.expectAccepted(["--graph", file, "--undirected"], db: "\(file).db") == [
                "graph         \(file)",
                "  2 rows, 0 self-loops dropped, 1 duplicate edges merged (a–b and b–a are one edge)",
                "  2 nodes, 1 undirected edges",
            ])
        }
        // The same item written plain and quoted is one item; the catalogue's ID with a space matches it.
        try w.write("ratings.tsv", "user\titem\trating\nalice smith\tthe wall\t5\nalice smith\t\"the wall\"\t4\n")
        try w.write("items.tsv", "id\tname\nthe wall\tThe Wall (1979)\n")
        #expect(try w.expectAccepted(["--interactions", "ratings.tsv", "--rating-range", "1:5", "--items", "items.tsv"], db: "r.db") == [
            "interactions  ratings.tsv",
            "  2 rows, 0 skipped, 1 duplicates merged",
            "  1 users, 1 items, 1 interactions (ratings)",
            "items         items.tsv: 1 names",
        ])
        #expect(try w.stats("r.db")["items"] as? Int == 1)
        try w.finish()
    }

    @Test func mixedDelimiters() throws {
        let w = try Workspace()
        // The first data line sets the delimiter; a line written with another has one column.
        try w.write("edges.tsv", "a\tb\nc,d\n")
        try w.write("edges.csv", "a,b\nc\td\n")
        try w.write("ratings.tsv", "u1\ti1\t4\nu2;i2;5\n")
        try w.write("items.tsv", "i1\tFirst\ni2,Second\n")
        try w.expectRejected("edges.tsv", by: .graph, "edges.tsv:2: expected at least 2 columns (source, target), found 1")
        try w.expectRejected("edges.csv", by: .graph, "edges.csv:2: expected at least 2 columns (source, target), found 1")
        try w.expectRejected("ratings.tsv", by: .interactions, "ratings.tsv:2: expected at least 3 columns, found 1")
        try w.expectRejected("ratings.tsv", by: .ratings, "ratings.tsv:2: expected at least 3 columns, found 1")
        try w.expectRejected("items.tsv", by: .items, "items.tsv:2: expected an ID and a name, found 1 column")
        // Spaces and tabs mixed are one kind of delimiter (runs of blanks) when the first line has no tab.
        try w.write("blanks.txt", "a b\nb\t c\n")
        #expect(try w.expectAccepted(["--graph", "blanks.txt"], db: "blanks.db") == [
            "graph         blanks.txt",
            "  2 rows, 0 self-loops dropped, 0 duplicate edges merged",
            "  3 nodes, 2 directed edges",
        ])
        try w.finish()
    }

    @Test func classicMacLineEnds() throws {
        let w = try Workspace()
        // CR alone ends lines (old spreadsheet exports): three edges, not one whose IDs hold CRs.
        try w.write("edges.tsv", "a\tb\rb\tc\rc\ta\r")
        #expect(try w.expectAccepted(["--graph", "edges.tsv"], db: "cr.db") == [
            "graph         edges.tsv",
            "  3 rows, 0 self-loops dropped, 0 duplicate edges merged",
            "  3 nodes, 3 directed edges",
        ])
        try w.finish()
    }

    @Test func latin1IsReadAsLatin1() throws {
        let w = try Workspace()
        // "café–naïve" and "cafè–naïve" in ISO-8859-1: é and è stay two letters (not two U+FFFD).
        try w.write("edges.tsv", bytes: Array("caf".utf8) + [0xE9, 0x09] + Array("na".utf8) + [0xEF] + Array("ve\ncaf".utf8)
                    + [0xE8, 0x09] + Array("na".utf8) + [0xEF] + Array("ve\n".utf8))
        // The same people in UTF-8: one ID space, so they are the same users.
        try w.write("ratings.tsv", "user\titem\trating\nnaïve\tx\t4\ncafé\tx\t5\n")
        // Item names in Latin-1; the item's ID matches the one in the interactions.
        try w.write("items.tsv", bytes: Array("id\tname\nx\tBeyonc".utf8) + [0xE9, 0x0A])
        #expect(try w.expectAccepted(["--graph", "edges.tsv", "--interactions", "ratings.tsv", "--rating-range", "1:5",
                                      "--items", "items.tsv"], db: "latin1.db") == [
            "graph         edges.tsv",
            "  2 rows, 0 self-loops dropped, 0 duplicate edges merged",
            "  3 nodes, 2 directed edges",
            "interactions  ratings.tsv",
            "  2 rows, 0 skipped, 0 duplicates merged",
            "  2 users, 1 items, 2 interactions (ratings)",
            "items         items.tsv: 1 names",
        ])
        let stats = try w.stats("latin1.db")
        #expect(stats["users"] as? Int == 3 && stats["items"] as? Int == 1)
        // Latin-1 interactions, as older rating dumps are.
        try w.write("latin1-ratings.tsv", bytes: Array("caf".utf8) + [0xE9] + Array("\tx\t4\n".utf8))
        #expect(try w.expectAccepted(["--graph", "edges.tsv", "--interactions", "latin1-ratings.tsv"], db: "both.db").last
                == "  1 users, 1 items, 1 interactions (implicit)")
        #expect(try w.stats("both.db")["users"] as? Int == 3)
        try w.finish()
    }

    @Test func directoryInsteadOfAFile() throws {
        let w = try Workspace()
        try FileManager.default.createDirectory(at: w.url.appendingPathComponent("edges.tsv"), withIntermediateDirectories: false)
        for reader in Reader.allCases {
            try w.expectRejected("edges.tsv", by: reader, "edges.tsv: is a directory, not a file")
        }
        try w.finish()
    }

    @Test func missingFile() throws {
        let w = try Workspace()
        for reader in Reader.allCases {
            try w.expectRejected("nope.tsv", by: reader, "nope.tsv: no such file")
            try w.expectRejected("no/such/dir/edges.tsv", by: reader, "no/such/dir/edges.tsv: no such file")
        }
        try w.finish()
    }

    /// Root reads a file whatever its permission bits, so as root the CLI runs as `nobody` through
    /// setpriv(1): that really is a user the file refuses. Without setpriv the test is skipped.
    @Test(.enabled(if: Unprivileged.available, "running as root without setpriv to drop privileges: permission bits do not stop root"))
    func noReadPermission() throws {
        let w = try Workspace()
        try w.write("secret.tsv", "a\tb\n")
        #expect(chmod(w.dir.path("secret.tsv"), 0) == 0)
        for reader in Reader.allCases {
            let arguments = ["import"] + reader.arguments("secret.tsv") + ["--db", "fresh.db"]
            let result = try Unprivileged.socialrec(arguments, in: w.url)
            #expect(result.ending == .exit(1), "\(reader): \(result.ending)")
            #expect(result.stderr == "socialrec: secret.tsv: permission denied\n", "\(reader)")
            #expect(result.stdout.isEmpty)
        }
        #expect(!w.exists("fresh.db"))
        // The same file, readable again, is imported: the error was the permission, nothing else.
        #expect(chmod(w.dir.path("secret.tsv"), 0o644) == 0)
        #expect(try Runner.socialrec(["import", "--graph", "secret.tsv", "--db", "fresh.db"], in: w.url).status == 0)
        try w.finish()
    }
}
