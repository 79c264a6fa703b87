/// Interactions indexed both ways: each user's items (in the order given, usually by time) and each
/// item's users, as compressed sparse rows. Built from what a method may see, so the same type serves
/// training data and the data visible at evaluation time.
public struct InteractionIndex: Sendable {
    /// Number of users, those without interactions included; user indices run 0..<userCount.
    public let userCount: Int
    /// Number of items, those without interactions included; item indices run 0..<itemCount.
    public let itemCount: Int
    @usableFromInline let userOffsets: [Int]
    @usableFromInline let userItems: [Int32]
    @usableFromInline let userValues: [Float]
    @usableFromInline let itemOffsets: [Int]
    @usableFromInline let itemUsers: [Int32]
    /// The largest number of users who chose one item (0 with no interactions).
    public let maxPopularity: Int

    /// Indexes the interactions at positions `rows` of `interactions` (all of them when nil), keeping
    /// the order of `rows` within each user.
    /// - Parameters:
    ///   - interactions: The interactions to index from.
    ///   - userCount: Number of users; every indexed row's user must be below it.
    ///   - itemCount: Number of items; every indexed row's item must be below it.
    ///   - rows: Row numbers into `interactions`, in the order wanted (a row listed twice is indexed twice); nil, the
    ///     default, indexes every row in order.
    public init(_ interactions: Interactions, userCount: Int, itemCount: Int, rows: [Int]? = nil) {
        self.userCount = userCount
        self.itemCount = itemCount
        let order = rows ?? Array(0..<interactions.count)
        var userOffsets = [Int](repeating: 0, count: userCount + 1)
        var itemOffsets = [Int](repeating: 0, count: itemCount + 1)
        for r in order {
            userOffsets[Int(interactions.users[r]) + 1] += 1
            itemOffsets[Int(interactions.items[r]) + 1] += 1
        }
        for u in 0..<userCount { userOffsets[u + 1] += userOffsets[u] }
        for i in 0..<itemCount { itemOffsets[i + 1] += itemOffsets[i] }
        var userCursor = userOffsets, itemCursor = itemOffsets
        var userItems = [Int32](repeating: 0, count: order.count)
        var userValues = [Float](repeating: 0, count: order.count)
        var itemUsers = [Int32](repeating: 0, count: order.count)
        for r in order {
            let u = Int(interactions.users[r]), i = Int(interactions.items[r])
            userItems[userCursor[u]] = Int32(i)
            userValues[userCursor[u]] = interactions.values[r]
            userCursor[u] += 1
            itemUsers[itemCursor[i]] = Int32(u)
            itemCursor[i] += 1
        }
        self.userOffsets = userOffsets
        self.userItems = userItems
        self.userValues = userValues
        self.itemOffsets = itemOffsets
        self.itemUsers = itemUsers
        maxPopularity = (0..<itemCount).lazy.map { itemOffsets[$0 + 1] - itemOffsets[$0] }.max() ?? 0
    }

    /// Number of interactions indexed.
    public var count: Int { userItems.count }

    /// The items a user chose, in the order of the rows indexed.
    /// - Parameter user: A user index below `userCount`.
    /// - Returns: Item indices.
    @inlinable public func items(of user: Int32) -> ArraySlice<Int32> {
        userItems[userOffsets[Int(user)]..<userOffsets[Int(user) + 1]]
    }

    /// The values of a user's interactions, parallel to `items(of:)`.
    /// - Parameter user: A user index below `userCount`.
    /// - Returns: Ratings or counts (1 where the file had no value column).
    @inlinable public func values(of user: Int32) -> ArraySlice<Float> {
        userValues[userOffsets[Int(user)]..<userOffsets[Int(user) + 1]]
    }

    /// The users who chose an item, in the order of the rows indexed.
    /// - Parameter item: An item index below `itemCount`.
    /// - Returns: User indices.
    @inlinable public func users(of item: Int32) -> ArraySlice<Int32> {
        itemUsers[itemOffsets[Int(item)]..<itemOffsets[Int(item) + 1]]
    }

    /// How many indexed interactions an item has: its number of users, as readers merge repeated pairs.
    /// - Parameter item: An item index below `itemCount`.
    /// - Returns: The count, 0 for an item no one chose.
    @inlinable public func popularity(_ item: Int32) -> Int { itemOffsets[Int(item) + 1] - itemOffsets[Int(item)] }

    /// How many indexed interactions a user has.
    /// - Parameter user: A user index below `userCount`.
    /// - Returns: The count, 0 for a user with none visible.
    @inlinable public func activity(_ user: Int32) -> Int { userOffsets[Int(user) + 1] - userOffsets[Int(user)] }

    /// Items ordered by popularity, most popular first (ties by index).
    public func itemsByPopularity() -> [Int32] {
        (0..<Int32(itemCount)).sorted { (popularity($0), -$0) > (popularity($1), -$1) }
    }
}
