import RecData

/// Everything socialrec knows about a community: users (graph nodes and raters share one ID space),
/// items with names, the social graph and the interactions.
public struct SocialDataset: Sendable {
    /// External user IDs and their indices, shared by graph nodes and raters.
    public var users: IDMap
    /// External item IDs and their indices.
    public var items: IDMap
    /// Display name per item index, nil where the catalogue has none.
    public var itemNames: [String?]
    /// The social graph, one node per user.
    public var graph: SocialGraph
    /// The user–item interactions, with indices into `users` and `items`.
    public var interactions: Interactions
    /// Categories, tags or other attributes of the items (empty when none were imported).
    public var itemFeatures: ItemFeatures

    /// Puts the parts together; their sizes must agree, or it stops with a precondition failure.
    /// - Parameters:
    ///   - users: User IDs; the graph has one node per user.
    ///   - items: Item IDs.
    ///   - itemNames: One name slot per item, nil where there is no name.
    ///   - graph: The social graph.
    ///   - interactions: The interactions.
    ///   - itemFeatures: One feature row per item, or nil for none.
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

    /// What to call an item: its catalogue name, else its external ID.
    /// - Parameter item: An item index.
    /// - Returns: The name to show.
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
        for i in interactions.userItemOrder {
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
    /// The hash of everything combined so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The hash of nothing yet: the FNV-1a offset basis.
    public init() {}
    /// Mixes in one byte.
    /// - Parameter byte: The byte.
    public mutating func combine(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    /// Mixes in an integer as eight bytes, least significant first, the same on every platform.
    /// - Parameter v: The integer.
    public mutating func combine(_ v: Int) {
        var x = UInt64(bitPattern: Int64(v))
        for _ in 0..<8 { combine(UInt8(truncatingIfNeeded: x)); x >>= 8 }
    }
    /// Mixes in a string's UTF-8 bytes and a terminating 0, so that ("ab", "c") and ("a", "bc") differ.
    /// - Parameter s: The string.
    public mutating func combine(_ s: String) {
        for b in s.utf8 { combine(b) }
        combine(UInt8(0))
    }
    /// Mixes in bytes as they are, with no terminator.
    /// - Parameter bytes: The bytes.
    public mutating func combine<C: Collection>(bytes: C) where C.Element == UInt8 { for b in bytes { combine(b) } }
}
