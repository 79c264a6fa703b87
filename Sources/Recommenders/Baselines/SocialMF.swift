import Foundation
import RecData
import SocialGraphModule

/// SocialMF (Jamali & Ester, RecSys 2010): matrix factorisation whose users' vectors are pulled
/// toward the mean of their friends' vectors, (λ_T/2) Σ_u ‖p_u − mean_{v ∈ N(u)} p_v‖².
///
/// Chosen over TrustSVD because its social term is a prior on the user's vector, which is exactly
/// what cold start needs: a person with k = 0 and friends gets the friends' mean vector, and fold-in
/// on k support items is the MAP estimate under that prior. It also carries over to implicit data
/// unchanged (a BPR loss in place of squared error), and trains in O(interactions + edges) per epoch.
/// TrustSVD is a rating model (its trust and implicit terms enter a squared-error fit, with no
/// standard ranking form), costs O(|I_u| + |T_u|) factor updates per rating, and would learn its
/// per-item implicit vectors from the single rating most of Ciao's 105k items have.
///
/// Ranking (all feedback): BPR with item biases plus the social regulariser, friends ignoring
/// direction (as requests see them). Ratings (explicit feedback only): a second, biased SocialMF
/// fitted by squared error, r̂ = μ + b_u + b_i + p_u · q_i, clamped to the scale; a request's b_u
/// starts at (and is pulled toward) its friends' mean bias, like p_u. A rated item counts as a
/// positive for ranking whatever its rating.
public struct SocialMF: RatingPredictor, RegisteredBaseline {
    /// The hyper-parameters of SocialMF's ranking and rating models, chosen from `grid` on validation users.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// Width of the ranking model's vectors (at least 1 is used).
        public var factors: Int
        /// SGD step size of the ranking model, in training and fold-in; about 0.01–0.1.
        public var learningRate: Float
        /// λ on the ranking model's vectors and item biases, applied at every update.
        public var regularisation: Float
        /// λ_T: how hard a user's vector is pulled toward the mean of their friends'.
        public var socialRegularisation: Float
        /// Passes over the visible positives for the ranking model; fold-in takes as many steps.
        public var epochs: Int
        /// The rating model's own settings (explicit feedback only): squared error wants a smaller
        /// step and stronger regularisation than BPR.
        public var ratingFactors: Int
        /// SGD step size of the rating model, in training and fold-in.
        public var ratingLearningRate: Float
        /// λ on the rating model's biases and vectors.
        public var ratingRegularisation: Float
        /// Passes over the visible ratings for the rating model; fold-in takes as many steps.
        public var ratingEpochs: Int

        /// Settings; the defaults are the values `grid` varies around.
        /// - Parameters:
        ///   - factors: width of the ranking model's vectors.
        ///   - learningRate: the ranking model's SGD step size.
        ///   - regularisation: λ of the ranking model.
        ///   - socialRegularisation: λ_T, the pull toward friends' mean vector (both models).
        ///   - epochs: the ranking model's passes.
        ///   - ratingFactors: width of the rating model's vectors.
        ///   - ratingLearningRate: the rating model's SGD step size.
        ///   - ratingRegularisation: λ of the rating model.
        ///   - ratingEpochs: the rating model's passes.
        public init(factors: Int = 32, learningRate: Float = 0.05, regularisation: Float = 0.01,
                    socialRegularisation: Float = 2, epochs: Int = 50, ratingFactors: Int = 10,
                    ratingLearningRate: Float = 0.01, ratingRegularisation: Float = 0.05, ratingEpochs: Int = 25) {
            self.factors = factors
            self.learningRate = learningRate
            self.regularisation = regularisation
            self.socialRegularisation = socialRegularisation
            self.epochs = epochs
            self.ratingFactors = ratingFactors
            self.ratingLearningRate = ratingLearningRate
            self.ratingRegularisation = ratingRegularisation
            self.ratingEpochs = ratingEpochs
        }

