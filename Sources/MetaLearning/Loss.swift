/// How a set of examples is scored against its targets.
public enum LossKind: Sendable, Equatable, Hashable, Codable {
    /// Mean squared error on explicit ratings.
    case mse
    /// Binary cross-entropy on logits; each positive brings `negativesPerPositive` sampled
    /// negatives with target 0.
    case bce(negativesPerPositive: Int)
    /// Bayesian personalised ranking: −log σ(s_pos − s_neg) over `negativesPerPositive` sampled
    /// negatives per positive.
    case bpr(negativesPerPositive: Int)
    /// Sampled softmax: −log of the positive's share of exp(s / temperature) among itself and the
    /// task's `negatives` sampled items, shared by every positive of the task. Closer to ranking a
    /// whole catalogue than a pairwise loss: every positive competes with a thousand items at once.
    case softmax(negatives: Int, temperature: Double)

    var negativesPerPositive: Int {
        switch self {
        case .mse, .softmax: 0
        case .bce(let k), .bpr(let k): k
        }
    }
}

/// A sampled softmax's shared part: the negative rows every term competes with, and 1 / temperature.
public struct SoftmaxNegatives<Scalar: MLScalar>: Sendable, Equatable {
    /// The batch rows of the shared negatives (indices into `LossBatch.rowItems`).
    public var rows: [Int32]
    /// 1 / temperature: scores are multiplied by it inside the softmax.
    public var inverseTemperature: Scalar
}

/// One term of a loss: ℓ(x) with x = s[plus] − s[minus] (minus < 0: x = s[plus]).
///
/// Every loss here is one of two scalar functions of x: squared error (x − t)², or the logistic
/// loss softplus(x) − t·x (BCE on a logit; BPR is the logistic loss of s_neg − s_pos with t = 0).
public struct LossTerm<Scalar: MLScalar>: Sendable, Equatable {
    /// The batch row whose score enters x with a plus sign (a softmax term's positive).
    public var plus: Int32
    /// The batch row whose score is subtracted from it, or −1 when x is one score alone.
    public var minus: Int32
    /// t: the rating for squared error or the label for the logistic loss; a softmax term ignores it.
    public var target: Scalar
    /// 1 / (terms in the group): each group's loss is a mean over its terms.
    public var coefficient: Scalar
    /// The term's group, an index into `LossBatch.groupWeights`.
    public var group: Int32
}

/// Scored rows and loss terms, ready for a model pass; the loss is Σ_g γ_g · L_g, where L_g is
/// the mean loss of the terms in group g (the support set, or one friend's context set).
public struct LossBatch<Scalar: MLScalar>: Sendable, Equatable {
    /// True for squared error, false for the logistic loss.
    public var isSquaredError: Bool
    /// Which parameter row (item) each scored row reads.
    public var rowItems: [Int32]
    /// rowItems.count × pairFeatureWidth.
    public var pairFeatures: [Scalar]
    /// Pair features per scored row.
    public var pairFeatureWidth: Int
    /// The loss terms, each reading one or two scored rows.
    public var terms: [LossTerm<Scalar>]
    /// γ_g for each group.
    public var groupWeights: [Scalar]
    /// Set for a sampled softmax: each term is then one positive (`plus`) against these rows.
    public var softmax: SoftmaxNegatives<Scalar>? = nil

    /// The number of scored rows.
    public var rowCount: Int { rowItems.count }
    /// The number of groups, one weight γ_g each.
    public var groupCount: Int { groupWeights.count }
    /// Per-term values a pass keeps: one slope and curvature per term, or for a softmax the
    /// probabilities of the positive and of every negative.
    var slopeCount: Int { terms.count * (softmax.map { 1 + $0.rows.count } ?? 1) }
}

