import Evaluation
import RecData
import Recommenders

/// Training a meta-learner for serving, the way `socialrec train` does: a share of the users held
/// out as validation users (no test users: every other user's data trains), early stopping and the
/// choices between priors and epochs made on them (`MetaValidation`).
public struct ServingTraining {
    /// Everything the model learns from: every user but the validation users.
    public let dataset: SocialDataset
    /// The model and training settings; its seed draws the validation users.
    public var configuration: SocialMetaConfiguration
    /// The share of users held out to choose the prior, the epoch and the newcomers' model.
    public var validationShare = 0.1

    /// - Parameters:
    ///   - dataset: the data to learn from.
    ///   - configuration: the model and training settings (`SocialMetaConfiguration()` is `socialrec train`'s).
    public init(dataset: SocialDataset, configuration: SocialMetaConfiguration) {
        self.dataset = dataset
        self.configuration = configuration
    }

    /// Trains, stopping early on the validation users.
    /// - Parameters:
    ///   - onEpoch: hears about each epoch as it ends (epoch 0 is the untrained prior).
    ///   - onStep: hears (step, steps) within an epoch, for a progress line.
    ///   - lastGood: the best model so far, kept up to date so that an interrupted run can save it.
    /// - Returns: the chosen model and every epoch's validation figures.
    /// - Throws: `SocialMetaTrainer.TrainingError` when there is nothing to train on or training diverges.
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