        /// Both models' settings on one line, as reports list the chosen configuration.
        public var description: String {
            "factors=\(factors) lr=\(learningRate) reg=\(regularisation) social=\(socialRegularisation) epochs=\(epochs)"
                + " rating(factors=\(ratingFactors) lr=\(ratingLearningRate) reg=\(ratingRegularisation) epochs=\(ratingEpochs))"
        }
    }

    /// The name reports and the command line use for this method.
    public static let methodName = "social-mf"
    /// Its place in tables, among the baselines.
    public static let listPosition = 70
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init()
    /// Searched on validation users: the social weight, then training length (as for BPR-MF).
    public static let grid: [Configuration] = [
        .init(socialRegularisation: 0.5), .init(socialRegularisation: 2), .init(socialRegularisation: 8),
        .init(socialRegularisation: 2, epochs: 30), .init(socialRegularisation: 2, epochs: 100),
        .init(regularisation: 0.003, socialRegularisation: 2),
    ]
    /// The settings these models were trained with.
    public let configuration: Configuration
    /// The data's feedback: explicit feedback trains the rating model and gives the scale it clamps to.
    public let feedback: Feedback
    private let graph: SocialGraph
    private let index: InteractionIndex
    private let ranking: BPRFactors
    private let rating: RatingFactors?

    /// Trains the ranking model and, on explicit feedback, the rating model, both pulled toward friends.
    /// - Parameters:
    ///   - data: the visible graph and interactions to train on.
    ///   - configuration: the hyper-parameters of both models.
    ///   - seed: seeds both models (the rating model from a derived seed), so the same data and seed
    ///     give the same models.
    public init(_ data: VisibleData, configuration c: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        configuration = c
        feedback = data.feedback
        graph = data.graph
        index = data.interactions
        let friends = FriendLists(data.graph)
        ranking = BPRFactors(data, settings: BPRSettings(
            factors: c.factors, learningRate: c.learningRate, regularisation: c.regularisation,
            biasRegularisation: c.regularisation, epochs: c.epochs, socialRegularisation: c.socialRegularisation),
            friends: friends, seed: seed)
        rating = data.feedback.isExplicit ? RatingFactors(data, settings: RatingSettings(
            factors: c.ratingFactors, learningRate: c.ratingLearningRate, regularisation: c.ratingRegularisation,
            epochs: c.ratingEpochs, socialRegularisation: c.socialRegularisation),
            friends: friends, seed: seed &+ 0x5A7E) : nil
    }

    /// Mean training loss per epoch of the ranking model, and whether it stopped on a NaN.
    public var epochLosses: [Float] { ranking.epochLosses }
    /// Whether either model met a NaN or infinity and stopped, keeping its last good epoch.
    public var diverged: Bool { ranking.diverged || (rating?.diverged ?? false) }

    /// Folds in a vector for the support set, starting from and pulled toward the friends' mean, and
    /// ranks by the ranking model.
    /// - Parameters:
    ///   - request: the person: their support items and friends (named, or a known user's in the graph).
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item, each with the friends who chose it.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: index.itemCount).items
        let friends = Baseline.friends(request, graph: graph)
        let vector = ranking.foldIn(support: support, prior: ranking.meanUserFactors(friends))
        // Which friends chose each recommended item, for explanations: through the item's users
        // (a handful of items) rather than every friend's history.
        let friendSet = Set(friends)
        return Baseline.rank(ranking.scores(vector), count: count, for: request, support: support).map { scored in
            var scored = scored
            scored.broughtBy = index.users(of: scored.item).filter(friendSet.contains).sorted()
            return scored
        }
    }

    /// Predicted ratings on the dataset's scale (explicit feedback). On implicit data there is no
    /// scale: the ranking model's scores are returned instead.
    /// - Parameters:
    ///   - request: the person: their support items and values, and their friends (named, or a known user's in the graph).
    ///   - items: the items to predict; one outside the catalogue gets μ + b_u, clamped (explicit), or −∞ (implicit).
    /// - Returns: One value per item, in the order of `items`: a rating clamped to the scale, or on implicit data a score.
    public func predictRatings(_ request: RecommendationRequest, items: [Int32]) -> [Float] {
        let (support, values) = Baseline.support(request, itemCount: index.itemCount)
        let friends = Baseline.friends(request, graph: graph)
        guard let rating, case .explicit(let low, let high) = feedback else {
            let scores = ranking.scores(ranking.foldIn(support: support, prior: ranking.meanUserFactors(friends)))
            return items.map { $0 >= 0 && Int($0) < scores.count ? scores[Int($0)] : -.infinity }
        }
        let user = rating.foldIn(support: support, ratings: values, friends: friends)
        return items.map { min(high, max(low, rating.predict(user, item: $0))) }
    }
}

struct RatingSettings: Sendable {
    var factors: Int
    var learningRate: Float
    var regularisation: Float
    var epochs: Int
    var socialRegularisation: Float
    var initialScale: Float = 0.1
}

/// Biased matrix factorisation by squared error with SocialMF's regulariser on the user vectors:
/// SGD over the visible ratings in a fresh seeded order each epoch, one social step per epoch.
struct RatingFactors: Sendable {
    let settings: RatingSettings
    let width: Int
    let mean: Float
    let userBias: [Float]
    let itemBias: [Float]
    let userFactors: [Float]
    let itemFactors: [Float]
    /// Training RMSE per epoch.
    let epochLosses: [Float]
    let diverged: Bool

