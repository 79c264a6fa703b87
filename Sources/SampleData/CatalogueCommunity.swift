import Foundation
import RecData

/// A synthetic community at catalogue scale, for benchmarks: about 22k users, 250k items, 900k
/// interactions and 350k directed ties by default. Items have long-tailed (Zipf) popularity and
/// belong to taste groups; users follow mostly people of their own group (homophily) and choose
/// mostly their group's items, weighted by popularity, the rest from the whole catalogue.
/// Linear in its size: every draw is a binary search in a cumulative table.
public struct CatalogueCommunity: Sendable {
    public struct Parameters: Sendable {
        public var users = 22_000
        public var items = 250_000
        public var groups = 200
        /// Mean interactions per user (long-tailed: many users have a handful, a few hundreds).
        public var meanInteractions = 41.0
        /// Mean ties a user follows.
        public var meanTies = 16.0
        /// Share of ties and of interactions that stay inside the user's group.
        public var homophily = 0.85
        public var tasteFidelity = 0.75
        /// Zipf exponent of item popularity.
        public var zipf = 0.9
        public var seed: UInt64 = 11

        public init() {}
    }

    public let parameters: Parameters
    /// (follower, followed), user indices.
    public private(set) var ties: [(Int32, Int32)] = []
    /// (user, item), item indices; each user's items distinct, in the order chosen.
    public private(set) var choices: [(Int32, Int32)] = []

    public init(_ p: Parameters = Parameters()) {
        parameters = p
        var rng = SplitMix64(seed: p.seed)
        let groupOfUser = (0..<p.users).map { _ in Int(rng.below(UInt64(p.groups))) }
        let groupOfItem = (0..<p.items).map { _ in Int(rng.below(UInt64(p.groups))) }
        // Popularity rank is a random permutation of the items, so groups get head and tail alike.
        let rank = rng.shuffled(Array(0..<p.items))
        let weight = rank.map { pow(Double($0 + 1), -p.zipf) }
        let everyItem = Table(items: Array(0..<p.items), weights: weight)
        var itemsOfGroup = [[Int]](repeating: [], count: p.groups)
        for i in 0..<p.items { itemsOfGroup[groupOfItem[i]].append(i) }
        let groupItems = itemsOfGroup.map { Table(items: $0, weights: $0.map { weight[$0] }) }
        var usersOfGroup = [[Int]](repeating: [], count: p.groups)
        for u in 0..<p.users { usersOfGroup[groupOfUser[u]].append(u) }

        func longTailed(mean: Double) -> Int {
            // Log-normal (σ 0.9) with the given mean: median below it, a long right tail.
            max(1, Int((mean * Foundation.exp(0.9 * rng.normal() - 0.405)).rounded()))
        }
        func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

        for u in 0..<p.users {
            let group = usersOfGroup[groupOfUser[u]]
            var followed = Set<Int>()
            var order: [Int] = []
            for _ in 0..<min(longTailed(mean: p.meanTies), p.users - 1) {
                let v = unit() < p.homophily && group.count > 1 ? group[Int(rng.below(UInt64(group.count)))]
                    : Int(rng.below(UInt64(p.users)))
                if v != u && followed.insert(v).inserted { order.append(v) }
            }
            ties += order.map { (Int32(u), Int32($0)) }

            let own = groupItems[groupOfUser[u]]
            var chosen = Set<Int>()
            var picks: [Int] = []
            let wanted = min(longTailed(mean: p.meanInteractions), p.items)
            var attempts = 0
            while picks.count < wanted && attempts < 4 * wanted {
                attempts += 1
                let i = unit() < p.tasteFidelity && !own.isEmpty ? own.draw(unit()) : everyItem.draw(unit())
                if chosen.insert(i).inserted { picks.append(i) }
            }
            choices += picks.map { (Int32(u), Int32($0)) }
        }
    }

    /// Writes edges.tsv (follower, followed), interactions.tsv (user, item, timestamp) and items.tsv.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var edges = ""
        edges.reserveCapacity(ties.count * 16)
        for (a, b) in ties { edges += "g\(a)\tg\(b)\n" }
        try Data(edges.utf8).write(to: directory.appendingPathComponent("edges.tsv"))
        var lines = "user\titem\ttimestamp\n"
        lines.reserveCapacity(choices.count * 24)
        for (k, (u, i)) in choices.enumerated() { lines += "g\(u)\ti\(i)\t\(1_600_000_000 + k)\n" }
        try Data(lines.utf8).write(to: directory.appendingPathComponent("interactions.tsv"))
        // Every item, chosen or not: the catalogue a ranking runs over.
        var names = "id\tname\n"
        for i in 0..<parameters.items { names += "i\(i)\titem \(i)\n" }
        try Data(names.utf8).write(to: directory.appendingPathComponent("items.tsv"))
    }

    /// Items with cumulative weights, drawn by binary search.
    struct Table: Sendable {
        let items: [Int]
        let cumulative: [Double]

        init(items: [Int], weights: [Double]) {
            self.items = items
            var total = 0.0
            cumulative = weights.map { total += $0; return total }
        }

        var isEmpty: Bool { items.isEmpty }

        /// The item whose cumulative weight first exceeds u × total (u in [0, 1)).
        func draw(_ u: Double) -> Int {
            let target = u * (cumulative.last ?? 0)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
            }
            return items[low]
        }
    }
}
