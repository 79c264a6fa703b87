import Foundation
import RecData
import SocialGraphModule

/// Hyperparameters of a BPR factorisation: `BPRMF`'s, and `SocialMF`'s ranking model.
struct BPRSettings: Sendable {
    var factors: Int
    var learningRate: Float
    var regularisation: Float
    var biasRegularisation: Float
    var epochs: Int
    /// λ_T of SocialMF's (λ_T/2) Σ_u ‖p_u − mean of friends' p_v‖²; 0 for plain BPR.
    var socialRegularisation: Float = 0
    var initialScale: Float = 0.1
    /// Negatives drawn afresh at each fold-in step.
    var foldInNegatives = 32
}

/// Bayesian personalised ranking (Rendle et al. 2009) with item biases:
///   x_uij = b_i − b_j + p_u · (q_i − q_j),   maximise Σ ln σ(x_uij) − λ‖Θ‖²
/// by SGD over (u, i) drawn uniformly from the visible positives, j uniformly from u's non-positives.
/// With a social weight, each epoch also takes one step of SocialMF's pull toward friends' mean.
/// The trained user vectors serve only as friends' vectors; a request's own vector is always folded in.
struct BPRFactors: Sendable {
    let settings: BPRSettings
    let width: Int
    let itemCount: Int
    let itemFactors: [Float]  // itemCount × width, row-major
    let itemBias: [Float]
    let userFactors: [Float]  // userCount × width
    /// Mean −ln σ(x_uij) over each epoch's samples.
    let epochLosses: [Float]
    /// Training met a NaN or infinity and stopped, keeping the last good epoch's parameters.
    let diverged: Bool
    private let foldInSeed: UInt64

    init(_ data: VisibleData, settings s: BPRSettings, friends: FriendLists?, seed: UInt64) {
        let f = max(1, s.factors), n = data.itemCount, m = data.userCount
        var rng = SplitMix64(seed: seed)
        var P = (0..<(m * f)).map { _ in Float(rng.normal()) * s.initialScale }
        var Q = (0..<(n * f)).map { _ in Float(rng.normal()) * s.initialScale }
        var b = [Float](repeating: 0, count: n)
        let pairs = PositivePairs(data.interactions)
        var losses: [Float] = [], diverged = false
        // Each epoch ends with one Jacobi step of the social pull (see `SocialRegulariser`), of size
        // lr · λ_T as for any gradient term, capped at 1 where it would overshoot the friends' mean.
        let socialStep = min(s.learningRate * s.socialRegularisation, 1)
        if pairs.count > 0 && n > 1 {
            for _ in 0..<max(0, s.epochs) {
                let last = (P, Q, b)  // copy-on-write: the restore point should this epoch blow up
                var loss = Self.epoch(&P, &Q, &b, pairs: pairs, width: f, itemCount: n, settings: s, rng: &rng)
                if let friends, socialStep > 0 { SocialRegulariser.pull(&P, width: f, friends: friends, step: socialStep) }
                loss += 0 * (P.reduce(0, +) + b.reduce(0, +))  // NaN anywhere in the users or biases shows here
                guard loss.isFinite else { (P, Q, b) = last; diverged = true; break }
                losses.append(loss)
            }
        }
        let active = (0..<m).filter { pairs.userOffsets[$0 + 1] > pairs.userOffsets[$0] }
        Self.centre(&P, &b, Q, width: f, users: active)
        settings = s
        width = f
        itemCount = n
        itemFactors = Q
        itemBias = b
        userFactors = P
        epochLosses = losses
        self.diverged = diverged
        foldInSeed = seed ^ 0x5EED_F01D_0000_0001
    }

    /// Reparametrises so that the zero vector is the average active user: b_i += p̄ · q_i and
    /// p_u −= p̄ leave every trained user's scores unchanged. Much of the population's taste lives in
    /// p̄ · q_i rather than b_i, so a person with nothing to go on (k = 0, no friends) gets it, not
    /// the biases alone, and fold-in's regulariser pulls toward the population, not the origin.
    private static func centre(_ P: inout [Float], _ b: inout [Float], _ Q: [Float], width f: Int, users: [Int]) {
        guard !users.isEmpty else { return }
        let average = SocialRegulariser.mean(P, width: f, of: users.map(Int32.init))
        Q.withUnsafeBufferPointer { q in
            average.withUnsafeBufferPointer { a in
                for i in 0..<b.count { b[i] += dot(q.baseAddress! + i * f, a.baseAddress!, f) }
            }
        }
        for u in 0..<(P.count / f) {
            for k in 0..<f { P[u * f + k] -= average[k] }
        }
    }

