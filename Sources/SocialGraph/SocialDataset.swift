import RecData

/// Everything socialrec knows about a community: users (graph nodes and raters share one ID space),
/// items with names, the social graph and the interactions.
public struct SocialDataset: Sendable {
    public var users: IDMap
    public var items: IDMap
    /// Display name per item index, nil where the catalogue has none.
    public var itemNames: [String?]
    public var graph: SocialGraph
    public var interactions: Interactions
    /// Categories, tags or other attributes of the items (empty when none were imported).
    public var itemFeatures: ItemFeatures

    public init(users: IDMap, items: IDMap, itemNames: [String?], graph: SocialGraph, interactions: Interactions,
                itemFeatures: ItemFeatures? = nil) {
        precondition(graph.nodeCount == users.count, "the graph must have one node per user")
        precondition(itemNames.count == items.count, "one name slot per item")
        precondition(itemFeatures.map { $0.itemCount == items.count } ?? true, "one feature row per item")
        self.users = users
        self.items = items
        self.itemNames = itemNames
        self.graph = graph
        self.interactions = interactions
        self.itemFeatures = itemFeatures ?? ItemFeatures(itemCount: items.count)
    }

    public func itemName(_ item: Int32) -> String { itemNames[Int(item)] ?? items.externalID(item) }

    /// A 64-bit content hash (FNV-1a) of IDs, edges, interactions and item features: checkpoints carry it so a model
    /// trained on one dataset is never used with another.
    public var fingerprint: String {
        var hasher = FNV1a()
        hasher.combine(users.count); hasher.combine(items.count)
        for id in users.externalIDs { hasher.combine(id) }
        for id in items.externalIDs { hasher.combine(id) }
        hasher.combine(graph.isDirected ? 1 : 0)
        graph.forEachArc { u, v, w in hasher.combine(Int(u)); hasher.combine(Int(v)); hasher.combine(Int(w.bitPattern)) }
        // In (user, item) order: the same data hashes the same whether read from files or the database.
        let order = (0..<interactions.count).sorted {
            (interactions.users[$0], interactions.items[$0]) < (interactions.users[$1], interactions.items[$1])
        }
        for i in order {
            hasher.combine(Int(interactions.users[i])); hasher.combine(Int(interactions.items[i]))
            hasher.combine(Int(interactions.values[i].bitPattern))
            if let t = interactions.timestamps?[i] { hasher.combine(Int(t)) }
        }
        // Features shape the model (its vote × content match feature); without any, the hash is
        // what it was before features existed.
        if !itemFeatures.isEmpty {
            for id in itemFeatures.features.externalIDs { hasher.combine(id) }
            for i in 0..<Int32(items.count) {
                for (f, w) in zip(itemFeatures.features(of: i), itemFeatures.weights(of: i)) {
                    hasher.combine(Int(i)); hasher.combine(Int(f)); hasher.combine(Int(w.bitPattern))
                }
            }
        }
        return String(hasher.value, radix: 16)
    }
}

/// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func combine(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    public mutating func combine(_ v: Int) {
        var x = UInt64(bitPattern: Int64(v))
        for _ in 0..<8 { combine(UInt8(truncatingIfNeeded: x)); x >>= 8 }
    }
    public mutating func combine(_ s: String) {
        for b in s.utf8 { combine(b) }
        combine(UInt8(0))
    }
    public mutating func combine<C: Collection>(bytes: C) where C.Element == UInt8 { for b in bytes { combine(b) } }
}
