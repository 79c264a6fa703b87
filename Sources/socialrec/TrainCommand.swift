import ArgumentParser
import Evaluation
import Foundation
import RecData
import Recommenders
import SocialRec
import Store

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Meta-learn how to adapt to a new person, with their friends as the task's context.",
        discussion: """
            Every user with two or more interactions is a task: a few of their items are the support \
            set, the next ones the query. The social methods also adapt on friends' items, weighted by \
            an influence learned from tie features. 10% of users are held out for validation: training \
            stops when their NDCG@10 (at 3 known items) stops improving, and the best model is saved \
            into the database as a checkpoint (with the dataset's fingerprint and a checksum).

              socialrec train
              socialrec train --method maml --epochs 12 --export maml.ckpt
            """)

    @Option(help: "social-maml, maml, social-fomaml, fomaml, social-reptile or reptile.")
    var method: MetaLearningMethod = .socialMAML

    @Option(help: "Ranking loss of the inner and outer loops: bpr (4 uniform negatives per positive) or softmax (1,000 per task).")
    var loss: RankingLoss = SocialMetaConfiguration().loss

    @Option(help: "The softmax's temperature.")
    var temperature: Float = SocialMetaConfiguration().temperature

    @Option(help: "Gradient steps in the inner loop.")
    var innerSteps = SocialMetaConfiguration().innerSteps

    @Option(help: ArgumentHelp("Width of a meta-learned dot product of item and user factors beside the priors (0: none).",
                               valueName: "width"))
    var itemFactors = SocialMetaConfiguration().itemFactorWidth

    @Option(help: "Most epochs (training stops earlier when validation stops improving).")
    var epochs = SocialMetaConfiguration().epochs

    @Option(help: "Inner-loop step size α.")
    var innerRate: Float = SocialMetaConfiguration().innerRate

    @Option(help: "Outer-loop (Adam) learning rate.")
    var learningRate: Float = SocialMetaConfiguration().learningRate

    @Flag(help: "Meta-SGD: learn a step size per adapted parameter.")
    var metaSGD = false

    @Option(help: "Tasks per meta-batch.")
    var metaBatch = SocialMetaConfiguration().metaBatch

    @Option(help: "Worker threads for a meta-batch.")
    var threads = SocialMetaConfiguration().threads

    @Option(help: "Random seed (validation users, task sampling, initialisation).")
    var seed: UInt64 = SocialMetaConfiguration().seed

    @Option(help: ArgumentHelp("Also write the checkpoint to this file.", valueName: "file"))
    var export: String?

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard innerSteps >= 1, epochs >= 1, metaBatch >= 1, threads >= 1 else {
            throw ValidationError("--inner-steps, --epochs, --meta-batch and --threads must be at least 1")
        }
        guard (0...1_024).contains(itemFactors) else { throw ValidationError("--item-factors must be between 0 and 1024") }
        guard innerRate.isFinite, innerRate > 0, learningRate.isFinite, learningRate > 0 else {
            throw ValidationError("--inner-rate and --learning-rate must be positive")
        }
        if let export { try OutputFile.check(export, option: "--export") }  // before minutes of training
        guard temperature.isFinite, temperature >= 0.01, temperature <= 100 else {
            throw ValidationError("--temperature must be between 0.01 and 100")
        }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let store = try SocialStore(path: database.db, access: .readWrite)
            let dataset = try store.loadDataset()
            var c = SocialMetaConfiguration()
            c.method = method
            c.loss = loss
            c.temperature = temperature
            c.innerSteps = innerSteps
            c.itemFactorWidth = itemFactors
            c.epochs = epochs
            c.innerRate = innerRate
            c.learningRate = learningRate
            c.learnsInnerRates = metaSGD
            c.metaBatch = metaBatch
            c.threads = threads
            c.seed = seed
            Terminal.line("training \(c)")
            let started = Date()
            var lastGood: SocialMetaModel?
            var epochStarted = Date()
            let fingerprint = dataset.fingerprint
            do {
                let (model, epochs) = try ServingTraining(dataset: dataset, configuration: c).run(
                    onEpoch: { e in
                        Terminal.clearProgress()
                        let loss = e.epoch == 0 ? "prior      " : String(format: "loss %.4f", e.trainingLoss)
                        let twin = e.method == c.method ? "" : "twin \(e.method.rawValue): "
                        Terminal.line(String(format: "%@epoch %2d  %@  validation NDCG@10 %.4f (k = 0: %.4f, k > 0: %.4f)  λ %.3f  %.1f s%@",
                                     twin, e.epoch, loss, e.validation.mean, e.validation.withoutSupport ?? .nan, e.validation.withSupport,
                                     e.contextWeight, e.seconds, e.improved ? "  *" : ""))
                    },
                    onStep: { step, total in
                        if step == 1 { epochStarted = Date() }
                        let perStep = Date().timeIntervalSince(epochStarted) / Double(step)
                        Terminal.progress(String(format: "meta-step %d/%d, epoch ends in %.0f s", step, total,
                                                 perStep * Double(total - step)))
                    },
                    lastGood: &lastGood)
                let id = try save(model, store: store, fingerprint: fingerprint, history: epochs.map(\.validation.mean))
                Terminal.line("model: \(model.configuration)")
                if model.configuration.method != c.method {
                    Terminal.line("people with known items: the non-social twin, \(model.configuration.method.rawValue) (\(c.method.rawValue) did not beat it by more than one standard error on validation users at k > 0)")
                }
                if model.configuration.ranksAsSocialPopularity {
                    Terminal.line("people with known items: social popularity's own ranking (it scored above every prior and epoch on validation users at k > 0)")
                }
                if model.configuration.ranksByCollaborativeAlone {
                    Terminal.line("people with known items: the ALS prior alone (it scored above every prior and epoch on validation users at k > 0)")
                }
                if let newcomers = model.newcomers {
                    let ranking = newcomers.configuration.ranksAsSocialPopularity ? "social popularity's own ranking"
                        : newcomers.configuration.ranksByPopularityAlone
                        ? "popularity alone (most-popular's ranking), chosen at k = 0 on validation users: it beat social popularity by more than one standard error"
                        : "their own model, chosen at k = 0 on validation users: it beat social popularity by more than one standard error; prior: vote \(newcomers.configuration.socialVotePrior), two-hop \(newcomers.configuration.twoHopWeight), popularity \(newcomers.configuration.popularityPrior), ALS \(newcomers.configuration.collaborativePrior)"
                    Terminal.line("people with no known items: \(ranking)")
                }
                Terminal.line(String(format: "saved checkpoint %lld (best validation NDCG@10 %.4f) in %.1f s",
                             id, epochs.map(\.validation.mean).max() ?? 0, Date().timeIntervalSince(started)))
            } catch let failure as SocialMetaTrainer.TrainingError {
                if let lastGood {
                    let id = try save(lastGood, store: store, fingerprint: fingerprint, history: [])
                    Terminal.error("kept the last good model as checkpoint \(id)")
                }
                throw failure
            }
        }
    }

    func save(_ model: SocialMetaModel, store: SocialStore, fingerprint: String, history: [Double]) throws -> Int64 {
        let blob = try ModelCheckpoint.encode(model, datasetFingerprint: fingerprint, validationHistory: history)
        if let export { try OutputFile.write(blob, to: export) }
        return try store.saveCheckpoint(
            method: model.configuration.method.rawValue, formatVersion: Int(ModelCheckpoint.formatVersion),
            datasetFingerprint: fingerprint, checksum: String(ModelCheckpoint.checksum(blob), radix: 16),
            hyperparameters: String(decoding: try JSONEncoder.reproducible().encode(model.configuration), as: UTF8.self), blob: blob)
    }
}

extension MetaLearningMethod: ExpressibleByArgument {}
extension RankingLoss: ExpressibleByArgument {}
