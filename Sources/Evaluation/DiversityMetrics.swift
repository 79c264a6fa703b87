import Foundation
import RecData
import GraphFeatures

/// How varied the lists are, beside how accurate: metrics of a list or of everyone's lists, not of
/// one list against a query.
public enum DiversityMetrics {
    /// Novelty of one list: the mean of −log₂(share of users who chose the item), over its items.
    /// An item nobody chose counts as chosen by one user. An empty list has novelty 0.
    /// - Parameters:
    ///   - ranked: the list.
    ///   - popularity: how many users chose each item.
    ///   - userCount: how many users there are.
    public static func novelty(_ ranked: [Int32], popularity: (Int32) -> Int, userCount: Int) -> Double {
        guard !ranked.isEmpty, userCount > 0 else { return 0 }
        return ranked.reduce(0) { $0 - log2(Double(max(1, popularity($1))) / Double(userCount)) } / Double(ranked.count)
    }

    /// The Gini index of how often each item of the catalogue is recommended: 0 when every item is
    /// recommended equally often, (n − 1)/n when one item takes every slot.
    /// - Parameter counts: recommendations per item, one entry per catalogue item.
    public static func gini(_ counts: [Int]) -> Double {
        let total = counts.reduce(0, +), n = counts.count
        guard total > 0, n > 1 else { return 0 }
        let sorted = counts.sorted()
        let weighted = sorted.enumerated().reduce(0.0) { $0 + Double(2 * ($1.offset + 1) - n - 1) * Double($1.element) }
        return weighted / (Double(n) * Double(total))
    }

    /// The three figures of everyone's lists together: mean novelty (nil without lists), the Gini
    /// index over a catalogue of `itemCount` items, and personalisation (NaN with fewer than two lists).
    /// - Parameters:
    ///   - lists: everyone's lists, one per person, as item indices; empty lists are best left out, as they
    ///     count towards novelty and personalisation.
    ///   - itemCount: how many items the catalogue holds: every index in `lists` must be below it.
    ///   - popularity: how many users chose each item, for novelty.
    ///   - userCount: how many users there are, for novelty.
    public static func ofLists(_ lists: [[Int32]], itemCount: Int, popularity: (Int32) -> Int, userCount: Int)
        -> (novelty: Double?, gini: Double, personalisation: Double)
    {
        let novelty = lists.map { Self.novelty($0, popularity: popularity, userCount: userCount) }
        var counts = [Int](repeating: 0, count: itemCount)
        for list in lists { for i in list { counts[Int(i)] += 1 } }
        return (novelty.isEmpty ? nil : novelty.reduce(0, +) / Double(novelty.count), gini(counts), personalisation(lists))
    }

    /// Intra-list diversity of one list: the mean feature distance (1 − cosine of the items'
    /// TF-IDF vectors) over its pairs of items; nil with fewer than two items.
    /// - Parameters:
    ///   - ranked: the list, as item indices.
    ///   - content: the items' feature vectors; an item without features is at distance 1 from every other.
    public static func intraListDiversity(_ ranked: [Int32], content: ItemContent) -> Double? {
        guard ranked.count > 1 else { return nil }
        var distance = 0.0
        for a in ranked.indices { for b in (a + 1)..<ranked.count { distance += 1 - Double(content.cosine(ranked[a], ranked[b])) } }
        return distance / Double(ranked.count * (ranked.count - 1) / 2)
    }

    /// Personalisation: 1 − the mean Jaccard overlap of two people's lists, over every pair when
    /// there are at most `maxPairs` pairs, else over `maxPairs` pairs drawn with a fixed seed. 1 when
    /// no two lists share an item, 0 when everyone gets the same list.
    /// - Parameters:
    ///   - lists: everyone's lists, one per person; NaN with fewer than two.
    ///   - maxPairs: the most pairs compared, at least 1 (5,000 by default); beyond it a sample drawn with a fixed
    ///     seed, so the same lists always give the same figure.
    public static func personalisation(_ lists: [[Int32]], maxPairs: Int = 5_000) -> Double {
        let n = lists.count
        guard n > 1 else { return .nan }
        let sets = lists.map(Set.init)
        func jaccard(_ a: Int, _ b: Int) -> Double {
            let union = sets[a].union(sets[b]).count
            return union == 0 ? 1 : Double(sets[a].intersection(sets[b]).count) / Double(union)
        }
        var overlap = 0.0, pairs = 0
        if n * (n - 1) / 2 <= maxPairs {
            for a in 0..<n { for b in (a + 1)..<n { overlap += jaccard(a, b); pairs += 1 } }
        } else {
            var rng = SplitMix64(seed: 0x5EED_0F_FA1125)
            while pairs < maxPairs {
                let a = Int(rng.below(UInt64(n))), b = Int(rng.below(UInt64(n)))
                guard a != b else { continue }
                overlap += jaccard(a, b)
                pairs += 1
            }
        }
        return 1 - overlap / Double(pairs)
    }
}
