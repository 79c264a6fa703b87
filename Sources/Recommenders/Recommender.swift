import GraphFeatures
import RecData
import SocialGraphModule

/// What a method may see when it recommends: the whole social graph and the interactions visible
/// at that moment (training data plus every held-out user's support set, never a query set).
public struct VisibleData: Sendable {
    /// The whole social graph, one node per user, held-out users included.
    public let graph: SocialGraph
    /// The interactions visible now, indexed both by user and by item.
    public let interactions: InteractionIndex
    /// Whether the interactions are implicit (presence is the signal) or ratings on a declared scale.
    public let feedback: Feedback
    /// The items' attributes: not behaviour, so every item's are visible (held-out or not).
    public var itemFeatures: ItemFeatures { content?.features ?? ItemFeatures(itemCount: interactions.itemCount) }
    /// The items' TF-IDF vectors, built once from the features (nil without any): every content
    /// method, the meta-learner's content feature and intra-list diversity read these.
    public let content: ItemContent?
    /// Who chose what else, counted per item when first asked and shared by every method on this
    /// data (item-knn, the meta-learner's co-occurrence prior).
    public let coOccurrence: CoOccurrenceRows

    /// Builds the view, with the items' TF-IDF vectors from `itemFeatures` and the co-occurrence rows.
    /// - Parameters:
    ///   - graph: the social graph, one node per user of `interactions`.
    ///   - interactions: the interactions visible at this moment.
    ///   - feedback: the kind of feedback `interactions` holds.
    ///   - itemFeatures: the items' attributes, one row per item; nil or empty for none.
    public init(graph: SocialGraph, interactions: InteractionIndex, feedback: Feedback, itemFeatures: ItemFeatures? = nil) {
        self.init(graph: graph, interactions: interactions, feedback: feedback,
                  content: itemFeatures.flatMap { $0.isEmpty ? nil : ItemContent($0) })
    }

    /// `content` already built (shared by every view of one dataset).
    /// - Parameters:
    ///   - graph: the social graph, one node per user of `interactions`.
    ///   - interactions: the interactions visible at this moment.
    ///   - feedback: the kind of feedback `interactions` holds.
    ///   - content: the items' TF-IDF vectors, one row per item of `interactions`; nil without item features.
    public init(graph: SocialGraph, interactions: InteractionIndex, feedback: Feedback, content: ItemContent?) {
        precondition(graph.nodeCount == interactions.userCount, "one graph node per user")
        precondition(content.map { $0.features.itemCount == interactions.itemCount } ?? true, "one feature row per item")
        self.graph = graph
        self.interactions = interactions
        self.feedback = feedback
        self.content = content
        coOccurrence = CoOccurrenceRows(interactions)
    }

    /// All of `dataset`.
    public init(_ dataset: SocialDataset) {
        self.init(graph: dataset.graph,
                  interactions: InteractionIndex(dataset.interactions, userCount: dataset.users.count, itemCount: dataset.items.count),
                  feedback: dataset.interactions.feedback, itemFeatures: dataset.itemFeatures)
    }

    /// The same people, graph and features with only the interactions at `rows` of `interactions`.
    /// - Parameters:
    ///   - rows: the positions in `interactions` of the rows to keep; their order is kept within each user.
    ///   - interactions: the table `rows` indexes, over this view's users and items.
    /// - Returns: A view sharing this one's graph, feedback and item content, with its own co-occurrence rows.
    public func restricted(to rows: [Int], of interactions: Interactions) -> VisibleData {
        VisibleData(graph: graph, interactions: InteractionIndex(interactions, userCount: userCount, itemCount: itemCount, rows: rows),
                    feedback: feedback, content: content)
    }

    /// Number of users, which is also the graph's number of nodes.
    public var userCount: Int { interactions.userCount }
    /// Number of items in the catalogue.
    public var itemCount: Int { interactions.itemCount }
}

/// One person to recommend for: a known user (whose friends come from the graph), or a newcomer
/// described only by the items they chose and the friends they named.
public struct RecommendationRequest: Sendable {
    /// The known user's index, or nil for a newcomer who is not in the data.
    public var user: Int32?
    /// The items the person is known to have chosen (the support set); never recommended back.
    public var supportItems: [Int32]
    /// One value per support item (a rating or a count), in the same order; 1 where none was given.
    public var supportValues: [Float]
    /// Friends of a newcomer; for a known user, nil means "from the graph".
    public var friends: [Int32]?
    /// Rank only these items (nil: the whole catalogue): item cold-start asks which of the new
    /// items a person would choose.
    public var onlyAmong: [Int32]?

    /// A request for a known user or a newcomer.
    /// - Parameters:
    ///   - user: the known user's index, or nil for a newcomer.
    ///   - supportItems: the items the person is known to have chosen.
    ///   - supportValues: one value per support item; nil gives every item the value 1.
    ///   - friends: a newcomer's named friends; nil for a known user means their friends in the graph.
    ///   - onlyAmong: the only items to rank (item cold-start); nil for the whole catalogue.
    public init(user: Int32?, supportItems: [Int32], supportValues: [Float]? = nil, friends: [Int32]? = nil,
                onlyAmong: [Int32]? = nil) {
        self.user = user
        self.supportItems = supportItems
        self.supportValues = supportValues ?? Array(repeating: 1, count: supportItems.count)
        self.friends = friends
        self.onlyAmong = onlyAmong
    }

    /// `scores` (dense over items) with every item outside `onlyAmong` at −∞, which `topItems` skips.
    public func restricted(_ scores: consuming [Float]) -> [Float] {
        guard let onlyAmong else { return scores }
        var kept = [Float](repeating: -.infinity, count: scores.count)
        for i in onlyAmong where i >= 0 && Int(i) < kept.count { kept[Int(i)] = scores[Int(i)] }
        return kept
    }

