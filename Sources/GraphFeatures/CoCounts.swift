import Synchronization

/// Dense co-occurrence counters that remember which entries they touched, so clearing costs as much
/// as filling rather than a pass over the whole catalogue. Items co-occurring with an item for
/// item-knn; users overlapping a support set for user-knn (`itemCount` is then the user count).
public struct CoCounts: Sendable {
    /// The count of each entry, dense.
    public private(set) var counts: [Int32]
    /// The entries counted since the last `reset`, in the order first counted.
    public private(set) var touched: [Int32] = []

    /// Zeroed counters for entries 0..<`itemCount`.
    public init(itemCount: Int) { counts = [Int32](repeating: 0, count: itemCount) }

    /// Counts each of `items` but `skipped` once.
    /// - Parameters:
    ///   - items: the entries to count, each below `itemCount`; an entry listed twice is counted twice.
    ///   - skipped: the entry never counted, wherever it appears in `items` (the item whose neighbourhood is being counted).
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

    /// Sets each of `items` to 1: a membership mark that `reset` clears like any count.
    mutating func mark(_ items: some Sequence<Int32>) {
        for j in items where counts[Int(j)] == 0 {
            counts[Int(j)] = 1
            touched.append(j)
        }
    }

    /// Zeroes the touched entries, at the cost of how many they are.
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
