import Evaluation
import RecData
import Recommenders

/// Training a meta-learner for serving, the way `socialrec train` does: a share of the users held
/// out as validation users (no test users: every other user's data trains), early stopping and the
/// choices between priors and epochs made on them (`MetaValidation`).
public struct ServingTraining {
    public let dataset: SocialDataset
    public var configuration: SocialMetaConfiguration
    public var validationShare = 0.1

    public init(dataset: SocialDataset, configuration: SocialMetaConfiguration) {
        self.dataset = dataset
        self.configuration = configuration
    }

    public func run(onEpoch: (SocialMetaTrainer.Epoch) -> Void, onStep: (Int, Int) -> Void,
                    lastGood: inout SocialMetaModel?) throws -> (model: SocialMetaModel, epochs: [SocialMetaTrainer.Epoch]) {
        var settings = EvaluationSettings()
        settings.supportSizes = MetaValidation.supportSizes
        settings.testShare = 0
        settings.validationShare = validationShare
        let evaluation = ColdStartEvaluation(dataset: dataset, settings: settings)
        let split = evaluation.split(seed: configuration.seed)
        let context = evaluation.context(split: split, k: 0, seed: configuration.seed)
        let validation = MetaValidation(interactions: dataset.interactions, training: context.training, split: split, threshold: settings.threshold(for: dataset.interactions.feedback),
                                        seed: configuration.seed)
        return try SocialMetaTrainer(configuration: configuration, training: context.training).train(
            validation: validation, onEpoch: onEpoch, onStep: onStep, lastGood: &lastGood)
    }
}
