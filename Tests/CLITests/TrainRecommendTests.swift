import Foundation
import Testing
import TestSupport

@Suite struct TrainRecommendTests {
    static func importSample(_ dir: TemporaryDirectory, db: String, users: Int = 300, seed: Int = 7) throws {
        let out = "sample-\(seed)"
        #expect(try CLI.run(["generate", "--out", out, "--users", String(users), "--seed", String(seed)], in: dir.url).status == 0)
        let imported = try CLI.run(["import", "--db", db, "--graph", "\(out)/edges.tsv", "--undirected",
                                    "--interactions", "\(out)/interactions.tsv", "--items", "\(out)/items.tsv"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func trainThenRecommendWithExplanations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.importSample(dir, db: "a.db")
        let trained = try CLI.run(["train", "--db", "a.db", "--epochs", "2", "--export", "model.ckpt"], in: dir.url)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("epoch  1  loss"))
        #expect(trained.stdout.contains("validation NDCG@10"))
        #expect(trained.stdout.contains("saved checkpoint 1"))

        let tsv = try CLI.run(["recommend", "u001", "u002", "-k", "5", "--format", "tsv", "--db", "a.db"], in: dir.url)
        #expect(tsv.status == 0, "\(tsv.stderr)")
        let lines = tsv.stdout.split(separator: "\n")
        #expect(lines.first == "user\titem\trank\tscore")
        #expect(lines.count == 11)
        // Never an item the user already has, never one twice.
        let rows: [[Substring]] = try String(contentsOfFile: dir.path("sample-7/interactions.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t") }
        let known = Set(rows.filter { $0[0] == "u001" }.map { String($0[1]) })
        let mine = lines.dropFirst().map { $0.split(separator: "\t") }.filter { $0[0] == "u001" }.map { String($0[1]) }
        #expect(mine.count == 5 && Set(mine).count == 5 && Set(mine).isDisjoint(with: known))

        let explained = try CLI.run(["recommend", "u002", "--explain", "--db", "a.db"], in: dir.url)
        #expect(explained.stdout.contains("influence: "))
        let json = try CLI.run(["recommend", "u002", "--format", "json", "--explain", "--db", "a.db"], in: dir.url)
        let people = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect((people[0]["recommendations"] as! [Any]).count == 10)
        let weights = (people[0]["influence"] as! [[String: Any]]).map { $0["weight"] as! Double }
        #expect(abs(weights.reduce(0, +) - 1) < 1e-4)

        // A newcomer adapted on the fly; nothing is stored.
        try dir.write("new.tsv", "newbie\ta001\nnewbie\ta002\n")
        try dir.write("friends.tsv", "newbie\tu001\nnewbie\tu005\n")
        let newcomer = try CLI.run(["recommend", "--support", "new.tsv", "--friends", "friends.tsv", "-k", "3", "--db", "a.db"], in: dir.url)
        #expect(newcomer.status == 0, "\(newcomer.stderr)")
        #expect(newcomer.stdout.contains("newbie (2 known items, 2 friends)"))
        // Nothing was stored: by name, the newcomer is a stranger.
        #expect(try CLI.run(["recommend", "newbie", "--db", "a.db"], in: dir.url).stderr
            .contains("1 unknown user(s) ('newbie') got the most popular items"))

        // The checkpoint is refused by another dataset's database, and when damaged.
        try Self.importSample(dir, db: "b.db", users: 120, seed: 8)
        let other = try CLI.run(["recommend", "u001", "--checkpoint", "model.ckpt", "--db", "b.db"], in: dir.url)
        #expect(other.status == 1)
        #expect(other.stderr.contains("model.ckpt: checkpoint was trained on another dataset"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("model.ckpt")))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: dir.path("damaged.ckpt")))
        let damaged = try CLI.run(["recommend", "u001", "--checkpoint", "damaged.ckpt", "--db", "a.db"], in: dir.url)
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains("damaged.ckpt: checkpoint is corrupted (checksum mismatch)"))
        #expect(try CLI.run(["recommend", "u001", "--checkpoint", "model.ckpt", "--db", "a.db"], in: dir.url).status == 0)
    }

    @Test func untrainedDatabaseFallsBackAndSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.importSample(dir, db: "c.db", users: 80)
        let fallback = try CLI.run(["recommend", "u001", "--db", "c.db"], in: dir.url)
        #expect(fallback.status == 0)
        #expect(fallback.stderr.contains("no trained model yet"))
        let strict = try CLI.run(["recommend", "u001", "--method", "model", "--db", "c.db"], in: dir.url)
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("no trained model in c.db"))
    }

    @Test func divergingTrainingStopsWithAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.importSample(dir, db: "d.db", users: 80)
        let result = try CLI.run(["train", "--db", "d.db", "--epochs", "2", "--inner-rate", "1e30", "--learning-rate", "1e30"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("training diverged (NaN or infinity)"))
        // The model kept is the one training would have returned after epoch 0: it serves.
        #expect(result.stderr.contains("kept the last good model as checkpoint 1"))
        let served = try CLI.run(["recommend", "u001", "--method", "model", "--db", "d.db"], in: dir.url)
        #expect(served.status == 0 && !served.stdout.isEmpty, "\(served.stderr)")
    }
}
