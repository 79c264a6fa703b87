import ArgumentParser
import Recommenders
import SocialGraph
import Store

/// Resolves `--method` to a recommender over the whole dataset.
enum RecommenderChoice {
    static func make(_ name: String, visible: VisibleData, store: SocialStore, dataset: SocialDataset) throws -> any Recommender {
        switch name {
        case "social-popularity": return SocialPopularity(visible)
        case "most-popular": return MostPopular(visible)
        default:
            throw ValidationError("unknown method '\(name)'; use social-popularity or most-popular")
        }
    }
}
