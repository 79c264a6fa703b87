import RecData
import Recommenders
import SocialGraphModule

/// Hand-made data for the baselines' tests.
enum Toy {
    /// Visible data from explicit lists: (user, item, value) and friendships.
    static func data(users: Int, items: Int, edges: [(Int, Int)] = [], interactions: [(Int, Int, Float)],
                     feedback: Feedback = .implicit, undirected: Bool = true) -> VisibleData {
        var list = EdgeList()
        for (a, b) in edges { list.sources.append(Int32(a)); list.targets.append(Int32(b)) }
        let graph = SocialGraph(nodeCount: users, edges: list, undirected: undirected)
        var rows = Interactions(feedback: feedback)
        for (u, i, v) in interactions { rows.append(user: Int32(u), item: Int32(i), value: v, timestamp: nil) }
        return VisibleData(graph: graph, interactions: InteractionIndex(rows, userCount: users, itemCount: items), feedback: feedback)
    }

    /// Planted blocks: `blocks` groups of users, each with its own block of items. Every user chose
    /// `itemsPerUser` distinct items of their block (rated 4–5 on explicit data, plus one item of
    /// another block rated 1), and has `friendsPerUser` random friends inside their block.
    /// `hidden` users' interactions are left out (they become newcomers or held-out users).
    struct Blocks {
        var blocks = 2
        var usersPerBlock = 20
        var itemsPerBlock = 20
        var itemsPerUser = 6
        var friendsPerUser = 3
        var explicit = false
        var seed: UInt64 = 5
        var hidden: Set<Int> = []

        var userCount: Int { blocks * usersPerBlock }
        var itemCount: Int { blocks * itemsPerBlock }
        func blockOfUser(_ u: Int) -> Int { u / usersPerBlock }
        func blockOfItem(_ i: Int32) -> Int { Int(i) / itemsPerBlock }
        func items(ofBlock b: Int) -> [Int32] { (0..<itemsPerBlock).map { Int32(b * itemsPerBlock + $0) } }
        func users(ofBlock b: Int) -> [Int32] { (0..<usersPerBlock).map { Int32(b * usersPerBlock + $0) } }

        /// Every user's chosen items (hidden users' too), in the order drawn.
        func choices() -> [[(item: Int, value: Float)]] {
            var rng = SplitMix64(seed: seed)
            return (0..<userCount).map { u in
                let b = blockOfUser(u)
                let mine = rng.shuffled(Array(0..<itemsPerBlock)).prefix(itemsPerUser).map { b * itemsPerBlock + $0 }
                var chosen = mine.map { (item: $0, value: explicit ? Float(4 + Int(rng.next() % 2)) : 1) }
                if explicit {
                    let other = (b + 1) % blocks
                    chosen.append((other * itemsPerBlock + Int(rng.next() % UInt64(itemsPerBlock)), 1))
                }
                return chosen
            }
        }

        func edges() -> [(Int, Int)] {
            var rng = SplitMix64(seed: seed &+ 99)
            var edges: [(Int, Int)] = []
            for u in 0..<userCount {
                let b = blockOfUser(u)
                for _ in 0..<friendsPerUser {
                    let v = b * usersPerBlock + Int(rng.next() % UInt64(usersPerBlock))
                    if v != u { edges.append((u, v)) }
                }
            }
            return edges
        }

        func data() -> VisibleData {
            let chosen = choices()
            let rows = (0..<userCount).filter { !hidden.contains($0) }.flatMap { u in chosen[u].map { (u, $0.item, $0.value) } }
            return Toy.data(users: userCount, items: itemCount, edges: edges(), interactions: rows,
                            feedback: explicit ? .explicit(min: 1, max: 5) : .implicit)
        }
    }

    /// Every baseline, built small enough for debug builds, by name.
    static let baselines: [(name: String, make: @Sendable (VisibleData, UInt64) -> any Recommender)] = [
        ("item-knn", { ItemKNN($0, seed: $1) }),
        ("user-knn", { UserKNN($0, seed: $1) }),
        ("bpr-mf", { BPRMF($0, configuration: .init(factors: 8, epochs: 20), seed: $1) }),
        ("social-mf", { SocialMF($0, configuration: .init(factors: 8, epochs: 20, ratingFactors: 4, ratingEpochs: 10), seed: $1) }),
        ("item-mean", { ItemMean($0, seed: $1) }),
    ]
}
