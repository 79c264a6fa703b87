import ArgumentParser
import Foundation
import Recommenders
import SocialGraph
import Store

/// Resolves `--method` (and `--checkpoint`) to a recommender over the whole dataset.
enum RecommenderChoice {
    static let baselines = ["social-popularity", "most-popular"]

    /// `auto`: the newest trained model, else social popularity (said on standard error).
    static func make(_ name: String, checkpoint: String?, visible: VisibleData, store: SocialStore,
                     candidates: SocialMetaRecommender.Candidates = .graph(limit: 500)) throws -> any Recommender {
        if let checkpoint {
            let data = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
            return SocialMetaRecommender(model: try decode(data, store: store, origin: checkpoint), data: visible, candidates: candidates)
        }
        switch name {
        case "social-popularity": return SocialPopularity(visible)
        case "most-popular": return MostPopular(visible)
        case "auto", "model":
            guard let record = try store.latestCheckpoint() else {
                if name == "model" { throw ValidationError("no trained model in \(store.path); run `socialrec train` first") }
                Terminal.error("no trained model yet (run `socialrec train`); recommending by social popularity")
                return SocialPopularity(visible)
            }
            return SocialMetaRecommender(model: try decode(record.blob, store: store, origin: "\(store.path): checkpoint \(record.id)"),
                                         data: visible, candidates: candidates)
        default:
            throw ValidationError("unknown method '\(name)'; use auto, model, \(baselines.joined(separator: ", "))")
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
