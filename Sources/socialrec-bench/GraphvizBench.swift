import Foundation
import GraphvizExport

/// Times drawing a realistic 200-person ego-network to SVG (the design's "≤ 1 s" target), plus PNG
/// and the neato layout for context.
func graphvizBenchRows() -> [BenchRow] {
    let drawing = benchDrawing()
    let renderer = GraphvizRenderer()
    let shape = "\(drawing.people.count + 1) people, \(drawing.ties.count) ties, \(drawing.items.count) items"
    let cases: [(String, GraphvizLayout, GraphvizFormat, String)] = [
        ("200-node ego-network → SVG (sfdp)", .sfdp, .svg, "≤ 1 s"),
        ("200-node ego-network → PNG (sfdp)", .sfdp, .png, "— (context)"),
        ("200-node ego-network → SVG (neato)", .neato, .svg, "— (context)"),
    ]
    return cases.map { figure, layout, format, target in
        do {
            let times = try timings(runs: 7) { _ = try renderer.render(drawing, layout: layout, format: format) }
            let measured = "median \(seconds(times[times.count / 2])), max \(seconds(times.last!)) over \(times.count) runs; \(shape)"
            return BenchRow(figure: figure, measured: measured, target: target)
        } catch {
            return BenchRow(figure: figure, measured: "failed: \(error)", target: target)
        }
    }
}

/// Writes the benchmark's drawing as ego.svg, .png, .pdf and .dot into `directory`, to look at.
func writeGraphvizSamples(to directory: URL) throws -> [URL] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let drawing = benchDrawing()
    return try ["ego.svg", "ego.png", "ego.pdf", "ego.dot"].map { name in
        let url = directory.appending(path: name)
        try GraphvizRenderer().write(drawing, to: url)
        return url
    }
}

private func benchDrawing() -> InfluenceDrawing {
    SyntheticEgoNetwork.drawing(people: 200, ties: 1_500, items: 10, seed: 42)
}

/// Sorted wall times of `runs` calls after one warm-up (which also creates the Graphviz context).
private func timings(runs: Int, _ body: () throws -> Void) throws -> [Duration] {
    try body()
    let clock = ContinuousClock()
    var times: [Duration] = []
    for _ in 0..<runs {
        times.append(try clock.measure(body))
    }
    return times.sorted()
}

private func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    return String(format: "%.3f s", Double(whole) + Double(attoseconds) * 1e-18)
}

/// A plausible ego-network: a fifth of the people are friends, the rest friends of friends; people
/// fall into communities that are densely tied inside and sparsely between; influence is skewed
/// (a few friends matter a lot); items are brought in mostly by the influential.
private enum SyntheticEgoNetwork {
    static func drawing(people count: Int, ties tieCount: Int, items itemCount: Int, seed: UInt64) -> InfluenceDrawing {
        var random = SplitMix64(seed: seed)
        let friendCount = max(count / 5, 1)
        let communities = 6
        let firstNames = ["Ana", "Bram", "Chloé", "Dev", "Émile", "Farah", "Gus", "Hana", "Ivo", "José", "Kai",
                          "Lena", "Łukasz", "Mia", "Noor", "Otto", "Priya", "Quinn", "Rosa", "Søren", "Tomás", "Uma",
                          "Vera", "Wen", "Xavi", "Yara", "Zoë"]
        let lastNames = ["Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haas", "Ito",
                         "Jansen", "Kowalski", "López", "Müller", "Novak", "O'Neil", "Petrov", "Rossi", "Silva"]

        var people: [Person] = []
        var community: [String: Int] = [:]
        for index in 0..<count {
            let id = "u\(1000 + index)"
            let isFriend = index < friendCount
            let raw = isFriend ? pow(random.unit(), 3) : 0.25 * pow(random.unit(), 3)
            let name = "\(firstNames[Int(random.next() % UInt64(firstNames.count))]) \(lastNames[Int(random.next() % UInt64(lastNames.count))])"
            people.append(Person(id: id, label: name, hop: isFriend ? 1 : 2, influence: raw))
            community[id] = index % communities
        }
        let total = people.map(\.influence).reduce(0, +)
        for index in people.indices { people[index].influence /= total }

        let centre = Person(id: "u42", label: "Zoë \"Z\" Kowalski", hop: 0, influence: 1)
        var pairs: Set<[Int]> = []
        var ties: [Tie] = []
        func tie(_ a: Int, _ b: Int, _ strength: Double) {
            guard a != b, pairs.insert([min(a, b), max(a, b)]).inserted else { return }
            ties.append(Tie(between: a < 0 ? centre.id : people[a].id, and: people[b].id, strength: strength))
        }
        for friend in 0..<friendCount { tie(-1, friend, 0.3 + 0.7 * random.unit()) }
        for far in friendCount..<count {
            let sameCommunity = (0..<friendCount).filter { community[people[$0].id] == community[people[far].id] }
            tie(sameCommunity[Int(random.next() % UInt64(sameCommunity.count))], far, random.unit())
        }
        while ties.count < tieCount {
            let a = Int(random.next() % UInt64(count)), b = Int(random.next() % UInt64(count))
            let together = community[people[a].id] == community[people[b].id]
            if together || random.unit() < 0.02 { tie(a, b, pow(random.unit(), 2)) }
        }

        let byInfluence = people.prefix(friendCount).sorted { $0.influence > $1.influence }
        let titles = ["The Quiet Orbit", "Salt & Iron", "Dérive", "A <Short> History of Rain", "Night Trains",
                      "Glass Harbour", "Über den Wolken", "The \"Last\" Lighthouse", "Paper Moons", "Field Notes"]
        let items = (0..<itemCount).map { rank in
            let bringers = (0..<(1 + Int(random.next() % 3))).map { _ in
                byInfluence[min(Int(pow(random.unit(), 2) * Double(byInfluence.count)), byInfluence.count - 1)].id
            }
            return RecommendedItem(id: "i\(500 + rank)", label: titles[rank % titles.count], rank: rank + 1,
                                   score: 0.95 - 0.05 * Double(rank), broughtBy: rank == itemCount - 1 ? [] : bringers)
        }
        return InfluenceDrawing(
            title: "User \(centre.label) — model social-maml (checkpoint 3)",
            centre: centre, people: people, ties: ties, items: items,
            influenceSource: .model(name: "social-maml (checkpoint 3)"), omittedPeople: 37
        )
    }
}

/// Deterministic across platforms and runs, unlike the system generator. Private so that it
/// cannot clash with a generator of the same name where this file is copied.
private struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
