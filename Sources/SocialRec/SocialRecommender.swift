import Foundation

extension SocialDataset {
    /// Reads a dataset from files as `socialrec import` does (delimiters, headers and gzip detected).
    /// - Parameters:
    ///   - graph: an edge list, `source target [weight]` per line.
    ///   - undirected: whether each edge is a tie both ways.
    ///   - interactions: `user item [value [timestamp]]` per line.
    ///   - items: an optional `item name` catalogue.
    /// - Returns: the dataset.
    /// - Throws: `InputError` with the file and line of the first bad record.
    public static func read(graph: String?, undirected: Bool = false, interactions: String?, items: String? = nil) throws -> SocialDataset {
        var reader = DatasetReader()
        reader.graphFile = graph
        reader.undirected = undirected
        reader.interactionsFile = interactions
        reader.itemsFile = items
        return try reader.read().0
    }
}

/// A recommended item with its original ID and name.
public struct Recommendation: Sendable, Equatable {
    /// The item's ID as the input files spell it.
    public var item: String
    /// The item's name from the catalogue file, where there is one.
    public var name: String?
    /// The model's score: higher ranks first; comparable within one list only.
    public var score: Float
    /// The person's friends who chose the item, most influential first.
    public var broughtBy: [String]
}

/// A trained social meta-learner and the dataset it ranks over: what `socialrec train` saves and
/// `socialrec recommend` serves. Adaptation happens per call and is never stored.
public struct SocialRecommender: Sendable {
    /// The people, items, graph and interactions the model ranks over.
    public let dataset: SocialDataset
    /// The trained model: initial parameters, influence weights, priors and the newcomers' model.
    public let model: SocialMetaModel
    private let recommender: SocialMetaRecommender

    /// An ID that the dataset does not hold.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// No user with this ID.
        case unknownUser(String)
        /// No item with this ID.
        case unknownItem(String)

        /// The sentence a command line prints.
        public var description: String {
            switch self {
            case .unknownUser(let id): "no user '\(id)' in the dataset"
            case .unknownItem(let id): "no item '\(id)' in the dataset"
            }
        }
    }

    /// Wraps a model trained on `dataset`.
    /// - Parameters:
    ///   - model: the trained model; nothing here checks that it was trained on `dataset` (a checkpoint's fingerprint
    ///     does, in `init(checkpoint:dataset:)`).
    ///   - dataset: the people, items, graph and interactions to rank over, as the model was trained on them.
    public init(model: SocialMetaModel, dataset: SocialDataset) {
        self.model = model
        self.dataset = dataset
        recommender = SocialMetaRecommender(model: model, data: VisibleData(dataset))
    }

    /// Trains as `socialrec train` does: 10% of users held out for validation, the prior and the
    /// epochs chosen on them.
    /// - Parameters:
    ///   - dataset: the data to learn from.
    ///   - configuration: the model and training settings (the defaults are `socialrec train`'s).
    ///   - onEpoch: hears about each epoch (epoch 0 is the untrained prior).
    /// - Returns: the trained recommender.
    /// - Throws: `SocialMetaTrainer.TrainingError` when there is nothing to train on or training diverges.
    public static func train(on dataset: SocialDataset, configuration: SocialMetaConfiguration = SocialMetaConfiguration(),
                             onEpoch: (SocialMetaTrainer.Epoch) -> Void = { _ in }) throws -> SocialRecommender {
        var lastGood: SocialMetaModel?
        let (model, _) = try ServingTraining(dataset: dataset, configuration: configuration)
            .run(onEpoch: onEpoch, onStep: { _, _ in }, lastGood: &lastGood)
        return SocialRecommender(model: model, dataset: dataset)
    }

    /// Loads a checkpoint written by `checkpoint()` or `socialrec train --export`.
    /// - Parameters:
    ///   - checkpoint: the checkpoint's bytes.
    ///   - dataset: the dataset to rank over; its fingerprint must be the one the checkpoint was trained on.
    /// - Throws: `ModelCheckpoint.Failure` when the bytes are damaged or were trained on another dataset.
    public init(checkpoint: Data, dataset: SocialDataset) throws {
        self.init(model: try ModelCheckpoint.decode(checkpoint, expectedFingerprint: dataset.fingerprint).model, dataset: dataset)
    }

    /// The model's checkpoint, tied to this dataset's fingerprint.
    /// - Returns: bytes that `init(checkpoint:dataset:)` reads back, with this dataset.
    /// - Throws: An `EncodingError` when the checkpoint's header cannot be written as JSON (a non-finite λ or
    ///   influence weight, say).
    public func checkpoint() throws -> Data {
        try ModelCheckpoint.encode(model, datasetFingerprint: dataset.fingerprint)
    }

    /// The top `count` items for a user of the dataset, adapted on their items and friends.
    /// - Parameters:
    ///   - id: the user's ID as the input files spell it.
    ///   - count: the most items to return; 10 by default. Items the user already chose are never listed.
    /// - Returns: at most `count` items, best first.
    /// - Throws: `Failure.unknownUser` for an ID the dataset does not hold.
    public func recommend(user id: String, count: Int = 10) throws -> [Recommendation] {
        try explain(user: id, count: count).recommendations
    }

    /// The top `count` items for a user and, from the same adaptation, how much each context friend
    /// weighed in it (most influential first): what `socialrec recommend --explain` and `socialrec
    /// ego` show.
    /// - Parameters:
    ///   - id: the user's ID as the input files spell it.
    ///   - count: the most items to return; 10 by default. Items the user already chose are never listed.
    /// - Returns: at most `count` items, best first, and every context friend's weight, most influential first.
    /// - Throws: `Failure.unknownUser` for an ID the dataset does not hold.
    public func explain(user id: String, count: Int = 10) throws
        -> (recommendations: [Recommendation], influence: [(friend: String, weight: Float)])
    {
        guard let user = dataset.users.index(of: id) else { throw Failure.unknownUser(id) }
        let index = recommender.builder.data.interactions
        let list = recommender.explainedList(RecommendationRequest(user: user, supportItems: Array(index.items(of: user)),
                                                                   supportValues: Array(index.values(of: user))), count: count)
        return (describe(list.items), list.influence.map { (dataset.users.externalID($0.friend), $0.weight) })
    }

    /// The top `count` items for a person not in the dataset, from the items they chose and the
    /// users they name as friends.
    /// - Parameters:
    ///   - items: IDs of the items the person chose, as the input files spell them; never recommended back. Empty
    ///     for someone who has chosen nothing yet.
    ///   - friends: IDs of the dataset's users the person names as friends; empty for someone with none.
    ///   - count: the most items to return; 10 by default.
    /// - Returns: at most `count` items, best first.
    /// - Throws: `Failure.unknownItem` or `Failure.unknownUser` for an ID the dataset does not hold.
    public func recommend(newcomerItems items: [String], friends: [String], count: Int = 10) throws -> [Recommendation] {
        let support = try items.map { id in try dataset.items.index(of: id).orThrow(Failure.unknownItem(id)) }
        let named = try friends.map { id in try dataset.users.index(of: id).orThrow(Failure.unknownUser(id)) }
        return describe(recommender.recommend(RecommendationRequest(user: nil, supportItems: support, friends: named), count: count))
    }

    private func describe(_ scored: [ScoredItem]) -> [Recommendation] {
        scored.map { s in
            Recommendation(item: dataset.items.externalID(s.item), name: dataset.itemNames[Int(s.item)], score: s.score,
                           broughtBy: s.broughtBy.map { dataset.users.externalID($0) })
        }
    }
}

extension Optional {
    fileprivate func orThrow(_ error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}
