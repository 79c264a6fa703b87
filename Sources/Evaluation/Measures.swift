/// The metrics an evaluation reports, in the order its tables show them. The raw value is the
/// metric's key in `results.json`.
public enum Metric: String, CaseIterable, Codable, Sendable {
    case ndcg, recall, hr, mrr
    /// Item cold-start (`--cold-items`): NDCG@10 of a ranking of the new items only, against the
    /// new items in the person's query (people who chose none are left out).
    case newItemsNDCG = "ndcg-new-items"
    case coverage, novelty, gini, personalisation, intraListDiversity = "ild", rmse, mae

    /// The metrics of one person's list against their query, averaged over people (and per bucket).
    public static let perPerson: [Metric] = [.ndcg, .recall, .hr, .mrr, .newItemsNDCG]

    public var title: String {
        switch self {
        case .ndcg: "NDCG@10"
        case .recall: "Recall@10"
        case .hr: "HR@10"
        case .mrr: "MRR"
        case .newItemsNDCG: "NDCG@10 new"
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
    case all
    case none = "0 friends"
    case few = "1–4 friends"
    case many = "5+ friends"

    /// The buckets that split everyone by their friends.
    public static let byFriends: [FriendBucket] = [.none, .few, .many]

    public init(friends: Int) {
        self = friends == 0 ? .none : friends < 5 ? .few : .many
    }
}
