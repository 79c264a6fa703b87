import RecData
import Synchronization

/// Item-to-item cosine on who-chose-what, shrunk, computed per item when asked (never as an items ×
/// items matrix: Ciao has 105k items). One implementation for the `item-knn` baseline and the
/// meta-learner's co-occurrence prior.
///
///   sim(i, j) = |U_i ∩ U_j| / (√(|U_i| |U_j|) + shrinkage)
///   score(j)  = Σ_{s ∈ support} sim(j, s) · [j among the `neighbours` most similar items of s]
public struct ItemSimilarity: Sendable {
    public let interactions: InteractionIndex
    public var neighbours: Int
    public var shrinkage: Float

    public init(interactions: InteractionIndex, neighbours: Int, shrinkage: Float) {
        self.interactions = interactions
        self.neighbours = neighbours
        self.shrinkage = shrinkage
    }

    /// Calls `add(item, similarity)` for each neighbour of each support item, support in the given
    /// order, neighbours best first: the same float sums wherever the scores are accumulated.
    /// `user` is left out of the counts: in training their whole history is visible, and counting it
    /// would hand their query items to their own support.
    public func forEachNeighbour(ofEach support: [Int32], excluding user: Int32? = nil, _ add: (Int32, Float) -> Void) {
        guard !support.isEmpty else { return }
        var scratch = CoCounts.pool.take(itemCount: interactions.itemCount)
        defer { CoCounts.pool.give(scratch) }
        let own = user.map { Set(interactions.items(of: $0)) } ?? []
        for s in support {
            for (j, similarity) in self.neighbours(of: s, excluding: user, own: own, scratch: &scratch) { add(j, similarity) }
        }
    }

    /// The `neighbours` items most similar to `item`, best first (ties to the smaller index),
    /// similarities > 0.
    public func neighbours(of item: Int32) -> [(item: Int32, similarity: Float)] {
        var scratch = CoCounts(itemCount: interactions.itemCount)
        return neighbours(of: item, excluding: nil, own: [], scratch: &scratch)
    }

    func neighbours(of s: Int32, excluding user: Int32?, own: Set<Int32>, scratch: inout CoCounts)
        -> [(item: Int32, similarity: Float)]
    {
        guard s >= 0, Int(s) < interactions.itemCount, neighbours > 0 else { return [] }
        // Co-occurrence counts with s: every user who chose s, every other item they chose.
        for u in interactions.users(of: s) where u != user { scratch.add(interactions.items(of: u), skipping: s) }
        // The excluded user's own items count one fewer chooser: marked by a negative count, so
        // that the pass below needs no set lookup per item.
        for i in own where scratch.counts[Int(i)] > 0 { scratch.negate(i) }
        let ns = Float(interactions.popularity(s) - (own.contains(s) ? 1 : 0))
        let shrinkage = max(0, self.shrinkage)
        var similar: [(item: Int32, similarity: Float)] = []
        similar.reserveCapacity(scratch.touched.count)
        scratch.counts.withUnsafeBufferPointer { counts in
            for j in scratch.touched {
                let count = counts[Int(j)]
                let popularity = Float(interactions.popularity(j) - (count < 0 ? 1 : 0))
                similar.append((j, Float(abs(count)) / ((ns * popularity).squareRoot() + shrinkage)))
            }
        }
        scratch.reset()
        let before: ((item: Int32, similarity: Float), (item: Int32, similarity: Float)) -> Bool = {
            $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item
        }
        // A popular item co-occurs with tens of thousands: select the first `neighbours`, sort those.
        similar.selectFirst(neighbours, by: before)
        var top = Array(similar.prefix(neighbours))
        top.sort(by: before)
        return top
    }
}

/// Dense co-occurrence counters that remember which entries they touched, so clearing costs as much
/// as filling rather than a pass over the whole catalogue. Items co-occurring with an item for
/// item-knn; users overlapping a support set for user-knn (`itemCount` is then the user count).
public struct CoCounts: Sendable {
    public private(set) var counts: [Int32]
    public private(set) var touched: [Int32] = []

    public init(itemCount: Int) { counts = [Int32](repeating: 0, count: itemCount) }

    /// Counts each of `items` but `skipped` once.
    public mutating func add(_ items: ArraySlice<Int32>, skipping skipped: Int32) {
        var touched = self.touched
        self.touched = []
        counts.withUnsafeMutableBufferPointer { counts in
            for j in items where j != skipped {
                if counts[Int(j)] == 0 { touched.append(j) }
                counts[Int(j)] += 1
            }
        }
        self.touched = touched
    }

    mutating func negate(_ j: Int32) { counts[Int(j)] = -counts[Int(j)] }

    public mutating func reset() {
        for j in touched { counts[Int(j)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

extension CoCounts {
    /// Cleared counters kept for the next request: at 250k items a fresh one is a megabyte to
    /// allocate and fault in, per person ranked.
    final class Pool: Sendable {
        private let free = Mutex<[CoCounts]>([])

        func take(itemCount: Int) -> CoCounts {
            free.withLock { pool in pool.lastIndex { $0.counts.count == itemCount }.map { pool.remove(at: $0) } }
                ?? CoCounts(itemCount: itemCount)
        }

        /// Keeps `counts` (already reset) for reuse; a few per thread are enough.
        func give(_ counts: CoCounts) {
            precondition(counts.touched.isEmpty, "only cleared counters go back")
            free.withLock { pool in if pool.count < 8 { pool.append(counts) } }
        }
    }

    static let pool = Pool()
}