    /// One epoch: as many samples as there are positives. Returns the mean loss.
    private static func epoch(_ P: inout [Float], _ Q: inout [Float], _ b: inout [Float], pairs: PositivePairs,
                              width f: Int, itemCount n: Int, settings s: BPRSettings, rng: inout SplitMix64) -> Float {
        let lr = s.learningRate, reg = s.regularisation, regB = s.biasRegularisation
        var total = 0.0, used = 0
        P.withUnsafeMutableBufferPointer { p in
            Q.withUnsafeMutableBufferPointer { q in
                b.withUnsafeMutableBufferPointer { bias in
                    for _ in 0..<pairs.count {
                        let r = Baseline.uniform(pairs.count, &rng)
                        let u = pairs.users[r], i = Int(pairs.items[r])
                        // Rejection sampling: a user's positives are a sliver of the catalogue, but a
                        // toy user may own nearly all of it, so give up after a few tries.
                        var j = Int32(Baseline.uniform(n, &rng)), tries = 1
                        while pairs.contains(user: u, item: j) && tries < 16 { j = Int32(Baseline.uniform(n, &rng)); tries += 1 }
                        if pairs.contains(user: u, item: j) { continue }
                        let pu = Int(u) * f, qi = i * f, qj = Int(j) * f
                        let x = bias[i] - bias[Int(j)] + dot(p.baseAddress! + pu, q.baseAddress! + qi, f)
                            - dot(p.baseAddress! + pu, q.baseAddress! + qj, f)
                        let g = 1 / (1 + expf(x))  // σ(−x) = ∂ ln σ(x) / ∂x
                        total += Double(softplus(-x))
                        used += 1
                        bias[i] += lr * (g - regB * bias[i])
                        bias[Int(j)] += lr * (-g - regB * bias[Int(j)])
                        for k in 0..<f {
                            let pk = p[pu + k], qik = q[qi + k], qjk = q[qj + k]
                            p[pu + k] += lr * (g * (qik - qjk) - reg * pk)
                            q[qi + k] += lr * (g * pk - reg * qik)
                            q[qj + k] += lr * (-g * pk - reg * qjk)
                        }
                    }
                }
            }
        }
        return used > 0 ? Float(total / Double(used)) : 0
    }

    /// The mean of `users`' trained vectors (SocialMF's prior for a person with these friends), or
    /// nil without any.
    func meanUserFactors(_ users: [Int32]) -> [Float]? {
        guard !users.isEmpty else { return nil }
        return SocialRegulariser.mean(userFactors, width: width, of: users)
    }

    /// A fresh user vector for `support`, the items' parameters fixed: `epochs` full-batch gradient
    /// steps of size lr on Σ_{s ∈ S} mean_j ln σ(x_sj) − |S|(λ/2)‖p‖² − (λ_T/2)‖p − prior‖², with
    /// fresh negatives each step. That is training's objective for one user: an epoch visits each of
    /// a user's positives once, regularising each time, then takes one social step. (A Gaussian prior
    /// fitted to the trained users' vectors was tried instead and shrank fold-in far too much on
    /// Last.fm: BPR's likelihood saturates, so the trained spread is no guide to the MAP's.)
    /// Starts from the prior, or zero (the average user, after `centre`): with no support that is the
    /// answer, so BPR-MF ranks by centred item bias and SocialMF by friends' taste. The negatives'
    /// generator is reseeded, so the same request always gets the same vector.
    func foldIn(support: [Int32], prior: [Float]?) -> [Float] {
        let f = width, s = settings
        var p = prior ?? [Float](repeating: 0, count: f)
        guard !support.isEmpty, itemCount > support.count else { return p }
        let anchor = p
        let excluded = Set(support)
        var rng = SplitMix64(seed: foldInSeed)
        let negativeCount = max(1, s.foldInNegatives)
        // The pull is capped like training's social step: lr · λ_T ≤ 1 never overshoots the anchor.
        let pull = prior == nil ? 0 : min(s.socialRegularisation, 1 / max(s.learningRate, 1e-6))
        let shrink = Float(support.count) * s.regularisation
        var negatives = [Int32](repeating: 0, count: negativeCount)
        var positiveScore = [Float](repeating: 0, count: support.count)
        var positiveWeight = positiveScore
        var negativeScore = [Float](repeating: 0, count: negativeCount), negativeWeight = negativeScore
        var gradient = [Float](repeating: 0, count: f)
        for _ in 0..<max(0, s.epochs) {
            for c in 0..<negativeCount {
                var j = Int32(Baseline.uniform(itemCount, &rng))
                while excluded.contains(j) { j = Int32(Baseline.uniform(itemCount, &rng)) }
                negatives[c] = j
            }
            for (a, item) in support.enumerated() { positiveScore[a] = score(item, p) }
            for (c, item) in negatives.enumerated() { negativeScore[c] = score(item, p) }
            // ∂/∂p of mean_j ln σ(x_sj) = mean_j σ(−x_sj) (q_s − q_j): collect each item's total weight.
            for a in 0..<support.count { positiveWeight[a] = 0 }
            for c in 0..<negativeCount { negativeWeight[c] = 0 }
            for a in 0..<support.count {
                for c in 0..<negativeCount {
                    let g = 1 / (1 + expf(positiveScore[a] - negativeScore[c])) / Float(negativeCount)
                    positiveWeight[a] += g
                    negativeWeight[c] += g
                }
            }
            for k in 0..<f { gradient[k] = -shrink * p[k] - pull * (p[k] - anchor[k]) }
            for (a, item) in support.enumerated() { addRow(item, times: positiveWeight[a], to: &gradient) }
            for (c, item) in negatives.enumerated() { addRow(item, times: -negativeWeight[c], to: &gradient) }
            for k in 0..<f { p[k] += s.learningRate * gradient[k] }
        }
        return p
    }

