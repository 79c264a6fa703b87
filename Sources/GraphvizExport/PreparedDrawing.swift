/// An `InfluenceDrawing` checked and put in canonical order: numbers clamped, ties merged, links
/// resolved, everything sorted, so the same content gives the same picture whatever order the
/// caller listed it in.
struct PreparedDrawing: Equatable, Sendable {
    struct DrawnPerson: Equatable, Sendable {
        var person: Person
        var isFriendOfFriend: Bool
        var influence: Double
        /// Influence relative to the strongest person drawn, 0...1: softmax weights over hundreds
        /// of friends are small, and drawing them on an absolute scale would make everyone look alike.
        var relativeInfluence: Double
        var hasVisibleLabel: Bool
    }

    struct DrawnTie: Equatable, Sendable {
        var person: String
        var otherPerson: String
        var strength: Double
        var reachesFriendOfFriend: Bool
    }

    struct DrawnLink: Equatable, Sendable {
        var person: String
        var item: String
        /// False when no drawn person brought the item in and it hangs off the centre instead.
        var isBroughtBy: Bool
    }

    var title: String
    var centre: Person
    var people: [DrawnPerson]
    var ties: [DrawnTie]
    var items: [RecommendedItem]
    var links: [DrawnLink]
    var strongestInfluence: Double
    var influenceSource: InfluenceSource
    var omittedPeople: Int

    init(_ drawing: InfluenceDrawing, options: DrawingOptions) throws(GraphvizExportError) {
        title = drawing.title
        centre = drawing.centre
        influenceSource = drawing.influenceSource
        omittedPeople = max(drawing.omittedPeople, 0)

        var seenPeople: Set<String> = [drawing.centre.id]
        for person in drawing.people where !seenPeople.insert(person.id).inserted {
            throw .duplicateID(person.id, kind: "person")
        }
        var seenItems: Set<String> = []
        for item in drawing.items where !seenItems.insert(item.id).inserted {
            throw .duplicateID(item.id, kind: "item")
        }

        let sortedPeople = drawing.people.sorted { ($0.hop > 1 ? 2 : 1, $0.id) < ($1.hop > 1 ? 2 : 1, $1.id) }
        let influences = sortedPeople.map { Self.unit($0.influence) }
        let strongest = influences.max() ?? 0
        strongestInfluence = strongest
        let labelled = Self.mostInfluential(sortedPeople, influences, count: options.labelledPeople)
        people = zip(sortedPeople, influences).map { person, influence in
            DrawnPerson(
                person: person,
                isFriendOfFriend: person.hop > 1,
                influence: influence,
                relativeInfluence: strongest > 0 ? influence / strongest : 0,
                hasVisibleLabel: labelled.contains(person.id)
            )
        }

        var order: [String: Int] = [drawing.centre.id: 0]
        for (index, drawn) in people.enumerated() { order[drawn.person.id] = index + 1 }
        ties = Self.mergedTies(drawing.ties, order: order, farPeople: Set(people.filter(\.isFriendOfFriend).map(\.person.id)))

        items = drawing.items.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
        links = items.flatMap { item in
            var seen: Set<String> = []
            let bringers = item.broughtBy
                .filter { order[$0] != nil && seen.insert($0).inserted }
                .sorted { order[$0]! < order[$1]! }
            if bringers.isEmpty {
                return [DrawnLink(person: drawing.centre.id, item: item.id, isBroughtBy: false)]
            }
            return bringers.map { DrawnLink(person: $0, item: item.id, isBroughtBy: true) }
        }
    }

    /// The IDs of the `count` most influential people; ties in influence go to friends, then by ID.
    private static func mostInfluential(_ people: [Person], _ influences: [Double], count: Int) -> Set<String> {
        let ranked = zip(people, influences).sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            return lhs.0.hop != rhs.0.hop ? lhs.0.hop < rhs.0.hop : lhs.0.id < rhs.0.id
        }
        return Set(ranked.prefix(max(count, 0)).map(\.0.id))
    }

    /// One tie per pair (the strongest, if listed twice or in both directions), none to people who
    /// are not drawn, no self-ties; ordered by the nodes' order.
    private static func mergedTies(_ ties: [Tie], order: [String: Int], farPeople: Set<String>) -> [DrawnTie] {
        struct Pair: Hashable { var first: Int; var second: Int }
        var strongest: [Pair: (tie: Tie, strength: Double)] = [:]
        for tie in ties {
            guard let a = order[tie.person], let b = order[tie.otherPerson], a != b else { continue }
            let pair = Pair(first: min(a, b), second: max(a, b))
            let strength = unit(tie.strength)
            if let existing = strongest[pair], existing.strength >= strength { continue }
            let oriented = a < b ? tie : Tie(between: tie.otherPerson, and: tie.person, strength: tie.strength)
            strongest[pair] = (oriented, strength)
        }
        return strongest
            .sorted { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) }
            .map { _, value in
                DrawnTie(
                    person: value.tie.person,
                    otherPerson: value.tie.otherPerson,
                    strength: value.strength,
                    reachesFriendOfFriend: farPeople.contains(value.tie.person) || farPeople.contains(value.tie.otherPerson)
                )
            }
    }

    static func unit(_ value: Double) -> Double {
        value.isFinite ? min(max(value, 0), 1) : 0
    }
}
