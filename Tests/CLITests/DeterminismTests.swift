import Foundation
import Testing
import TestSupport

/// The same command with the same seed gives the same bytes in two processes. Hash seeds differ
/// per process, so only separate processes can catch a Set's or Dictionary's order reaching
/// training, features, negative sampling, ranking or a written file.
@Suite(.enabled(if: Datasets.available, "needs ../shared/datasets"))
struct DeterminismTests {
    @Test func trainRecommendEgoAndEvaluateAreByteIdenticalAcrossProcesses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let lastfm = Datasets.path("lastfm-2k")
        let imported = try CLI.run(["import", "--db", "lf.db", "--graph", "\(lastfm)/user_friends.dat", "--undirected",
                                    "--interactions", "\(lastfm)/user_artists.dat", "--items", "\(lastfm)/artists.dat"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        // A few hundred users, some of them newcomer-like (few friends), as `recommend --users` reads them.
        let ids = try String(contentsOfFile: "\(lastfm)/user_artists.dat", encoding: .utf8)
            .split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        let users = Array(NSOrderedSet(array: ids).array as! [String]).prefix(300)
        try dir.write("users.txt", users.joined(separator: "\n") + "\n")

        var checkpoints: [Data] = [], lists: [String] = [], drawings: [Data] = [], reports: [String] = []
        for run in 1...2 {
            let trained = try CLI.run(["train", "--db", "lf.db", "--epochs", "2", "--seed", "5", "--export", "model-\(run).ckpt"], in: dir.url)
            #expect(trained.status == 0, "\(trained.stderr)")
            checkpoints.append(try Data(contentsOf: dir.url.appendingPathComponent("model-\(run).ckpt")))
            let listed = try CLI.run(["recommend", "--users", "users.txt", "--format", "tsv", "--checkpoint", "model-1.ckpt",
                                      "--db", "lf.db"], in: dir.url)
            #expect(listed.status == 0, "\(listed.stderr)")
            lists.append(listed.stdout)
            let drawn = try CLI.run(["ego", "2", "--recommendations", "5", "--out", "ego-\(run).dot",
                                     "--db", "lf.db"], in: dir.url)
            #expect(drawn.status == 0, "\(drawn.stderr)")
            // The title names the newest checkpoint, which differs by one between runs.
            drawings.append(try Data(contentsOf: dir.url.appendingPathComponent("ego-\(run).dot")))
            let evaluated = try CLI.run(["evaluate", "--db", "lf.db", "--methods", "social-popularity,social-maml",
                                         "--support", "0,3", "--seeds", "1", "--json"], in: dir.url)
            #expect(evaluated.status == 0, "\(evaluated.stderr)")
            reports.append(evaluated.stdout)
        }
        #expect(checkpoints[0] == checkpoints[1], "train wrote different checkpoints from the same seed")
        #expect(lists[0] == lists[1], "recommend gave different lists")
        #expect(lists[0].split(separator: "\n").count == 1 + 300 * 10)
        let titles = drawings.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "checkpoint 2", with: "checkpoint N")
            .replacingOccurrences(of: "checkpoint 1", with: "checkpoint N") }
        #expect(titles[0] == titles[1], "ego drew different pictures")
        #expect(reports[0] == reports[1], "evaluate gave different numbers")
    }
}
