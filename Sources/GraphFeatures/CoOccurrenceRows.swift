import RecData
import Synchronization

/// For each item, every other item its choosers chose and how many chose both: counted on first
/// use and kept, within a budget. Item-knn, the meta-learner's co-occurrence prior and serving ask
/// for the same popular items again and again, and counting a popular item's neighbourhood afresh
/// was a third of a known user's request (`serve`'s profile, docs/serving.md).
public final class CoOccurrenceRows: Sendable {
    /// Whose counts these are.
    public let interactions: InteractionIndex
    /// The most (item, count) entries kept in all: past it, rows are counted per call and dropped.
    public let budget: Int
    private let kept = Mutex<(rows: [Int32: Row], entries: Int)>(([:], 0))

    /// The items co-chosen with one item, and how many people chose both: most first, ties by item.
    public struct Row: Sendable {
        /// The other items chosen by someone who chose this one.
        public let items: [Int32]
        /// How many people chose both, entry by entry of `items`.
        public let counts: [Int32]
    }

    /// Rows of `interactions`, counted when first asked for and kept within `budget`. The default,
    /// 16M entries, is 128 MB: enough for every row of Last.fm and the popular rows of Ciao.
    /// - Parameters:
    ///   - interactions: whose co-occurrences are counted.
    ///   - budget: the most (item, count) entries kept over all rows; a row that would take the total past it is
    ///     counted afresh at every call instead. 0 keeps none.
    public init(_ interactions: InteractionIndex, budget: Int = 1 << 24) {
        self.interactions = interactions
        self.budget = budget
    }

    /// The row of `item`, counted with `scratch` (left cleared) when it is not kept yet.
    func row(of item: Int32, scratch: inout CoCounts) -> Row {
        if let row = kept.withLock({ $0.rows[item] }) { return row }
        for u in interactions.users(of: item) { scratch.add(interactions.items(of: u), skipping: item) }
        // Most co-chosen first: a search for the most similar items can stop where counts get small.
        let pairs = scratch.touched.map { (item: $0, count: scratch.counts[Int($0)]) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.item < $1.item }
        let items = pairs.map(\.item)
        let row = Row(items: items, counts: pairs.map(\.count))
        scratch.reset()
        kept.withLock { kept in
            guard kept.rows[item] == nil, kept.entries + items.count <= budget else { return }
            kept.rows[item] = row
            kept.entries += items.count
        }
        return row
    }
}
