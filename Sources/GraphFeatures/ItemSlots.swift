/// Item → slot for the few thousand items one person's features touch: open addressing with
/// linear probing and a multiplicative hash. A request makes tens of thousands of these lookups,
/// and a `Dictionary`'s seeded SipHash was a tenth of a known user's request in `serve`'s profile.
struct ItemSlots: Sendable {
    private var keys: [Int32]
    private var slots: [Int32]
    private var shift: UInt64
    private(set) var count = 0
    private static let empty: Int32 = -1

    init() {
        keys = [Int32](repeating: Self.empty, count: 64)
        slots = [Int32](repeating: 0, count: 64)
        shift = 64 - 6
    }

    @inline(__always) private func start(_ item: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: item)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(item: Int32) -> Int32? {
        let mask = keys.count - 1
        var p = start(item)
        while true {
            let key = keys[p]
            if key == item { return slots[p] }
            if key == Self.empty { return nil }
            p = (p + 1) & mask
        }
    }

    /// Gives `item`, not yet present, its slot.
    mutating func insert(_ item: Int32, slot: Int32) {
        precondition(item >= 0, "items are indices")
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var p = start(item)
        while keys[p] != Self.empty { p = (p + 1) & mask }
        keys[p] = item
        slots[p] = slot
        count += 1
    }

    private mutating func grow() {
        let old = zip(keys, slots).filter { $0.0 != Self.empty }
        keys = [Int32](repeating: Self.empty, count: 2 * keys.count)
        slots = [Int32](repeating: 0, count: keys.count)
        shift -= 1
        count = 0
        for (item, slot) in old { insert(item, slot: slot) }
    }
}
