/// Turns raw edges into sorted, de-duplicated CSR arrays with counting sorts (linear in the edges
/// plus a sort of each neighbour list).
enum CSRBuilder {
    struct Result {
        var offsets: [Int]
        var targets: [Int32]
        var weights: [Float]?
        var duplicates: Int
    }

    static func build(nodeCount n: Int, edges: EdgeList, undirected: Bool) -> Result {
        // Undirected: file each edge once under its smaller endpoint so (a, b) and (b, a) meet.
        let (from, to): ([Int32], [Int32]) = undirected
            ? (zip(edges.sources, edges.targets).map { min($0, $1) }, zip(edges.sources, edges.targets).map { max($0, $1) })
            : (edges.sources, edges.targets)
        var (offsets, targets, weights) = bucket(n: n, from: from, to: to, weights: edges.weights)
        let duplicates = sortAndMerge(n: n, offsets: &offsets, targets: &targets, weights: &weights)
        guard undirected else { return Result(offsets: offsets, targets: targets, weights: weights, duplicates: duplicates) }

        // Mirror every kept pair, then sort each list again (both halves are sorted, so it is cheap).
        var mirroredFrom = [Int32](), mirroredTo = [Int32]()
        mirroredFrom.reserveCapacity(2 * targets.count)
        mirroredTo.reserveCapacity(2 * targets.count)
        var mirroredWeights: [Float]? = weights == nil ? nil : []
        mirroredWeights?.reserveCapacity(2 * targets.count)
        for u in 0..<n {
            for i in offsets[u]..<offsets[u + 1] {
                let v = targets[i]
                mirroredFrom.append(Int32(u)); mirroredTo.append(v)
                mirroredFrom.append(v); mirroredTo.append(Int32(u))
                if let w = weights?[i] { mirroredWeights!.append(w); mirroredWeights!.append(w) }
            }
        }
        var (o2, t2, w2) = bucket(n: n, from: mirroredFrom, to: mirroredTo, weights: mirroredWeights)
        _ = sortAndMerge(n: n, offsets: &o2, targets: &t2, weights: &w2)
        return Result(offsets: o2, targets: t2, weights: w2, duplicates: duplicates)
    }

    /// Counting sort of arcs by source.
    static func bucket(n: Int, from: [Int32], to: [Int32], weights: [Float]?) -> ([Int], [Int32], [Float]?) {
        var offsets = [Int](repeating: 0, count: n + 1)
        for u in from { offsets[Int(u) + 1] += 1 }
        for u in 0..<n { offsets[u + 1] += offsets[u] }
        var cursor = offsets
        var targets = [Int32](repeating: 0, count: from.count)
        var sortedWeights: [Float]? = weights == nil ? nil : [Float](repeating: 0, count: from.count)
        for e in 0..<from.count {
            let u = Int(from[e])
            let slot = cursor[u]
            cursor[u] += 1
            targets[slot] = to[e]
            if let weights { sortedWeights![slot] = weights[e] }
        }
        return (offsets, targets, sortedWeights)
    }

    /// Sorts each neighbour list and merges repeats in place (largest weight wins); returns how many merged.
    static func sortAndMerge(n: Int, offsets: inout [Int], targets: inout [Int32], weights: inout [Float]?) -> Int {
        guard var w = weights else { return sortAndMerge(n: n, offsets: &offsets, targets: &targets) }
        weights = nil  // keep `w` uniquely referenced while it is edited
        var write = 0, duplicates = 0, start = 0
        var packed = [UInt64]()
        for u in 0..<n {
            let end = offsets[u + 1]
            packed.removeAll(keepingCapacity: true)
            // Positive floats order like their bit patterns: sorting (target, weight bits) puts the
            // largest weight last in each run of equal targets.
            for i in start..<end { packed.append(UInt64(UInt32(bitPattern: targets[i])) << 32 | UInt64(w[i].bitPattern)) }
            packed.sort()
            for (k, p) in packed.enumerated() {
                let v = Int32(truncatingIfNeeded: p >> 32)
                if k + 1 < packed.count, Int32(truncatingIfNeeded: packed[k + 1] >> 32) == v { duplicates += 1; continue }
                targets[write] = v
                w[write] = Float(bitPattern: UInt32(truncatingIfNeeded: p))
                write += 1
            }
            start = end
            offsets[u + 1] = write
        }
        targets.removeLast(targets.count - write)
        w.removeLast(w.count - write)
        weights = w
        return duplicates
    }

    static func sortAndMerge(n: Int, offsets: inout [Int], targets: inout [Int32]) -> Int {
        var write = 0, duplicates = 0, start = 0
        for u in 0..<n {
            let end = offsets[u + 1]
            targets[start..<end].sort()
            var previous: Int32 = -1
            for i in start..<end {
                let v = targets[i]
                if v == previous { duplicates += 1; continue }
                targets[write] = v
                write += 1
                previous = v
            }
            start = end
            offsets[u + 1] = write
        }
        targets.removeLast(targets.count - write)
        return duplicates
    }

    /// In-neighbour lists from out-neighbour lists; sources come out sorted because u ascends.
    static func transpose(nodeCount n: Int, offsets: [Int], targets: [Int32]) -> ([Int], [Int32]) {
        var inOffsets = [Int](repeating: 0, count: n + 1)
        for v in targets { inOffsets[Int(v) + 1] += 1 }
        for u in 0..<n { inOffsets[u + 1] += inOffsets[u] }
        var cursor = inOffsets
        var sources = [Int32](repeating: 0, count: targets.count)
        for u in 0..<n {
            for i in offsets[u]..<offsets[u + 1] {
                let v = Int(targets[i])
                sources[cursor[v]] = Int32(u)
                cursor[v] += 1
            }
        }
        return (inOffsets, sources)
    }
}