    /// The user's friends in `graph`, direction ignored, or the newcomer's named friends.
    public func friends(in graph: SocialGraph) -> [Int32] {
        if let friends { return friends }
        guard let user else { return [] }
        return graph.neighbours(user)
    }
}

/// One recommended item with the method's score for it.
public struct ScoredItem: Sendable, Equatable {
    /// The item's index in the catalogue.
    public var item: Int32
    /// The method's score: higher ranks first; the scale is the method's own.
    public var score: Float
    /// Friends who chose this item (for explanations), when the method knows.
    public var broughtBy: [Int32]

    /// An item as a method ranked it.
    /// - Parameters:
    ///   - item: the item's index in the catalogue.
    ///   - score: the method's score for it.
    ///   - broughtBy: the friends who chose it, for explanations; empty when the method does not know.
    public init(item: Int32, score: Float, broughtBy: [Int32] = []) {
        self.item = item
        self.score = score
        self.broughtBy = broughtBy
    }
}

/// A recommendation method. `recommend` returns at most `count` distinct items, best first, never
/// one of the request's support items.
public protocol Recommender: Sendable {
    /// The method's name as reports and the command line spell it, e.g. `item-knn`.
    var name: String { get }
    /// The best items for one person.
    /// - Parameters:
    ///   - request: who to recommend for: their support items and, for social methods, their friends.
    ///   - count: the most items to return.
    /// - Returns: At most `count` distinct items, best first, none of them a support item.
    func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem]
    /// One list per request, each the one `recommend(_:count:)` gives: a method may share work
    /// across the batch, never results.
    /// - Parameters:
    ///   - requests: the people to recommend for.
    ///   - count: the most items in each list.
    /// - Returns: One list per request, in the requests' order.
    func recommend(_ requests: [RecommendationRequest], count: Int) -> [[ScoredItem]]
}

extension Recommender {
    /// One `recommend(_:count:)` per request, in turn: the default for methods that share no work.
    /// - Parameters:
    ///   - requests: the people to recommend for.
    ///   - count: the most items in each list.
    /// - Returns: One list per request, in the requests' order.
    public func recommend(_ requests: [RecommendationRequest], count: Int) -> [[ScoredItem]] {
        requests.map { recommend($0, count: count) }
    }
}

/// Top `count` of `scores` (a dense array over items), skipping excluded items and items scored
/// -infinity; ties go to the higher `tieBreak` (when given), then to the smaller index, so results
/// are deterministic.
/// - Parameters:
///   - scores: one score per item, indexed by item; an item scored −∞ (or NaN) is never returned.
///   - count: the most items to return.
///   - excluded: items never returned, such as a request's support items; indices outside `scores` are ignored.
///   - tieBreak: a second score per item, as long as `scores`, higher first among equal scores; nil to break ties by index.
/// - Returns: At most `count` items with their scores, best first.
public func topItems(_ scores: [Float], count: Int, excluding excluded: Set<Int32>, tieBreak: [Float]? = nil)
    -> [(item: Int32, score: Float)]
{
    guard excluded.isEmpty else {
        // Masking costs a few writes; a hash lookup per item cost a tenth of a 250k-item ranking.
        // (Setting −∞ commutes, so the set's order cannot reach the result.)
        var masked = scores
        for i in excluded where i >= 0 && Int(i) < masked.count { masked[Int(i)] = -.infinity }
        return topItems(masked, count: count, excluding: [], tieBreak: tieBreak)
    }
    var heap: [(item: Int32, score: Float)] = []
    heap.reserveCapacity(count + 1)
    func better(_ a: (item: Int32, score: Float), _ b: (item: Int32, score: Float)) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let tieBreak, tieBreak[Int(a.item)] != tieBreak[Int(b.item)] { return tieBreak[Int(a.item)] > tieBreak[Int(b.item)] }
        return a.item < b.item
    }
    for (i, s) in scores.enumerated() where s > -.infinity {
        let candidate = (item: Int32(i), score: s)
        if heap.count < count {
            heap.append(candidate)
            if heap.count == count { heap.sort(by: better) }
        } else if count > 0, better(candidate, heap[count - 1]) {
            var j = count - 1
            heap[j] = candidate
            while j > 0, better(heap[j], heap[j - 1]) { heap.swapAt(j, j - 1); j -= 1 }
        }
    }
    return heap.count < count ? heap.sorted(by: better) : heap
}

/// A person's list with the influence behind it: each context friend's weight in the adaptation.
public struct ExplainedList: Sendable {
    /// The recommended items, best first.
    public var items: [ScoredItem]
    /// Context friends, most influential first.
    public var influence: [(friend: Int32, weight: Float)]
}

/// A method whose lists come from friends weighted by learned influence, and can say how much each
/// weighed: `recommend --explain`, `ego` and the library read the one call.
public protocol ExplainingRecommender: Recommender {
    /// `recommend(request, count:)`'s list and the influence of the same adaptation.
    /// - Parameters:
    ///   - request: the person to recommend for: their support items and their friends.
    ///   - count: the most items in the list.
    /// - Returns: The list, best first, and each context friend's weight, most influential first.
    func explainedList(_ request: RecommendationRequest, count: Int) -> ExplainedList
}

/// A method that also predicts ratings (explicit feedback), for RMSE and MAE.
public protocol RatingPredictor: Recommender {
    /// Predicted ratings of `items` for the request's person, on the dataset's scale.
    /// - Parameters:
    ///   - request: the person: their support items and values and, for social methods, their friends.
    ///   - items: the items to predict.
    /// - Returns: One prediction per item, in the order of `items`.
    func predictRatings(_ request: RecommendationRequest, items: [Int32]) -> [Float]
}
