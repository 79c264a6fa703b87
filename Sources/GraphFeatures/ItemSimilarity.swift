import RecData
import Synchronization

/// Item-to-item cosine on who-chose-what, shrunk, computed per item when asked (never as an items ×
/// items matrix: Ciao has 105k items). One implementation for the `item-knn` baseline and the
/// meta-learner's co-occurrence prior.
///
///   sim(i, j) = |U_i ∩ U_j| / (√(|U_i| |U_j|) + shrinkage)
///   score(j)  = Σ_{s ∈ support} sim(j, s) · [j among the `neighbours` most similar items of s]
public struct ItemSimilarity: Sendable {
    /// The co-occurrence counts, shared by every copy (and every method built on the same rows).
    public let coOccurrence: CoOccurrenceRows
    /// Who chose what.
    public var interactions: InteractionIndex { coOccurrence.interactions }
    /// How many most similar items of each support item count.
    public var neighbours: Int
    /// Added to the cosine's denominator: rarely chosen pairs count less.
    public var shrinkage: Float

    /// Similarity on counts kept in `coOccurrence` (shared with whoever else holds it).
    /// - Parameters:
    ///   - coOccurrence: the counts read, and the rows kept between calls.
    ///   - neighbours: how many most similar items of each support item count; 0 or less finds none.
    ///   - shrinkage: added to the cosine's denominator, so rarely chosen pairs count less; a negative value counts as 0.
    public init(coOccurrence: CoOccurrenceRows, neighbours: Int, shrinkage: Float) {
        self.coOccurrence = coOccurrence
        self.neighbours = neighbours
        self.shrinkage = shrinkage
    }

    /// Similarity on counts of `interactions` kept for this value and its copies alone.
    /// - Parameters:
    ///   - interactions: who chose what; rows are kept within `CoOccurrenceRows`' default budget.
    ///   - neighbours: how many most similar items of each support item count; 0 or less finds none.
    ///   - shrinkage: added to the cosine's denominator, so rarely chosen pairs count less; a negative value counts as 0.
    public init(interactions: InteractionIndex, neighbours: Int, shrinkage: Float) {
        self.init(coOccurrence: CoOccurrenceRows(interactions), neighbours: neighbours, shrinkage: shrinkage)
    }

    /// Calls `add(item, similarity)` for each neighbour of each support item, support in the given
    /// order, neighbours best first: the same float sums wherever the scores are accumulated.
    /// `user` is left out of the counts: in training their whole history is visible, and counting it
    /// would hand their query items to their own support.
    /// - Parameters:
    ///   - support: the support items, in order; a repeat is visited again, and an index outside the catalogue adds nothing.
    ///   - user: the person whose own interactions are left out of the counts; nil, the default, counts everyone.
    ///   - add: receives each neighbour's item and its similarity (> 0), once per support item it neighbours.
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
        let row = coOccurrence.row(of: s, scratch: &scratch)
        // The excluded user chose their own items: one fewer chooser of each, and one fewer person
        // who chose both where they chose s too. Marked in `scratch`, so the pass needs no set lookup.
        let userChoseS = own.contains(s)
        scratch.mark(own)
        let ns = Float(interactions.popularity(s) - (userChoseS ? 1 : 0))
        let shrinkage = max(0, self.shrinkage)
        let before: ((item: Int32, similarity: Float), (item: Int32, similarity: Float)) -> Bool = {
            $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item
        }
        // Rows run from the most co-chosen down, and a pair chosen together by c people has
        // similarity at most c / (√(ns·c) + shrinkage), since j has at least c choosers: once that
        // bound is below the `neighbours`-th best so far, no later item can enter. The best so far
        // are found by selection each time the list doubles, so the search costs what it reads.
        var similar: [(item: Int32, similarity: Float)] = []
        var threshold = -Float.infinity
        scratch.counts.withUnsafeBufferPointer { marks in
            for (j, count) in zip(row.items, row.counts) {
                let bound = Float(count) / ((ns * Float(count)).squareRoot() + shrinkage)
                if bound * (1 + 1e-5) < threshold { break }  // the margin covers the bound's rounding
                let chosenByUser: Int32 = marks[Int(j)] != 0 ? 1 : 0
                let together = count - (userChoseS ? chosenByUser : 0)
                guard together > 0 else { continue }
                let popularity = Float(interactions.popularity(j) - Int(chosenByUser))
                let similarity = Float(together) / ((ns * popularity).squareRoot() + shrinkage)
                guard similarity >= threshold else { continue }
                similar.append((j, similarity))
                if similar.count >= 2 * neighbours {
                    similar.selectFirst(neighbours, by: before)
                    similar.removeLast(similar.count - neighbours)
                    threshold = similar.lazy.map(\.similarity).min()!
                }
            }
        }
        scratch.reset()
        // A popular item co-occurs with tens of thousands: select the first `neighbours`, sort those.
        similar.selectFirst(neighbours, by: before)
        var top = Array(similar.prefix(neighbours))
        top.sort(by: before)
        return top
    }
}
