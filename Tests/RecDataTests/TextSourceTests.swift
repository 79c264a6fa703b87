import Foundation
import Testing
import TestSupport
@testable import RecData

@Suite struct TextSourceTests {
    @Test func gzipIsDetectedByMagicBytesNotName() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("edges.txt", bytes: try gzipped("1\t2\n2\t3\n"))
        let source = try TextSource(path: path)
        #expect(source.wasCompressed)
        #expect(String(decoding: source.bytes, as: UTF8.self) == "1\t2\n2\t3\n")
    }

    @Test func concatenatedGzipMembers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("two.gz", bytes: try gzipped("a b\n") + gzipped("c d\n"))
        #expect(String(decoding: try TextSource(path: path).bytes, as: UTF8.self) == "a b\nc d\n")
    }

    @Test func truncatedGzipIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let whole = try gzipped(String(repeating: "12345\t67890\n", count: 2000))
        let path = try dir.write("cut.gz", bytes: Array(whole.prefix(whole.count / 2)))
        #expect(throws: InputError(file: path, "truncated gzip file (compressed data ends early)")) {
            try TextSource(path: path)
        }
    }

    @Test func byteOrderMarkIsRemoved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("bom.tsv", bytes: [0xEF, 0xBB, 0xBF] + Array("a\tb\n".utf8))
        #expect(try TextSource(path: path).bytes == Array("a\tb\n".utf8))
    }

    @Test func missingFileAndDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(throws: InputError(file: dir.path("nope.tsv"), "no such file")) { try TextSource(path: dir.path("nope.tsv")) }
        #expect(throws: InputError(file: dir.url.path, "is a directory, not a file")) { try TextSource(path: dir.url.path) }
    }
}

@Suite struct TextEncodingTests {
    @Test func binaryDataIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = try dir.write("garbage.bin", bytes: [0x12, 0x80, 0x00, 0xFF, 0x0A])
        #expect(throws: InputError(file: path, "binary data, not text (a NUL byte at offset 2); UTF-16 files must be saved as UTF-8")) {
            try TextSource(path: path)
        }
    }

    @Test func latin1IsReadAsLatin1() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // "Beyoncé" and "Motörhead" in ISO-8859-1, as in Last.fm's tags.dat.
        let path = try dir.write("tags.dat", bytes: Array("1\tBeyonc".utf8) + [0xE9, 0x0A] + Array("2\tMot".utf8) + [0xF6] + Array("rhead\n".utf8))
        let source = try TextSource(path: path)
        #expect(source.wasLatin1)
        var items = IDMap()
        let names = try ItemCatalogueReader().read(source, items: &items)
        #expect(names[0] == "Beyoncé" && names[1] == "Motörhead")
        let utf8 = try TextSource(path: try dir.write("u.tsv", "1\tBeyoncé\n"))
        #expect(!utf8.wasLatin1)
    }
}
