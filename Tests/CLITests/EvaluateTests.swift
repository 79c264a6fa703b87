import Foundation
import Testing
import TestSupport

@Suite struct EvaluateTests {
    @Test func evaluateWritesReportsAndScoreReadsTheSplit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        #expect(try CLI.run(["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv"],
                            in: dir.url).status == 0)
        let result = try CLI.run(["evaluate", "--methods", "most-popular,social-popularity", "--support", "0,3", "--seeds", "1",
                                  "--report", "report", "--split-out", "split"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("k = 0 ("))
        #expect(result.stdout.contains("social-popularity"))
        for file in ["report/results.json", "report/report.html", "report/table.txt", "split/train-3.tsv", "split/query-3.tsv",
                     "split/test-users.txt", "split/validation-users.txt"] {
            #expect(FileManager.default.fileExists(atPath: dir.path(file)), "\(file) written")
        }
        // The query file holds test users only, and none of their first 3 interactions.
        let testUsers = Set(try String(contentsOfFile: dir.path("split/test-users.txt"), encoding: .utf8).split(separator: "\n").map(String.init))
        let query = try String(contentsOfFile: dir.path("split/query-3.tsv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!query.isEmpty && query.allSatisfy { testUsers.contains(String($0.split(separator: "\t")[0])) })
        let train = Set(try String(contentsOfFile: dir.path("split/train-3.tsv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t").prefix(2).joined(separator: "\t") })
        #expect(query.allSatisfy { !train.contains($0.split(separator: "\t").prefix(2).joined(separator: "\t")) })

        // Scoring the query against itself is perfect on NDCG and HR.
        try dir.write("perfect.tsv", "user\titem\trank\tscore\n" + query.enumerated().map { "\($0.element.split(separator: "\t")[0])\t\($0.element.split(separator: "\t")[1])\t\($0.offset)\t1" }.joined(separator: "\n") + "\n")
        let scored = try CLI.run(["score", "--topk", "perfect.tsv", "--query", "split/query-3.tsv", "--json"], in: dir.url)
        #expect(scored.status == 0, "\(scored.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as! [String: Any]
        #expect(json["hr"] as? Double == 1)
        #expect(json["users"] as? Int == testUsers.count)
        // With the training file, the lists' diversity too; every perfect list is its user's own query.
        let diverse = try CLI.run(["score", "--topk", "perfect.tsv", "--query", "split/query-3.tsv", "--train", "split/train-3.tsv", "--json"],
                                  in: dir.url)
        #expect(diverse.status == 0, "\(diverse.stderr)")
        let figures = try JSONSerialization.jsonObject(with: Data(diverse.stdout.utf8)) as! [String: Any]
        for key in ["personalisation", "novelty", "gini"] {
            let value = try #require(figures[key] as? Double, "\(key) in \(diverse.stdout)")
            #expect(value >= 0 && value <= (key == "novelty" ? 20 : 1), "\(key) \(value)")
        }
        #expect(json["novelty"] == nil, "no novelty without --train")
        // With item features, intra-list diversity: one feature for every item makes every list uniform.
        let items = Set(query.map { String($0.split(separator: "\t")[1]) })
        try dir.write("same.tsv", items.sorted().map { "\($0)\tpop" }.joined(separator: "\n") + "\n")
        try dir.write("own.tsv", items.sorted().map { "\($0)\tf-\($0)" }.joined(separator: "\n") + "\nghost\tpop\n")
        for (file, expected) in [("same.tsv", 0.0), ("own.tsv", 1.0)] {
            let scoredILD = try CLI.run(["score", "--topk", "perfect.tsv", "--query", "split/query-3.tsv", "--item-features", file, "--json"],
                                        in: dir.url)
            #expect(scoredILD.status == 0, "\(scoredILD.stderr)")
            let ild = (try JSONSerialization.jsonObject(with: Data(scoredILD.stdout.utf8)) as! [String: Any])["intraListDiversity"] as? Double
            #expect(ild.map { abs($0 - expected) < 1e-6 } == true, "\(file): \(String(describing: ild))")
        }

        let unknown = try CLI.run(["evaluate", "--methods", "magic"], in: dir.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown method 'magic'; known: most-popular"))
        let badTopK = try dir.write("bad.tsv", "u1\ti1\tfirst\n")
        let bad = try CLI.run(["score", "--topk", badTopK, "--query", "split/query-3.tsv"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.tsv:1: expected user, item and a numeric rank"))
    }

    /// With item features, the content methods run by default and every list's intra-list
    /// diversity appears beside the other figures.
    @Test func contentMethodsAndIntraListDiversityWithFeatures() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        // Three made-up genres, by the item ID's last digit.
        let items = try String(contentsOfFile: "\(data)/items.tsv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.split(separator: "\t")[0]) }
        try dir.write("genres.tsv", items.map { "\($0)\tg\(Int(String($0.last!))! % 3)" }.joined(separator: "\n") + "\n")
        let imported = try CLI.run(["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv",
                                    "--items", "\(data)/items.tsv", "--item-features", "genres.tsv"], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        let result = try CLI.run(["evaluate", "--methods", "social-popularity,content,content-social", "--support", "0,3", "--seeds", "1",
                                  "--report", "report"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ILD"), "\(result.stdout)")
        for method in ["content ", "content-social"] { #expect(result.stdout.contains(method)) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("report/results.json"))) as! [String: Any]
        let perSeed = json["perSeed"] as! [String: Any]
        func first(_ key: String) -> Double? { (perSeed[key] as? [Any])?.first as? Double }
        let ild = try #require(first("content|3|ild|all"))
        #expect(ild >= 0 && ild <= 1)
        // Content lists at k = 3 lean on the genre of the known items: less varied than the vote's.
        #expect(ild < (first("social-popularity|3|ild|all") ?? 0))
        let chosen = json["chosenConfigurations"] as! [String: [String]]
        #expect(chosen["content"]?.first?.hasPrefix("popularity weight") == true)

        // Item cold-start: a share of the items is new, and NDCG@10 among them is its own column.
        // Of the baselines only content knows anything about an item nobody has chosen; the vote
        // ties every new item. The meta-learner reaches them through its content match.
        let cold = try CLI.run(["evaluate", "--methods", "social-popularity,content,social-maml", "--support", "3", "--seeds", "1",
                                "--cold-items", "0.3", "--json"], in: dir.url)
        #expect(cold.status == 0, "\(cold.stderr)")
        let coldJSON = try JSONSerialization.jsonObject(with: Data(cold.stdout.utf8)) as! [String: Any]
        let coldSeeds = coldJSON["perSeed"] as! [String: Any]
        let newItemsContent = try #require((coldSeeds["content|3|ndcg-new-items|all"] as? [Double])?.first, "\(coldSeeds.keys.sorted())")
        let newItemsVote = try #require((coldSeeds["social-popularity|3|ndcg-new-items|all"] as? [Double])?.first)
        #expect(newItemsContent > newItemsVote, "content \(newItemsContent) vs the vote \(newItemsVote)")
        #expect(cold.stderr.contains("seed 1: social-maml at k = 3 on "), "piped, each stage is a line of the log: \(cold.stderr)")
        let newItemsMeta = try #require((coldSeeds["social-maml|3|ndcg-new-items|all"] as? [Double])?.first)
        #expect(newItemsMeta > newItemsVote, "social-maml \(newItemsMeta) vs the vote \(newItemsVote)")
        #expect((coldJSON["settings"] as? [String: Any])?["coldItemShare"] as? Double == 0.3)
        let tooMany = try CLI.run(["evaluate", "--cold-items", "0.9"], in: dir.url)
        #expect(tooMany.status != 0 && tooMany.stderr.contains("--cold-items takes a share in 0…0.5, not 0.9"), "\(tooMany.stderr)")
    }
}