    @inline(__always) private func score(_ item: Int32, _ p: [Float]) -> Float {
        let base = Int(item) * width
        var x = itemBias[Int(item)]
        for k in 0..<width { x += itemFactors[base + k] * p[k] }
        return x
    }

    @inline(__always) private func addRow(_ item: Int32, times w: Float, to v: inout [Float]) {
        let base = Int(item) * width
        for k in 0..<width { v[k] += w * itemFactors[base + k] }
    }

    /// b_i + p · q_i for every item.
    func scores(_ p: [Float]) -> [Float] {
        var out = itemBias
        let f = width
        itemFactors.withUnsafeBufferPointer { q in
            p.withUnsafeBufferPointer { pv in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<o.count { o[i] += dot(q.baseAddress! + i * f, pv.baseAddress!, f) }
                }
            }
        }
        return out
    }
}

/// SocialMF's social term (Jamali & Ester 2010) with equal weights on a user's friends (direction
/// ignored, as `RecommendationRequest.friends(in:)` sees them): R = (1/2) Σ_u ‖p_u − mean_{v ∈ N(u)} p_v‖².
enum SocialRegulariser {
    /// One Jacobi step on R in each p_u alone: every user with friends moves a share `step` of the
    /// way toward their friends' mean, all means taken before the step. The full gradient would also
    /// move each friend toward u, through a sum over everyone who counts u as a friend; on Ciao, where
    /// some users are trusted by thousands, no fixed step size keeps that stable. With step ≤ 1 every
    /// new vector is a convex combination of old ones, so this step cannot blow up.
    static func pull(_ P: inout [Float], width f: Int, friends: FriendLists, step: Float) {
        let m = min(friends.nodeCount, P.count / f)
        var d = [Float](repeating: 0, count: m * f)  // d_u = mean of friends − p_u
        P.withUnsafeMutableBufferPointer { p in
            for u in 0..<m where friends.degree(u) > 0 {
                let share = 1 / Float(friends.degree(u))
                for e in friends.offsets[u]..<friends.offsets[u + 1] {
                    let v = Int(friends.targets[e]) * f
                    for k in 0..<f { d[u * f + k] += share * p[v + k] }
                }
                for k in 0..<f { d[u * f + k] -= p[u * f + k] }
            }
            for x in 0..<(m * f) { p[x] += step * d[x] }
        }
    }

    /// The mean of the rows `users` of a rows × width table.
    static func mean(_ table: [Float], width f: Int, of users: [Int32]) -> [Float] {
        var mean = [Float](repeating: 0, count: f)
        for v in users {
            let base = Int(v) * f
            for k in 0..<f { mean[k] += table[base + k] }
        }
        let inverse = 1 / Float(max(1, users.count))
        return mean.map { $0 * inverse }
    }
}

/// ln(1 + eˣ) without overflow.
@inline(__always) func softplus(_ x: Float) -> Float {
    x > 0 ? x + log1pf(expf(-x)) : log1pf(expf(x))
}
