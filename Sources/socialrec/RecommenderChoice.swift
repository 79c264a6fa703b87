import ArgumentParser
import Evaluation
import Foundation
import Recommenders
import SocialGraphModule
import Store

/// What `recommend --method` ranks with: the trained model, or a baseline of the registry fitted
/// on the whole database.
enum MethodChoice: ExpressibleByArgument, Equatable {
    /// The newest trained model, else social popularity (said on standard error).
    case auto
    /// The newest trained model; an error when there is none.
    case model
    case baseline(Method)

    /// The baselines that need no training run: every method but the meta-learners.
    static let baselines = Method.allCases.filter { $0.metaLearning == nil }

    init?(argument: String) {
        switch argument {
        case "auto": self = .auto
        case "model": self = .model
        default:
            guard let method = Method(name: argument), method.metaLearning == nil else { return nil }
            self = .baseline(method)
        }
    }

    static var allValueStrings: [String] { ["auto", "model"] + baselines.map(\.name) }
    var defaultValueDescription: String { "auto" }
}

/// Resolves `--method` (and `--checkpoint`) to a recommender over the whole dataset.
enum RecommenderChoice {
    static func make(_ choice: MethodChoice, checkpoint: String?, visible: VisibleData, store: SocialStore,
                     candidates: SocialMetaRecommender.Candidates = .graph(limit: 500)) throws -> any Recommender {
        if let checkpoint {
            let data = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
            return SocialMetaRecommender(model: try decode(data, store: store, origin: checkpoint), data: visible, candidates: candidates)
        }
        switch choice {
        case .baseline(let method): return method.recommender(on: visible)!
        case .auto, .model:
            guard let record = try store.latestCheckpoint() else {
                if choice == .model { throw ValidationError("no trained model in \(store.path); run `socialrec train` first") }
                Terminal.error("no trained model yet (run `socialrec train`); recommending by social popularity")
                return SocialPopularity(visible)
            }
            return SocialMetaRecommender(model: try decode(record.blob, store: store, origin: "\(store.path): checkpoint \(record.id)"),
                                         data: visible, candidates: candidates)
        }
    }

    static func decode(_ blob: Data, store: SocialStore, origin: String) throws -> SocialMetaModel {
        let fingerprint = try store.metadata("fingerprint") ?? ""
        do {
            return try ModelCheckpoint.decode(blob, expectedFingerprint: fingerprint).model
        } catch let failure as ModelCheckpoint.Failure {
            throw CheckpointRefused(origin: origin, failure: failure)
        }
    }

    struct CheckpointRefused: Error, CustomStringConvertible {
        var origin: String
        var failure: ModelCheckpoint.Failure
        var description: String { "\(origin): \(failure)" }
    }
}