extension LossBatch {
    /// Σ_terms γ c ℓ(x). When `slopes` is given, also fills the row gradient ∂L/∂s (dScores),
    /// c·ℓ'(x) per term (termSlopes, for per-group directional derivatives) and γ·c·ℓ''(x) per
    /// term (termCurvatures, for the R-operator).
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func evaluate(
        scores: UnsafePointer<Scalar>,
        slopes: (dScores: UnsafeMutablePointer<Scalar>, termSlopes: UnsafeMutablePointer<Scalar>,
                 termCurvatures: UnsafeMutablePointer<Scalar>)?
    ) -> Scalar {
        if let slopes { for r in 0..<rowCount { slopes.dScores[r] = 0 } }
        if let softmax { return evaluateSoftmax(softmax, scores: scores, slopes: slopes) }
        var total: Scalar = 0
        terms.withUnsafeBufferPointer { terms in
            groupWeights.withUnsafeBufferPointer { weights in
                for (j, term) in terms.enumerated() {
                    let minusScore = term.minus >= 0 ? scores[Int(term.minus)] : 0
                    let x = scores[Int(term.plus)] - minusScore
                    let value: Scalar, slope: Scalar, curvature: Scalar
                    if isSquaredError {
                        let residual = x - term.target
                        value = residual * residual
                        slope = 2 * residual
                        curvature = 2
                    } else {
                        // softplus(x) = max(x, 0) + log(1 + e^−|x|), stable for large |x|.
                        let e = Scalar.exp(-abs(x))
                        value = max(x, 0) + Scalar.log1p(e) - term.target * x
                        let sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e)
                        slope = sigmoid - term.target
                        curvature = sigmoid * (1 - sigmoid)
                    }
                    let weight = weights[Int(term.group)] * term.coefficient
                    total += weight * value
                    if let slopes {
                        slopes.dScores[Int(term.plus)] += weight * slope
                        if term.minus >= 0 { slopes.dScores[Int(term.minus)] -= weight * slope }
                        slopes.termSlopes[j] = term.coefficient * slope
                        slopes.termCurvatures[j] = weight * curvature
                    }
                }
            }
        }
        return total
    }

    /// The softmax loss: Σ_terms γ c (log Σ_{j ∈ {p} ∪ N} e^{x_j} − x_p), x = s / T. With `slopes`,
    /// ∂L/∂s_j = γ c (σ_j − [j = p]) / T; termSlopes keeps σ (positive first, then each negative)
    /// and termCurvatures γ c in each term's first slot, for the R-operator.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func evaluateSoftmax(
        _ softmax: SoftmaxNegatives<Scalar>, scores: UnsafePointer<Scalar>,
        slopes: (dScores: UnsafeMutablePointer<Scalar>, termSlopes: UnsafeMutablePointer<Scalar>,
                 termCurvatures: UnsafeMutablePointer<Scalar>)?
    ) -> Scalar {
        let inverse = softmax.inverseTemperature, stride = 1 + softmax.rows.count
        var total: Scalar = 0
        var shares = [Scalar](repeating: 0, count: stride)
        softmax.rows.withUnsafeBufferPointer { negatives in
            for (j, term) in terms.enumerated() {
                let p = Int(term.plus)
                var top = scores[p] * inverse
                for n in negatives { top = max(top, scores[Int(n)] * inverse) }
                shares[0] = Scalar.exp(scores[p] * inverse - top)
                var sum = shares[0]
                for (k, n) in negatives.enumerated() {
                    shares[1 + k] = Scalar.exp(scores[Int(n)] * inverse - top)
                    sum += shares[1 + k]
                }
                let weight = groupWeights[Int(term.group)] * term.coefficient
                total += weight * (top + Scalar.log1p(sum - 1) - scores[p] * inverse)  // sum ≥ 1: the largest term is e⁰
                guard let slopes else { continue }
                for k in 0..<stride { shares[k] /= sum }
                slopes.dScores[p] += weight * (shares[0] - 1) * inverse
                for (k, n) in negatives.enumerated() { slopes.dScores[Int(n)] += weight * shares[1 + k] * inverse }
                for k in 0..<stride { slopes.termSlopes[j * stride + k] = shares[k] }
                slopes.termCurvatures[j * stride] = weight
            }
        }
        return total
    }

    /// R{∂L/∂s} for score directions rScores: the loss's curvature applied to Rx per term.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func curvatureProduct(
        rScores: UnsafePointer<Scalar>, termSlopes: UnsafePointer<Scalar>, termCurvatures: UnsafePointer<Scalar>,
        into rDScores: UnsafeMutablePointer<Scalar>
    ) {
        for r in 0..<rowCount { rDScores[r] = 0 }
        if let softmax {
            // γ c (1/T²)(diag σ − σσᵀ) Rs over each term's rows, σ as `evaluateSoftmax` kept it.
            let inverse = softmax.inverseTemperature, stride = 1 + softmax.rows.count
            forEachSoftmaxTerm(softmax, termSlopes: termSlopes, along: rScores) { j, _, shares, p, negatives, mean in
                let scale = termCurvatures[j * stride] * inverse * inverse
                rDScores[p] += scale * shares[0] * (rScores[p] - mean)
                for (k, n) in negatives.enumerated() { rDScores[Int(n)] += scale * shares[1 + k] * (rScores[Int(n)] - mean) }
            }
            return
        }
        terms.withUnsafeBufferPointer { terms in
            for (j, term) in terms.enumerated() {
                let minus = term.minus >= 0 ? rScores[Int(term.minus)] : 0
                let value = termCurvatures[j] * (rScores[Int(term.plus)] - minus)
                rDScores[Int(term.plus)] += value
                if term.minus >= 0 { rDScores[Int(term.minus)] -= value }
            }
        }
    }

    /// Calls `body` for each softmax term j with the term, its shares σ (as `evaluateSoftmax` kept
    /// them in `termSlopes`), its positive row p, the negatives' rows and Σ σ_k r_k over its rows
    /// (the positive's, then each negative's): what both directional passes start from.
    @inline(__always)
    func forEachSoftmaxTerm(
        _ softmax: SoftmaxNegatives<Scalar>, termSlopes: UnsafePointer<Scalar>, along r: UnsafePointer<Scalar>,
        _ body: (Int, LossTerm<Scalar>, UnsafePointer<Scalar>, Int, UnsafeBufferPointer<Int32>, Scalar) -> Void
    ) {
        let stride = 1 + softmax.rows.count
        softmax.rows.withUnsafeBufferPointer { negatives in
            for (j, term) in terms.enumerated() {
                let shares = termSlopes + j * stride, p = Int(term.plus)
                var mean = shares[0] * r[p]
                for (k, n) in negatives.enumerated() { mean += shares[1 + k] * r[Int(n)] }
                body(j, term, shares, p, negatives, mean)
            }
        }
    }

    /// v · ∇L_g for every group g (unweighted by γ_g), given the scores' directional
    /// derivatives rScores along v.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func groupDirectionalDerivatives(
        rScores: UnsafePointer<Scalar>, termSlopes: UnsafePointer<Scalar>,
        into groups: UnsafeMutablePointer<Scalar>
    ) {
        for g in 0..<groupCount { groups[g] = 0 }
        if let softmax {
            // c (σ · Rs − Rs_p) / T per term.
            let inverse = softmax.inverseTemperature
            forEachSoftmaxTerm(softmax, termSlopes: termSlopes, along: rScores) { _, term, _, p, _, mean in
                groups[Int(term.group)] += term.coefficient * (mean - rScores[p]) * inverse
            }
            return
        }
        terms.withUnsafeBufferPointer { terms in
            for (j, term) in terms.enumerated() {
                let minus = term.minus >= 0 ? rScores[Int(term.minus)] : 0
                groups[Int(term.group)] += termSlopes[j] * (rScores[Int(term.plus)] - minus)
            }
        }
    }
}
