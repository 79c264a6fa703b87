/// The metrics an evaluation reports, in the order its tables show them. The raw value is the
/// metric's key in `results.json`.
public enum Metric: String, CaseIterable, Codable, Sendable {
    /// NDCG at the cutoff: hits discounted by position, over the best a list could do with the person's
    /// relevant items.
    case ndcg
    /// Share of the person's relevant query items found in the top of the list.
    case recall
    /// Hit rate: 1 when any relevant query item is in the top of the list; averaged, the share of people
    /// with a hit.
    case hr
    /// Reciprocal rank of the first relevant item in the list (0 when there is none).
    case mrr
    /// Item cold-start (`--cold-items`): NDCG at the cutoff of a ranking of the new items only, against the
    /// new items in the person's query (people who chose none are left out).
    case newItemsNDCG = "ndcg-new-items"
    /// Share of the catalogue that appears in at least one scored person's list.
    case coverage
    /// Mean novelty of the lists: −log₂ of each item's share of the users the method saw; higher is less
    /// mainstream.
    case novelty
    /// Gini index of how often each item is recommended: 0 when spread evenly, near 1 when a few items
    /// take every slot.
    case gini
    /// 1 − the mean Jaccard overlap of two people's lists: how much the lists differ from person to person.
    case personalisation
    /// Mean intra-list diversity: 1 − the cosine of two items' feature vectors, over the pairs of a list
    /// (only with item features).
    case intraListDiversity = "ild"
    /// Root mean squared error of predicted ratings on query items, pooled over everyone's predictions
    /// (explicit data, methods that predict ratings).
    case rmse
    /// Mean absolute error of the same predictions, pooled likewise.
    case mae

    /// The metrics of one person's list against their query, averaged over people (and per bucket).
    public static let perPerson: [Metric] = [.ndcg, .recall, .hr, .mrr, .newItemsNDCG]

    /// The metric's column heading in tables and the report, short enough for a column.
    /// - Parameter cutoff: the length of the lists scored (`EvaluationSettings.cutoff`), named in the headings of
    ///   the metrics that read only the top of a list.
    /// - Returns: A heading such as "NDCG@10" or "Coverage".
    public func title(cutoff: Int) -> String {
        switch self {
        case .ndcg: "NDCG@\(cutoff)"
        case .recall: "Recall@\(cutoff)"
        case .hr: "HR@\(cutoff)"
        case .mrr: "MRR"
        case .newItemsNDCG: "NDCG@\(cutoff) new"
        case .coverage: "Coverage"
        case .novelty: "Novelty"
        case .gini: "Gini"
        case .personalisation: "Personal."
        case .intraListDiversity: "ILD"
        case .rmse: "RMSE"
        case .mae: "MAE"
        }
    }

    /// Rating errors and the Gini index of recommendations are better smaller; the rest larger.
    public var higherIsBetter: Bool { ![.rmse, .mae, .gini].contains(self) }
}

/// The groups of people results are broken down by, by how many friends they have. The raw value
/// is the group's key in `results.json`.
public enum FriendBucket: String, CaseIterable, Codable, Sendable {
    /// Everyone scored, whatever their friends.
    case all
    /// People without friends: the social methods have nothing social to go on.
    case none = "0 friends"
    /// People with one to four friends.
    case few = "1–4 friends"
    /// People with five or more friends.
    case many = "5+ friends"

    /// The buckets that split everyone by their friends.
    public static let byFriends: [FriendBucket] = [.none, .few, .many]

    /// The bucket of someone with `friends` friends (ties in either direction, each counted once); never `.all`.
    public init(friends: Int) {
        self = friends == 0 ? .none : friends < 5 ? .few : .many
    }
}
