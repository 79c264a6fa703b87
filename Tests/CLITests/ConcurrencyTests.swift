import Foundation
import Testing
import TestSupport

@Suite struct ConcurrencyTests {
    /// `recommend` and `ego` read the database while `train` writes its checkpoint into it: WAL and a
    /// busy timeout mean nobody sees "database is locked".
    @Test func readersRunWhileTrainingWrites() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        #expect(try CLI.run(["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv",
                             "--items", "\(data)/items.tsv"], in: dir.url).status == 0)
        for round in 0..<2 {
            let train = Process()
            train.executableURL = CLI.binary
            train.arguments = ["train", "--epochs", "3", "--seed", String(round + 1)]
            train.currentDirectoryURL = dir.url
            train.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            train.standardError = errors
            try train.run()
            var readers = 0
            while train.isRunning || readers < 4 {
                let recommended = try CLI.run(["recommend", "u001", "u002", "-k", "5", "--format", "tsv"], in: dir.url)
                #expect(recommended.status == 0, "\(recommended.stderr)")
                #expect(!recommended.stderr.contains("locked"))
                let drawn = try CLI.run(["ego", "u003", "--out", "ego-\(readers).svg"], in: dir.url)
                #expect(drawn.status == 0, "\(drawn.stderr)")
                readers += 1
            }
            train.waitUntilExit()
            #expect(train.terminationStatus == 0)
            let trainErrors = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(!trainErrors.contains("locked"), "\(trainErrors)")
        }
        #expect(try CLI.run(["recommend", "u001", "--method", "model"], in: dir.url).status == 0)
    }
}
