import Foundation
import RecData

/// A synthetic community whose friends share tastes: users and items belong to taste groups, friends
/// are mostly drawn from one's own group (a stochastic block model), and each user picks items close
/// to their own taste vector, with noise. Written in the file formats users bring.
public struct SampleCommunity: Sendable {
    public struct Parameters: Sendable {
        public var users = 300
        public var items = 400
        public var groups = 6
        public var dimensions = 8
        /// Expected friends inside and outside one's group.
        public var friendsInGroup = 7.0
        public var friendsAcross = 1.5
        /// Share of interactions that ignore taste (noise).
        public var noise = 0.1
        /// Share of users with 0–3 interactions: the cold start the toolkit is for.
        public var coldShare = 0.2
        public var seed: UInt64 = 7

        public init() {}
    }

    public struct Edge: Sendable { public var a: String; public var b: String }
    public struct Interaction: Sendable { public var user: String; public var item: String; public var plays: Int; public var timestamp: Int }

    public private(set) var edges: [Edge] = []
    public private(set) var interactions: [Interaction] = []
    /// (item ID, name)
    public private(set) var items: [(id: String, name: String)] = []
    /// Each user's taste group, for checks.
    public private(set) var groupOfUser: [Int] = []

    public init(_ p: Parameters = Parameters()) {
        var rng = SplitMix64(seed: p.seed)
        let userIDs = (0..<p.users).map { String(format: "u%03d", $0 + 1) }
        let itemIDs = (0..<p.items).map { String(format: "a%03d", $0 + 1) }
        items = zip(itemIDs, Self.names(count: p.items, rng: &rng)).map { ($0, $1) }

        let centres = (0..<p.groups).map { _ in (0..<p.dimensions).map { _ in rng.normal() } }
        func vector(near centre: [Double], spread: Double) -> [Double] { centre.map { $0 + spread * rng.normal() } }
        groupOfUser = (0..<p.users).map { _ in Int.random(in: 0..<p.groups, using: &rng) }
        let userTaste = groupOfUser.map { vector(near: centres[$0], spread: 0.5) }
        let itemGroup = (0..<p.items).map { _ in Int.random(in: 0..<p.groups, using: &rng) }
        let itemTaste = itemGroup.map { vector(near: centres[$0], spread: 0.5) }
        let popularity = (0..<p.items).map { _ in rng.normal() * 0.7 }

        // Friendships: a stochastic block model, each pair once.
        let groupSize = Double(p.users) / Double(p.groups)
        let pIn = min(1, p.friendsInGroup / max(1, groupSize - 1))
        let pAcross = min(1, p.friendsAcross / max(1, Double(p.users) - groupSize))
        for a in 0..<p.users {
            for b in (a + 1)..<p.users {
                let chance = groupOfUser[a] == groupOfUser[b] ? pIn : pAcross
                if Double.random(in: 0..<1, using: &rng) < chance { edges.append(Edge(a: userIDs[a], b: userIDs[b])) }
            }
        }

        // Interactions: softmax over taste affinity plus popularity, without repeats.
        var clock = 1_600_000_000
        for u in 0..<p.users {
            let cold = Double.random(in: 0..<1, using: &rng) < p.coldShare
            let count = cold ? Int.random(in: 0...3, using: &rng) : 8 + Int(-12 * _log(Double.random(in: 0.01..<1, using: &rng)))
            var scores = (0..<p.items).map { i in
                zip(userTaste[u], itemTaste[i]).reduce(0) { $0 + $1.0 * $1.1 } / Double(p.dimensions).squareRoot() * 2 + popularity[i]
            }
            var chosen = Set<Int>()
            while chosen.count < min(count, p.items) {
                let pick: Int
                if Double.random(in: 0..<1, using: &rng) < p.noise {
                    pick = Int.random(in: 0..<p.items, using: &rng)
                } else {
                    pick = Self.sampleSoftmax(scores, rng: &rng)
                }
                guard chosen.insert(pick).inserted else { continue }
                scores[pick] = -.infinity
                clock += Int.random(in: 60...86_400, using: &rng)
                let plays = 1 + Int(-20 * _log(Double.random(in: 0.001..<1, using: &rng)))
                interactions.append(Interaction(user: userIDs[u], item: itemIDs[pick], plays: plays, timestamp: clock))
            }
        }
    }

    static func sampleSoftmax(_ scores: [Double], rng: inout SplitMix64) -> Int {
        let top = scores.max() ?? 0
        let weights = scores.map { $0 == -.infinity ? 0 : Foundation.exp($0 - top) }
        var r = Double.random(in: 0..<weights.reduce(0, +), using: &rng)
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return i }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// Unique two-word names; a few carry accents and quotes, as real catalogues do.
    static func names(count: Int, rng: inout SplitMix64) -> [String] {
        let first = ["Amber", "Velvet", "Silent", "Electric", "Northern", "Paper", "Golden", "Hollow", "Crimson", "Lunar",
                     "Wild", "Glass", "Neon", "Quiet", "Iron", "Saffron", "Midnight", "Broken", "Little", "Café",
                     "Distant", "Static", "Copper", "Blue", "Frozen"]
        let second = ["Harbor", "Echoes", "Orchard", "Parade", "Machines", "Tides", "Lanterns", "Foxes", "Radio", "Garden",
                      "Skyline", "Rivers", "Mirrors", "Ghosts", "Tigers", "Motel", "Comets", "Letters", "Drums", "Señoritas",
                      "Engines", "Owls", "Satellites", "\"Strangers\"", "Fields"]
        var all = first.flatMap { a in second.map { "\(a) \($0)" } }
        all.shuffle(using: &rng)
        return (0..<count).map { i in i < all.count ? all[i] : "Band \(i + 1)" }
    }

    /// Writes `edges.tsv`, `interactions.tsv` and `items.tsv` into `directory`.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var text = "user\tfriend\n"
        for e in edges { text += "\(e.a)\t\(e.b)\n" }
        try text.write(to: directory.appendingPathComponent("edges.tsv"), atomically: true, encoding: .utf8)
        text = "user\titem\tplays\ttimestamp\n"
        for r in interactions { text += "\(r.user)\t\(r.item)\t\(r.plays)\t\(r.timestamp)\n" }
        try text.write(to: directory.appendingPathComponent("interactions.tsv"), atomically: true, encoding: .utf8)
        text = "item\tname\n"
        for item in items { text += "\(item.id)\t\(item.name)\n" }
        try text.write(to: directory.appendingPathComponent("items.tsv"), atomically: true, encoding: .utf8)
    }
}
