// Forward and backward passes of PreferenceModel.
//
// Notation: X the rows' input [embedding, pair features P]; for hidden layer l, Z_l = H_{l−1}·W_l + b_l
// (Z_0 = X·W_0x + c with the row constant c = b_0 + uᵀ·W_0u), H_l = φ(Z_l);
// scores s = H_last·w + b + P·q + F·p + f₀ (q the pair features' direct weights, P's linear-only columns not in X;
// F and f₀ the rows' item factors and biases, p the user factor).

extension PreferenceModel {
    /// Runs the forward pass into `trace`'s arena and returns the loss; with `slopes`, also the
    /// loss's derivatives with respect to the scores.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func forward(
        rows: UnsafePointer<Scalar>, adapted: UnsafePointer<Scalar>, batch: LossBatch<Scalar>,
        trace: inout PreferenceTrace<Scalar>, slopes: Bool, itemFactors: Bool = true
    ) -> Scalar {
        let shape = layout, n = batch.rowCount, activation = config.activation
        trace.prepare(shape, rows: n, terms: batch.slopeCount)
        trace.batch = batch
        let o = trace.offsets
        let weights = UnsafeMutablePointer(mutating: adapted)
        return trace.arena.withUnsafeMutableBufferPointer { arena in
            let a = arena.baseAddress!
            let x = a + o.x
            batch.rowItems.withUnsafeBufferPointer { items in
                guard let items = items.baseAddress else { return }
                gatherRows(items, count: n, width: shape.embedding, from: rows, sourceStride: shape.rowWidth,
                           to: x, destinationStride: shape.rowInput)
            }
            if shape.mlpPair > 0 {
                batch.pairFeatures.withUnsafeBufferPointer { features in
                    for r in 0..<n {
                        copy(features.baseAddress! + r * shape.pair, to: x + r * shape.rowInput + shape.embedding,
                             count: shape.mlpPair)
                    }
                }
            }
            for l in shape.hidden.indices {
                let width = shape.hidden[l], z = a + o.z[l]
                let w = weights + shape.weights[l]
                if l == 0 {
                    let c = a + o.rowConstant
                    vectorTimesMatrix(1, adapted, w + shape.rowInput * width, rows: shape.user, columns: width, 0, c)
                    axpy(1, adapted + shape.biases[0], c, count: width)
                    multiply(MatrixView(x, rows: n, columns: shape.rowInput),
                             by: MatrixView(w, rows: shape.rowInput, columns: width),
                             into: MatrixView(z, rows: n, columns: width))
                    addRowToEachRow(c, z, rows: n, columns: width)
                } else {
                    let inputs = shape.hidden[l - 1]
                    multiply(MatrixView(a + o.h[l - 1], rows: n, columns: inputs),
                             by: MatrixView(w, rows: inputs, columns: width),
                             into: MatrixView(z, rows: n, columns: width))
                    addRowToEachRow(adapted + shape.biases[l], z, rows: n, columns: width)
                }
                activation.apply(z, into: a + o.h[l], count: n * width)
            }
            let last = shape.hidden.count - 1, scores = a + o.scores
            matrixTimesVector(1, a + o.h[last], rows: n, columns: shape.hidden[last],
                              adapted + shape.outputWeights, 0, scores)
            let outputBias = adapted[shape.outputBias]
            for r in 0..<n { scores[r] += outputBias }
            addPairTerm(batch.pairFeatures, rows: n, weights: adapted + shape.pairWeights, into: scores)
            if itemFactors { addFactorTerm(batch.rowItems, rows: rows, userFactor: adapted + shape.userFactor, into: scores) }
            return batch.evaluate(
                scores: scores,
                slopes: slopes ? (a + o.dScores, a + o.termSlopes, a + o.termCurvatures) : nil)
        }
    }

    /// Loss and gradient at `trace.theta` (local coordinates), by backpropagation.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func gradientPass(
        batch: LossBatch<Scalar>, scope: GradientScope, into gradient: inout [Scalar], trace: inout PreferenceTrace<Scalar>
    ) -> Scalar {
        let shape = layout, n = batch.rowCount, activation = config.activation
        let theta = trace.theta
        // The item rows' length, not their count: with no embedding (width 0) there are no rows.
        let rowsLength = theta.count - adaptedCount
        let fresh = gradient.count != theta.count
        if fresh { gradient = zeros(theta.count) }
        return theta.withUnsafeBufferPointer { theta in
            let rows = theta.baseAddress!, adapted = rows + rowsLength
            let weights = UnsafeMutablePointer(mutating: adapted)
            let loss = forward(rows: rows, adapted: adapted, batch: batch, trace: &trace, slopes: true)
            let o = trace.offsets
            gradient.withUnsafeMutableBufferPointer { gradient in
                let gRows = gradient.baseAddress!, g = gRows + rowsLength
                if !fresh { gRows.update(repeating: 0, count: gradient.count) }
                trace.arena.withUnsafeMutableBufferPointer { arena in
                    let a = arena.baseAddress!
                    let last = shape.hidden.count - 1, lastWidth = shape.hidden[last]
                    let dScores = a + o.dScores
                    vectorTimesMatrix(1, dScores, a + o.h[last], rows: n, columns: lastWidth, 0, g + shape.outputWeights)
                    for r in 0..<n { g[shape.outputBias] += dScores[r] }
                    addPairGradient(batch.pairFeatures, rows: n, slopes: dScores, into: g + shape.pairWeights)
                    addFactorGradient(batch.rowItems, rows: rows, slopes: dScores, userFactor: adapted + shape.userFactor,
                                      scope: scope, into: g + shape.userFactor, rowGradient: gRows)
                    (a + o.dh[last]).update(repeating: 0, count: n * lastWidth)
                    addOuterProduct(1, dScores, adapted + shape.outputWeights, into: a + o.dh[last], rows: n, columns: lastWidth)
                    for l in stride(from: last, through: 0, by: -1) {
                        let width = shape.hidden[l], d = a + o.d[l]
                        activation.multiplyBySlope(a + o.dh[l], z: a + o.z[l], h: a + o.h[l], into: d, count: n * width)
                        addColumnSums(d, rows: n, columns: width, into: g + shape.biases[l])
                        let dView = MatrixView(d, rows: n, columns: width)
                        let w = weights + shape.weights[l]
                        if l > 0 {
                            let inputs = shape.hidden[l - 1]
                            multiply(MatrixView(a + o.h[l - 1], rows: n, columns: inputs), by: dView,
                                     into: MatrixView(g + shape.weights[l], rows: inputs, columns: width), transposing: .first)
                            multiply(dView, by: MatrixView(w, rows: inputs, columns: width), 
                                     into: MatrixView(a + o.dh[l - 1], rows: n, columns: inputs), transposing: .second)
                        } else {
                            firstLayerGradient(
                                d: d, rows: n, x: a + o.x, adapted: adapted, rowItems: batch.rowItems, scope: scope,
                                dx: a + o.dx, firstBiasGradient: a + o.firstBiasGradient, gradientRows: gRows, gradient: g)
                        }
                    }
                }
            }
            return loss
        }
    }

    /// scores += P·q: the pair features' direct term, every column of P (rows of `pair` values).
    @inline(__always)
    func addPairTerm(_ p: [Scalar], rows n: Int, weights q: UnsafePointer<Scalar>, into scores: UnsafeMutablePointer<Scalar>) {
        let width = layout.pair
        guard width > 0 else { return }
        p.withUnsafeBufferPointer { p in
            for r in 0..<n {
                var sum: Scalar = 0
                for f in 0..<width { sum += p[r * width + f] * q[f] }
                scores[r] += sum
            }
        }
    }

    /// ∂/∂q += Pᵀ·slopes: the direct weights' gradient from the scores' (P is constant).
    @inline(__always)
    func addPairGradient(_ p: [Scalar], rows n: Int, slopes: UnsafePointer<Scalar>, into g: UnsafeMutablePointer<Scalar>) {
        let width = layout.pair
        guard width > 0 else { return }
        p.withUnsafeBufferPointer { p in
            for r in 0..<n {
                for f in 0..<width { g[f] += p[r * width + f] * slopes[r] }
            }
        }
    }

    /// scores += F·p + f₀: each row's item factors times the user factor, plus (`withBias`) the item's bias.
    @inline(__always)
    func addFactorTerm(
        _ rowItems: [Int32], rows: UnsafePointer<Scalar>, userFactor p: UnsafePointer<Scalar>,
        into scores: UnsafeMutablePointer<Scalar>, withBias: Bool = true
    ) {
        guard layout.factor > 0 else { return }
        for (r, item) in rowItems.enumerated() { scores[r] += factorProduct(item: Int(item), rows: rows, userFactor: p, withBias: withBias) }
    }

    /// f_i · p, plus (`withBias`) b_i: one item's dot-product term.
    @inline(__always)
    func factorProduct(item: Int, rows: UnsafePointer<Scalar>, userFactor p: UnsafePointer<Scalar>, withBias: Bool) -> Scalar {
        let d = layout.factor, row = rows + item * layout.rowWidth + layout.embedding
        var sum = withBias ? row[d] : 0
        for f in 0..<d { sum += row[f] * p[f] }
        return sum
    }

    /// ∂/∂f_r += slope_r·p for each row's item factors (not the bias).
    @inline(__always)
    func addFactorRowGradient(
        _ rowItems: [Int32], slopes: UnsafePointer<Scalar>, userFactor p: UnsafePointer<Scalar>, into rowGradient: UnsafeMutablePointer<Scalar>
    ) {
        let d = layout.factor, width = layout.rowWidth, start = layout.embedding
        guard d > 0 else { return }
        for (r, item) in rowItems.enumerated() {
            let gRow = rowGradient + Int(item) * width + start
            for f in 0..<d { gRow[f] += slopes[r] * p[f] }
        }
    }

    /// The dot product's gradients from the scores' slopes: ∂/∂p += Σ_r slope_r·f_r and, with the
    /// rows in scope, ∂/∂f_r += slope_r·p, ∂/∂f₀_r += slope_r.
    @inline(__always)
    func addFactorGradient(
        _ rowItems: [Int32], rows: UnsafePointer<Scalar>, slopes: UnsafePointer<Scalar>, userFactor p: UnsafePointer<Scalar>,
        scope: GradientScope, into gp: UnsafeMutablePointer<Scalar>, rowGradient: UnsafeMutablePointer<Scalar>
    ) {
        let d = layout.factor, width = layout.rowWidth, start = layout.embedding
        guard d > 0 else { return }
        for (r, item) in rowItems.enumerated() {
            let offset = Int(item) * width + start, row = rows + offset, slope = slopes[r]
            for f in 0..<d { gp[f] += slope * row[f] }
            guard scope == .all else { continue }
            rowGradient[offset + d] += slope
        }
        if scope == .all { addFactorRowGradient(rowItems, slopes: slopes, userFactor: p, into: rowGradient) }
    }

    /// The first layer's weight, user-state and embedding gradients from ∂L/∂Z_0 = d.
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func firstLayerGradient(
        d: UnsafeMutablePointer<Scalar>, rows n: Int, x: UnsafeMutablePointer<Scalar>, adapted: UnsafePointer<Scalar>,
        rowItems: [Int32], scope: GradientScope, dx: UnsafeMutablePointer<Scalar>, firstBiasGradient: UnsafeMutablePointer<Scalar>,
        gradientRows: UnsafeMutablePointer<Scalar>, gradient g: UnsafeMutablePointer<Scalar>
    ) {
        let shape = layout, width = shape.hidden[0]
        let w = UnsafeMutablePointer(mutating: adapted) + shape.weights[0]
        let gBias = g + shape.biases[0]
        copy(gBias, to: firstBiasGradient, count: width)
        multiply(MatrixView(x, rows: n, columns: shape.rowInput), by: MatrixView(d, rows: n, columns: width),
                 into: MatrixView(g + shape.weights[0], rows: shape.rowInput, columns: width), transposing: .first)
        // The user state u is added to every row: ∂L/∂W_0u = u ⊗ Σ_rows d, ∂L/∂u = W_0u · Σ_rows d.
        addOuterProduct(1, adapted, gBias, into: g + shape.weights[0] + shape.rowInput * width,
                        rows: shape.user, columns: width)
        matrixTimesVector(1, w + shape.rowInput * width, rows: shape.user, columns: width, gBias, 0, g)
        guard scope == .all else { return }
        multiply(MatrixView(d, rows: n, columns: width), by: MatrixView(w, rows: shape.embedding, columns: width),
                  into: MatrixView(dx, rows: n, columns: shape.embedding), transposing: .second)
        rowItems.withUnsafeBufferPointer { items in
            guard let items = items.baseAddress else { return }
            scatterAddRows(items, count: n, width: shape.embedding, alpha: 1, from: dx, sourceStride: shape.embedding,
                           to: gradientRows, destinationStride: shape.rowWidth)
        }
    }
}
