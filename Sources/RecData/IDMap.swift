/// A two-way map between external IDs (strings, as in the user's files) and dense `Int32` indices
/// (0, 1, 2, ... in order of first appearance).
///
/// IDs are interned from raw bytes, so the readers' hot loop makes no `String` per token. Canonical
/// decimal integers below 2^25 (SNAP and most datasets) go through a direct table indexed by their
/// value: one memory access per lookup on graphs with millions of nodes. Everything else goes through
/// an open-addressing hash table over one byte arena.
public struct IDMap: Sendable, Equatable {
    private var arena: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of ID `i`.
    private var offsets: [Int] = [0]
    /// Slot → hash << 32 | (index + 1), 0 = empty: the stored hash settles most probes without
    /// touching the arena. Capacity is a power of two kept under 50% load.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    private var stringCount = 0
    /// Integer ID value → index + 1 (0 = not seen).
    private var byInteger: [Int32] = []
    /// Canonical integer IDs below this (2^25) go through the direct table; larger ones are hashed
    /// like any other string.
    public static let integerLimit = 1 << 25

    /// An empty map.
    public init() {}

    /// A map holding `ids`, indexed in order of first appearance (repeats are interned once).
    /// - Parameter ids: External IDs.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        for id in ids { intern(id) }
    }

    /// Number of distinct IDs, which is also the index the next new ID gets.
    public var count: Int { offsets.count - 1 }

    /// The index of `id`, adding it if new.
    @discardableResult
    public mutating func intern(_ id: String) -> Int32 {
        var copy = id
        return copy.withUTF8 { intern($0) }
    }

    /// The index of the ID spelled by `bytes` (UTF-8), adding it if new: the readers' path, which makes
    /// no `String`.
    /// - Parameter bytes: The ID's bytes, as in the file.
    /// - Returns: Its dense index.
    @discardableResult
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let value = Self.canonicalInteger(bytes) {
            if value >= byInteger.count {
                // Array(repeating:) rather than repeatElement: the generic append of a Repeated runs
                // element by element in debug builds, ten seconds for an ID near integerLimit.
                byInteger += [Int32](repeating: 0, count: max(value + 1, 2 * byInteger.count, 1024) - byInteger.count)
            }
            let entry = byInteger[value]
            if entry != 0 { return entry - 1 }
            let index = append(bytes)
            byInteger[value] = index + 1
            return index
        }
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash && equals(Int(UInt32(truncatingIfNeeded: entry)) - 1, bytes) {
                return Int32(UInt32(truncatingIfNeeded: entry)) - 1
            }
            slot = (slot + 1) & mask
        }
        let index = append(bytes)
        slots[slot] = UInt64(hash) << 32 | UInt64(index + 1)
        stringCount += 1
        if 2 * stringCount > slots.count { grow() }
        return index
    }

    /// Interns a batch of canonical integer IDs (each below `integerLimit`, as `canonicalInteger`
    /// returns them) in order, writing their indices to `indices`. All table loads of the batch are
    /// issued before any is used, so on graphs with millions of nodes their cache misses overlap
    /// instead of queueing one by one.
    /// - Parameters:
    ///   - values: The IDs' integer values, each in 0..<`integerLimit` (a larger one is a precondition failure).
    ///   - indices: Receives each value's dense index, position by position: at least `values.count` long.
    public mutating func intern(integers values: UnsafeBufferPointer<Int>, into indices: UnsafeMutableBufferPointer<Int32>) {
        guard let largest = values.max() else { return }
        precondition(largest < Self.integerLimit, "not a canonical integer ID")
        if largest >= byInteger.count {
            byInteger += [Int32](repeating: 0, count: max(largest + 1, 2 * byInteger.count) - byInteger.count)
        }
        byInteger.withUnsafeBufferPointer { table in
            for k in 0..<values.count { indices[k] = table[values[k]] }
        }
        for k in 0..<values.count where indices[k] == 0 {
            let value = values[k]
            var entry = byInteger[value]
            if entry == 0 {  // first appearance (not a repeat within this batch)
                var digits = String(value)
                entry = digits.withUTF8 { append($0) } + 1
                byInteger[value] = entry
            }
            indices[k] = entry
        }
        for k in 0..<values.count { indices[k] -= 1 }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let index = Int32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        return index
    }

    /// The value of a decimal integer written canonically ("0", "17"; not "017", "+17", "-1") when it
    /// is below `integerLimit`: such IDs have exactly one spelling, so the direct table is exact.
    @inline(__always)
    public static func canonicalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n > 0, n <= 8, bytes[0] != UInt8(ascii: "0") || n == 1 else { return nil }
        var value = 0
        for b in bytes {
            let d = b &- 48
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value < integerLimit ? value : nil
    }

    /// The index of an existing ID, or nil.
    public func index(of id: String) -> Int32? {
        var copy = id
        return copy.withUTF8 { index(of: $0) }
    }

    /// The index of an existing ID given as its UTF-8 bytes, or nil; makes no `String`.
    /// - Parameter bytes: The ID's bytes, as in the file.
    /// - Returns: Its dense index, or nil when the map does not hold it.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let value = Self.canonicalInteger(bytes) {
            return value < byInteger.count && byInteger[value] != 0 ? byInteger[value] - 1 : nil
        }
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash && equals(Int(UInt32(truncatingIfNeeded: entry)) - 1, bytes) {
                return Int32(UInt32(truncatingIfNeeded: entry)) - 1
            }
            slot = (slot + 1) & mask
        }
    }

    /// The ID an index stands for, spelled as it was interned.
    /// - Parameter index: A dense index below `count`.
    /// - Returns: The external ID.
    public func externalID(_ index: Int32) -> String {
        let i = Int(index)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
        }
    }

    /// Every external ID in index order: element i is the ID of index i.
    public var externalIDs: [String] { (0..<count).map { externalID(Int32($0)) } }

    /// Bytes the map holds in all (names, offsets and hash slots), for memory figures.
    public var bytesUsed: Int { arena.count + offsets.count * 8 + slots.count * 8 + byInteger.count * 4 }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[index], length = offsets[index + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            length == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = entry
        }
        slots = bigger
    }

    /// FNV-1a over the bytes, finished with a multiply-shift mix so consecutive integers spread.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 32
        h = h &* 0x9E37_79B9_7F4A_7C15
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    /// Maps are equal when they hold the same IDs at the same indices.
    /// - Parameters:
    ///   - a: One map.
    ///   - b: The other.
    /// - Returns: Whether their IDs and indices match.
    public static func == (a: IDMap, b: IDMap) -> Bool {
        a.arena == b.arena && a.offsets == b.offsets
    }
}

#if canImport(Glibc)
import Glibc
#endif
