/// Everything needed to draw whose influence shaped a user's recommendations.
///
/// Plain values on purpose: the caller fills this from its social graph and trained model, so this
/// module never depends on either. IDs are the caller's external string IDs.
public struct InfluenceDrawing: Sendable, Hashable {
    /// The picture's caption.
    public var title: String
    /// The person whose neighbourhood is drawn.
    public var centre: Person
    /// Friends (hop 1) and friends of friends (hop 2). The order does not matter: the drawing sorts.
    public var people: [Person]
    /// Ties between drawn people, the centre included. Ties to anyone not drawn are skipped, so a
    /// capped list of people can come with the uncapped list of ties.
    public var ties: [Tie]
    /// The centre's recommendations, each tied to the people who brought it.
    public var items: [RecommendedItem]
    /// Where the influence weights came from, said in the legend.
    public var influenceSource: InfluenceSource
    /// People the caller's cap left out; the drawing says "N more not shown".
    public var omittedPeople: Int

    /// Describes a picture; see each property for its meaning.
    /// - Parameters:
    ///   - title: the picture's caption.
    ///   - centre: the person whose neighbourhood is drawn.
    ///   - people: friends (hop 1) and friends of friends (hop 2), in any order; an ID used twice, or the centre's,
    ///     is refused when drawn.
    ///   - ties: ties between drawn people, the centre included; those to anyone not drawn are skipped, and a pair
    ///     given twice keeps its stronger tie.
    ///   - items: the centre's recommendations, each tied to the people who brought it; an ID used twice is refused
    ///     when drawn.
    ///   - influenceSource: where the influence weights came from, said in the legend.
    ///   - omittedPeople: people the caller's cap left out, for "N more not shown"; 0 by default, and a negative
    ///     count is drawn as 0.
    public init(
        title: String,
        centre: Person,
        people: [Person],
        ties: [Tie],
        items: [RecommendedItem],
        influenceSource: InfluenceSource,
        omittedPeople: Int = 0
    ) {
        self.title = title
        self.centre = centre
        self.people = people
        self.ties = ties
        self.items = items
        self.influenceSource = influenceSource
        self.omittedPeople = omittedPeople
    }
}

/// A person in the picture.
public struct Person: Sendable, Hashable {
    /// The person's external ID, unique in the drawing.
    public var id: String
    /// The name shown (the ID when there is none).
    public var label: String
    /// 1 for a friend, 2 for a friend of a friend; ignored for the centre.
    public var hop: Int
    /// Influence weight on the centre's recommendations, 0...1 (clamped when drawn).
    public var influence: Double

    /// A friend by default, with no influence; `label` defaults to `id`.
    /// - Parameters:
    ///   - id: the person's external ID, unique in the drawing.
    ///   - label: the name shown; nil shows the ID.
    ///   - hop: 1 for a friend, 2 (or more) for a friend of a friend; ignored for the centre.
    ///   - influence: the weight on the centre's recommendations, 0...1; values outside are clamped and NaN counts as 0.
    public init(id: String, label: String? = nil, hop: Int = 1, influence: Double = 0) {
        self.id = id
        self.label = label ?? id
        self.hop = hop
        self.influence = influence
    }
}

/// An undirected social tie; its direction, if any, is not drawn.
public struct Tie: Sendable, Hashable {
    /// One end's person ID.
    public var person: String
    /// The other end's person ID.
    public var otherPerson: String
    /// 0...1 (clamped when drawn).
    public var strength: Double

    /// A tie of `strength` between two people's IDs.
    /// - Parameters:
    ///   - person: one end's person ID; the order of the ends does not matter.
    ///   - otherPerson: the other end's person ID.
    ///   - strength: how strong the tie is, 0...1; values outside are clamped when drawn and NaN counts as 0.
    public init(between person: String, and otherPerson: String, strength: Double) {
        self.person = person
        self.otherPerson = otherPerson
        self.strength = strength
    }
}

/// A recommended item in the picture.
public struct RecommendedItem: Sendable, Hashable {
    /// The item's external ID, unique in the drawing.
    public var id: String
    /// The title shown (the ID when there is none).
    public var label: String
    /// 1 is the top recommendation.
    public var rank: Int
    /// The model's score, shown in the tooltip.
    public var score: Double
    /// IDs of the drawn people (friends, or the centre) whose influence brought this item in.
    /// Empty means the item came from elsewhere (popularity, similar items); it is then tied to the
    /// centre with a dotted line so it does not float loose.
    public var broughtBy: [String]

    /// An item at `rank`; `label` defaults to `id`.
    /// - Parameters:
    ///   - id: the item's external ID, unique in the drawing.
    ///   - label: the title shown; nil shows the ID.
    ///   - rank: its place in the list, 1 for the top recommendation.
    ///   - score: the model's score, shown in the tooltip.
    ///   - broughtBy: IDs of the drawn people (friends, or the centre) whose influence brought it in; IDs of anyone not
    ///     drawn are ignored, and with none left the item is tied to the centre with a dotted line.
    public init(id: String, label: String? = nil, rank: Int, score: Double, broughtBy: [String]) {
        self.id = id
        self.label = label ?? id
        self.rank = rank
        self.score = score
        self.broughtBy = broughtBy
    }
}

/// Where the influence weights came from; the legend names it.
public enum InfluenceSource: Sendable, Hashable {
    /// A trained model, e.g. "social-maml (checkpoint 3)".
    case model(name: String)
    /// No trained model: personalised PageRank from the centre stands in for influence.
    case personalisedPageRank
}
