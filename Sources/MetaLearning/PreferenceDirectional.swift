// The R-operator of PreferenceModel (Pearlmutter 1994): forward-mode derivatives R{·} = d/dε at
// θ + ε·v of every value of the gradient pass, for a direction v over the adapted part (the
// item embeddings do not move, so R{X} = 0). R{∇L} is the exact Hessian-vector product.

extension PreferenceModel {
    /// Per-group v · ∇L_g into `groupDerivatives`; when `hvp` is non-nil, also ∇_θ(v · ∇_adapted L).
    @specialized(where Scalar == Float)
    @specialized(where Scalar == Double)
    func directionalPass(
        _ trace: PreferenceTrace<Scalar>, direction: [Scalar], hvp: inout [Scalar]?, groupDerivatives: inout [Scalar]
    ) {
        precondition(direction.count == adaptedCount, "the direction covers the adapted part")
        let shape = layout, batch = trace.batch, n = batch.rowCount, activation = config.activation
        let o = trace.offsets, r = DirectionalOffsets(shape, rows: n)
        // The item rows' length, not their count: with no embedding (width 0) there are no rows.
        let rowsLength = trace.theta.count - adaptedCount
        let last = shape.hidden.count - 1, lastWidth = shape.hidden[last]
        var scratch: [Scalar] = uninitialized(r.total)  // each region written before it is read
        if groupDerivatives.count != batch.groupCount { groupDerivatives = zeros(batch.groupCount) }
        trace.theta.withUnsafeBufferPointer { theta in
        trace.arena.withUnsafeBufferPointer { arena in
        direction.withUnsafeBufferPointer { direction in
        scratch.withUnsafeMutableBufferPointer { scratch in
            let adapted = UnsafeMutablePointer(mutating: theta.baseAddress! + rowsLength)
            let a = UnsafeMutablePointer(mutating: arena.baseAddress!), s = scratch.baseAddress!
            let v = UnsafeMutablePointer(mutating: direction.baseAddress!)
            let x = MatrixView(a + o.x, rows: n, columns: shape.rowInput)

            // R-forward.
            for l in shape.hidden.indices {
                let width = shape.hidden[l], rz = s + r.rz[l]
                let w = adapted + shape.weights[l], rw = v + shape.weights[l]
                if l == 0 {
                    let rc = s + r.rRowConstant, userRows = shape.rowInput * width
                    vectorTimesMatrix(1, adapted, rw + userRows, rows: shape.user, columns: width, 0, rc)
                    vectorTimesMatrix(1, v, w + userRows, rows: shape.user, columns: width, 1, rc)
                    axpy(1, v + shape.biases[0], rc, count: width)
                    multiply(x, by: MatrixView(rw, rows: shape.rowInput, columns: width),
                             into: MatrixView(rz, rows: n, columns: width))
                    addRowToEachRow(rc, rz, rows: n, columns: width)
                } else {
                    let inputs = shape.hidden[l - 1]
                    let rzView = MatrixView(rz, rows: n, columns: width)
                    multiply(MatrixView(s + r.rh[l - 1], rows: n, columns: inputs),
                             by: MatrixView(w, rows: inputs, columns: width), into: rzView)
                    multiply(MatrixView(a + o.h[l - 1], rows: n, columns: inputs),
                             by: MatrixView(rw, rows: inputs, columns: width), into: rzView, beta: 1)
                    addRowToEachRow(v + shape.biases[l], rz, rows: n, columns: width)
                }
                activation.multiplyBySlope(rz, z: a + o.z[l], h: a + o.h[l], into: s + r.rh[l], count: n * width)
            }
            let rScores = s + r.rScores
            matrixTimesVector(1, s + r.rh[last], rows: n, columns: lastWidth, adapted + shape.outputWeights, 0, rScores)
            matrixTimesVector(1, a + o.h[last], rows: n, columns: lastWidth, v + shape.outputWeights, 1, rScores)
            for row in 0..<n { rScores[row] += v[shape.outputBias] }
            addPairTerm(batch.pairFeatures, rows: n, weights: v + shape.pairWeights, into: rScores)
            // R{F·p + f₀} = F·R{p}: the rows do not move along v.
            addFactorTerm(batch.rowItems, rows: theta.baseAddress!, userFactor: v + shape.userFactor, into: rScores,
                          withBias: false)
            groupDerivatives.withUnsafeMutableBufferPointer { groups in
                batch.groupDirectionalDerivatives(rScores: rScores, termSlopes: a + o.termSlopes, into: groups.baseAddress!)
            }
            guard hvp != nil else { return }

            // R-backward.
            var out = hvp!
            hvp = nil  // hand the storage over without a copy
            let fresh = out.count != trace.theta.count
            if fresh { out = zeros(trace.theta.count) }
            out.withUnsafeMutableBufferPointer { out in
                let hRows = out.baseAddress!, h = hRows + rowsLength
                if !fresh { hRows.update(repeating: 0, count: out.count) }
                let dScores = a + o.dScores, rdScores = s + r.rdScores
                batch.curvatureProduct(rScores: rScores, termSlopes: a + o.termSlopes, termCurvatures: a + o.termCurvatures, into: rdScores)
                vectorTimesMatrix(1, dScores, s + r.rh[last], rows: n, columns: lastWidth, 0, h + shape.outputWeights)
                vectorTimesMatrix(1, rdScores, a + o.h[last], rows: n, columns: lastWidth, 1, h + shape.outputWeights)
                for row in 0..<n { h[shape.outputBias] += rdScores[row] }
                addPairGradient(batch.pairFeatures, rows: n, slopes: rdScores, into: h + shape.pairWeights)
                // R{∂L/∂p} = Σ R{slope}·f; R{∂L/∂f_r} = R{slope_r}·p + slope_r·R{p}; R{∂L/∂f₀_r} = R{slope_r}.
                addFactorGradient(batch.rowItems, rows: theta.baseAddress!, slopes: rdScores, userFactor: adapted + shape.userFactor,
                                  scope: .all, into: h + shape.userFactor, rowGradient: hRows)
                addFactorRowGradient(batch.rowItems, slopes: dScores, userFactor: v + shape.userFactor, into: hRows)
                let rdhLast = s + r.rdh[last]
                rdhLast.update(repeating: 0, count: n * lastWidth)
                addOuterProduct(1, rdScores, adapted + shape.outputWeights, into: rdhLast, rows: n, columns: lastWidth)
                addOuterProduct(1, dScores, v + shape.outputWeights, into: rdhLast, rows: n, columns: lastWidth)
                for l in stride(from: last, through: 0, by: -1) {
                    let width = shape.hidden[l], d = a + o.d[l], rd = s + r.rd[l]
                    activation.slopeDirectionalDerivative(
                        rUpstream: s + r.rdh[l], upstream: a + o.dh[l], rZ: s + r.rz[l],
                        z: a + o.z[l], h: a + o.h[l], into: rd, count: n * width)
                    addColumnSums(rd, rows: n, columns: width, into: h + shape.biases[l])
                    let w = adapted + shape.weights[l], rw = v + shape.weights[l]
                    let dView = MatrixView(d, rows: n, columns: width), rdView = MatrixView(rd, rows: n, columns: width)
                    if l > 0 {
                        let inputs = shape.hidden[l - 1]
                        let hw = MatrixView(h + shape.weights[l], rows: inputs, columns: width)
                        multiply(MatrixView(s + r.rh[l - 1], rows: n, columns: inputs), by: dView, into: hw, transposing: .first)
                        multiply(MatrixView(a + o.h[l - 1], rows: n, columns: inputs), by: rdView,
                                 into: hw, beta: 1, transposing: .first)
                        let rdh = MatrixView(s + r.rdh[l - 1], rows: n, columns: inputs)
                        multiply(rdView, by: MatrixView(w, rows: inputs, columns: width), into: rdh, transposing: .second)
                        multiply(dView, by: MatrixView(rw, rows: inputs, columns: width), into: rdh, beta: 1, transposing: .second)
                    } else {
                        let userRows = shape.rowInput * width
                        let gBias = a + o.firstBiasGradient, hBias = h + shape.biases[0]
                        multiply(x, by: rdView,
                                 into: MatrixView(h + shape.weights[0], rows: shape.rowInput, columns: width), transposing: .first)
                        addOuterProduct(1, v, gBias, into: h + shape.weights[0] + userRows, rows: shape.user, columns: width)
                        addOuterProduct(1, adapted, hBias, into: h + shape.weights[0] + userRows,
                                        rows: shape.user, columns: width)
                        matrixTimesVector(1, rw + userRows, rows: shape.user, columns: width, gBias, 0, h)
                        matrixTimesVector(1, w + userRows, rows: shape.user, columns: width, hBias, 1, h)
                        let rdx = MatrixView(s + r.rdx, rows: n, columns: shape.embedding)
                        multiply(rdView, by: MatrixView(w, rows: shape.embedding, columns: width), into: rdx, transposing: .second)
                        multiply(dView, by: MatrixView(rw, rows: shape.embedding, columns: width), 
                                 into: rdx, beta: 1, transposing: .second)
                        batch.rowItems.withUnsafeBufferPointer { items in
                            guard let items = items.baseAddress else { return }
                            scatterAddRows(items, count: n, width: shape.embedding, alpha: 1, from: rdx.base,
                                           sourceStride: shape.embedding, to: hRows, destinationStride: shape.rowWidth)
                        }
                    }
                }
            }
            hvp = out
        }
        }
        }
        }
    }
}
