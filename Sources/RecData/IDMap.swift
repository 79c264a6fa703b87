/// A two-way map between external IDs (strings, as in the user's files) and dense `Int32` indices
/// (0, 1, 2, ... in order of first appearance).
///
/// IDs are interned from raw bytes with an open-addressing hash table over one byte arena, so the
/// readers' hot loop makes no `String` per token.
public struct IDMap: Sendable, Equatable {
    private var arena: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of ID `i`.
    private var offsets: [Int] = [0]
    private var hashes: [UInt32] = []
    /// Slot → index + 1 (0 = empty). Capacity is a power of two kept under 50% load.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    public init() {}

    public init<S: Sequence>(_ ids: S) where S.Element == String {
        for id in ids { intern(id) }
    }

    public var count: Int { offsets.count - 1 }

    /// The index of `id`, adding it if new.
    @discardableResult
    public mutating func intern(_ id: String) -> Int32 {
        var copy = id
        return copy.withUTF8 { intern($0) }
    }

    @discardableResult
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let index = Int(entry - 1)
            if hashes[index] == hash && equals(index, bytes) { return Int32(index) }
            slot = (slot + 1) & mask
        }
        let index = Int32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(hash)
        slots[slot] = index + 1
        if 2 * count > slots.count { grow() }
        return index
    }

    /// The index of an existing ID, or nil.
    public func index(of id: String) -> Int32? {
        var copy = id
        return copy.withUTF8 { index(of: $0) }
    }

    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let index = Int(entry - 1)
            if hashes[index] == hash && equals(index, bytes) { return Int32(index) }
            slot = (slot + 1) & mask
        }
    }

    public func externalID(_ index: Int32) -> String {
        let i = Int(index)
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
        }
    }

    public var externalIDs: [String] { (0..<count).map { externalID(Int32($0)) } }

    /// Bytes held per ID on average, for memory figures.
    public var bytesUsed: Int { arena.count + offsets.count * 8 + hashes.count * 4 + slots.count * 4 }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[index], length = offsets[index + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            length == 0 || memcmp(a.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for index in 0..<count {
            var slot = Int(hashes[index]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(index + 1)
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

    public static func == (a: IDMap, b: IDMap) -> Bool {
        a.arena == b.arena && a.offsets == b.offsets
    }
}

#if canImport(Glibc)
import Glibc
#endif