    init(_ data: VisibleData, settings s: RatingSettings, friends: FriendLists?, seed: UInt64) {
        let f = max(1, s.factors), n = data.itemCount, m = data.userCount
        let pairs = PositivePairs(data.interactions)
        let mean = pairs.count > 0 ? Float(pairs.values.reduce(0.0) { $0 + Double($1) } / Double(pairs.count)) : 0
        var rng = SplitMix64(seed: seed)
        var P = (0..<(m * f)).map { _ in Float(rng.normal()) * s.initialScale }
        var Q = (0..<(n * f)).map { _ in Float(rng.normal()) * s.initialScale }
        var bu = [Float](repeating: 0, count: m), bi = [Float](repeating: 0, count: n)
        var order = Array(0..<pairs.count)
        var losses: [Float] = [], diverged = false
        let lr = s.learningRate, reg = s.regularisation
        let socialStep = min(lr * s.socialRegularisation, 1)
        for _ in 0..<(pairs.count > 0 ? max(0, s.epochs) : 0) {
            for a in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(a, Baseline.uniform(a + 1, &rng)) }
            let last = (P, Q, bu, bi)
            var squared = 0.0
            P.withUnsafeMutableBufferPointer { p in
                Q.withUnsafeMutableBufferPointer { q in
                    for r in order {
                        let u = Int(pairs.users[r]), i = Int(pairs.items[r])
                        let pu = u * f, qi = i * f
                        var prediction = mean + bu[u] + bi[i]
                        for k in 0..<f { prediction += p[pu + k] * q[qi + k] }
                        let e = pairs.values[r] - prediction
                        squared += Double(e * e)
                        bu[u] += lr * (e - reg * bu[u])
                        bi[i] += lr * (e - reg * bi[i])
                        for k in 0..<f {
                            let pk = p[pu + k], qk = q[qi + k]
                            p[pu + k] += lr * (e * qk - reg * pk)
                            q[qi + k] += lr * (e * pk - reg * qk)
                        }
                    }
                }
            }
            if let friends, socialStep > 0 { SocialRegulariser.pull(&P, width: f, friends: friends, step: socialStep) }
            let rmse = Float((squared / Double(pairs.count)).squareRoot()) + 0 * P.reduce(0, +)
            guard rmse.isFinite else { (P, Q, bu, bi) = last; diverged = true; break }
            losses.append(rmse)
        }
        settings = s
        width = f
        self.mean = mean
        userBias = bu
        itemBias = bi
        userFactors = P
        itemFactors = Q
        epochLosses = losses
        self.diverged = diverged
    }

    /// A fresh (b_u, p_u) for a person: starts at the friends' mean bias and vector (zero without
    /// friends), then `epochs` full-batch gradient steps on the support ratings' squared error with
    /// |S|·λ on the parameters and λ_T toward the friends' mean, as in training. k = 0: the prior.
    func foldIn(support: [Int32], ratings: [Float], friends: [Int32]) -> (bias: Float, factors: [Float]) {
        let f = width, s = settings
        var bias: Float = 0, p = [Float](repeating: 0, count: f)
        if !friends.isEmpty {
            bias = friends.reduce(Float(0)) { $0 + userBias[Int($1)] } / Float(friends.count)
            p = SocialRegulariser.mean(userFactors, width: f, of: friends)
        }
        guard !support.isEmpty else { return (bias, p) }
        let anchorBias = bias, anchor = p
        let pull = friends.isEmpty ? 0 : min(s.socialRegularisation, 1 / max(s.learningRate, 1e-6))
        let shrink = Float(support.count) * s.regularisation
        var gradient = [Float](repeating: 0, count: f)
        for _ in 0..<max(0, s.epochs) {
            var biasGradient = -shrink * bias - pull * (bias - anchorBias)
            for k in 0..<f { gradient[k] = -shrink * p[k] - pull * (p[k] - anchor[k]) }
            for (a, item) in support.enumerated() {
                let e = ratings[a] - predict((bias, p), item: item)
                biasGradient += e
                let base = Int(item) * f
                for k in 0..<f { gradient[k] += e * itemFactors[base + k] }
            }
            bias += s.learningRate * biasGradient
            for k in 0..<f { p[k] += s.learningRate * gradient[k] }
        }
        return (bias, p)
    }

    /// μ + b_u + b_i + p_u · q_i, unclamped; an unknown item gets μ + b_u.
    func predict(_ user: (bias: Float, factors: [Float]), item: Int32) -> Float {
        var x = mean + user.bias
        guard item >= 0, Int(item) < itemBias.count else { return x }
        let base = Int(item) * width
        x += itemBias[Int(item)]
        for k in 0..<width { x += user.factors[k] * itemFactors[base + k] }
        return x
    }
}
