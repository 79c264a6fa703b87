import Foundation
import Testing
import TestSupport

@Suite struct EgoTests {
    /// Counts `<g id="…" class="node">` and `class="edge"` groups, and collects `<title>` texts.
    static func summary(_ svg: String) -> (nodes: Int, edges: Int, titles: [String]) {
        let nodes = svg.components(separatedBy: "class=\"node\"").count - 1
        let edges = svg.components(separatedBy: "class=\"edge\"").count - 1
        let titles = svg.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        return (nodes, edges, titles)
    }

    @Test(.enabled(if: Datasets.available)) func lastfmUserDrawnAsTheGraphSays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let imported = try CLI.run(["import", "--graph", Datasets.path("lastfm-2k/user_friends.dat"), "--undirected",
                                    "--interactions", Datasets.path("lastfm-2k/user_artists.dat"),
                                    "--items", Datasets.path("lastfm-2k/artists.dat")], in: dir.url)
        #expect(imported.status == 0)
        // User 2's friends and the friendships among them, straight from the file.
        let rows = try String(contentsOfFile: Datasets.path("lastfm-2k/user_friends.dat"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        let friends = Set(rows.filter { $0[0] == "2" }.map { $0[1] })
        let members = friends.union(["2"])
        let ties = Set(rows.filter { members.contains($0[0]) && members.contains($0[1]) }.map { [$0[0], $0[1]].sorted() })

        let drawn = try CLI.run(["ego", "2", "--recommendations", "5", "--out", "ego.svg"], in: dir.url)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let svg = try String(contentsOfFile: dir.path("ego.svg"), encoding: .utf8)
        let s = Self.summary(svg)
        #expect(s.nodes == members.count + 5)
        let people = Set(s.titles.filter { $0.hasPrefix("person:") && !$0.contains("&#45;&#45;") }.map { String($0.dropFirst(7)) })
        #expect(people == members)
        let drawnTies = s.titles.filter { $0.hasPrefix("person:") && $0.contains("&#45;&#45;person:") }
        #expect(drawnTies.count == ties.count)
        // Every tie, plus at least one arrow per item from the friends who brought it in.
        #expect(s.edges - ties.count >= 5)
        #expect(s.titles.filter { $0.hasPrefix("item:") }.count == 5)
        #expect(svg.contains("User 2 — no trained model"))
        #expect(svg.contains("personalised PageRank"))

        let png = try CLI.run(["ego", "2", "--hops", "2", "--max-nodes", "60", "--out", "ego.png"], in: dir.url)
        #expect(png.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("ego.png")))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.stdout.contains("60 people"))
    }

    @Test func awkwardIDsSurviveAndErrorsAreClear() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("edges.tsv", "Zoë \"the <boss>\" & co\tbob\nbob\tcarol\n")
        #expect(try CLI.run(["import", "--graph", "edges.tsv", "--undirected"], in: dir.url).status == 0)
        let user = "Zoë \"the <boss>\" & co"
        let drawn = try CLI.run(["ego", user, "--out", "ego.svg"], in: dir.url)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let svg = try String(contentsOfFile: dir.path("ego.svg"), encoding: .utf8)
        #expect(svg.contains("Zoë &quot;the &lt;boss&gt;&quot; &amp; co"))
        // Same input, same drawing.
        #expect(try CLI.run(["ego", user, "--out", "again.svg"], in: dir.url).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("again.svg"))) == Data(svg.utf8))

        let unknown = try CLI.run(["ego", "nobody"], in: dir.url)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no user 'nobody'"))
        let badFormat = try CLI.run(["ego", "bob", "--out", "ego.jpeg"], in: dir.url)
        #expect(badFormat.status == 1)
        #expect(badFormat.stderr.contains("unknown extension \".jpeg\""))
        let badLayout = try CLI.run(["ego", "bob", "--layout", "spring"], in: dir.url)
        #expect(badLayout.stderr.contains("unknown layout \"spring\""))
    }
}
