// Element-wise loops and reductions over raw storage.
//
// Element-wise loops are plain loops: LLVM vectorises them for baseline x86-64 (SSE2).
// Reductions are written with explicit SIMD accumulators because LLVM will not reorder a
// floating-point sum by itself; for the vector lengths here (10²–10⁴) they beat a BLAS call,
// whose fixed cost (~0.1 µs) exceeds the whole loop at these sizes.

@inlinable @inline(__always)
func loadLane8<S: MLScalar>(_ p: UnsafePointer<S>) -> SIMD8<S> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
}

/// x · y
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func dot<S: MLScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, count: Int) -> S {
    var acc0 = SIMD8<S>(), acc1 = SIMD8<S>()
    var i = 0
    while i + 16 <= count {
        acc0 += loadLane8(x + i) * loadLane8(y + i)
        acc1 += loadLane8(x + i + 8) * loadLane8(y + i + 8)
        i += 16
    }
    var total = (acc0 + acc1).sum()
    while i < count { total += x[i] * y[i]; i += 1 }
    return total
}

/// Σ xᵢ²
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func sumOfSquares<S: MLScalar>(_ x: UnsafePointer<S>, count: Int) -> S {
    dot(x, x, count: count)
}

/// y ← y + alpha·x
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func axpy<S: MLScalar>(_ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int) {
    for i in 0..<count { y[i] += alpha * x[i] }
}

/// y ← y − rate ⊙ x (a gradient step with one rate per parameter)
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func subtractProduct<S: MLScalar>(
    _ rate: UnsafePointer<S>, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
) {
    for i in 0..<count { y[i] -= rate[i] * x[i] }
}

/// y ← a ⊙ x
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func multiplyElementwise<S: MLScalar>(
    _ a: UnsafePointer<S>, _ x: UnsafePointer<S>, into y: UnsafeMutablePointer<S>, count: Int
) {
    for i in 0..<count { y[i] = a[i] * x[i] }
}

/// y ← y + alpha·(a ⊙ x)
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func addProduct<S: MLScalar>(
    _ alpha: S, _ a: UnsafePointer<S>, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
) {
    for i in 0..<count { y[i] += alpha * (a[i] * x[i]) }
}

/// Adds `row` to every row of an n×m matrix (bias broadcast).
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func addRowToEachRow<S: MLScalar>(
    _ row: UnsafePointer<S>, _ matrix: UnsafeMutablePointer<S>, rows: Int, columns: Int
) {
    for r in 0..<rows {
        let line = matrix + r * columns
        for j in 0..<columns { line[j] += row[j] }
    }
}

/// sums[j] ← sums[j] + Σ_r matrix[r, j]
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func addColumnSums<S: MLScalar>(
    _ matrix: UnsafePointer<S>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<S>
) {
    for r in 0..<rows {
        let line = matrix + r * columns
        for j in 0..<columns { sums[j] += line[j] }
    }
}

/// A ← A + alpha·x yᵀ for an n×m matrix A (rank-one update).
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func addOuterProduct<S: MLScalar>(
    _ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafePointer<S>,
    into a: UnsafeMutablePointer<S>, rows: Int, columns: Int
) {
    for r in 0..<rows {
        let scale = alpha * x[r]
        let line = a + r * columns
        for j in 0..<columns { line[j] += scale * y[j] }
    }
}

/// y ← alpha·Aᵀx + beta·y for an n×m matrix A (the user state's row constant and its
/// derivatives: one row, where a BLAS call's fixed cost exceeds the loop).
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func vectorTimesMatrix<S: MLScalar>(
    _ alpha: S, _ x: UnsafePointer<S>, _ a: UnsafePointer<S>, rows: Int, columns: Int,
    _ beta: S, _ y: UnsafeMutablePointer<S>
) {
    if beta == 0 {
        for j in 0..<columns { y[j] = 0 }
    } else if beta != 1 {
        for j in 0..<columns { y[j] *= beta }
    }
    for r in 0..<rows {
        let scale = alpha * x[r]
        let line = a + r * columns
        for j in 0..<columns { y[j] += scale * line[j] }
    }
}

/// y[r] ← alpha·(A[r,:] · x) + beta·y[r] for an n×m matrix A.
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func matrixTimesVector<S: MLScalar>(
    _ alpha: S, _ a: UnsafePointer<S>, rows: Int, columns: Int, _ x: UnsafePointer<S>,
    _ beta: S, _ y: UnsafeMutablePointer<S>
) {
    for r in 0..<rows {
        let value = alpha * dot(a + r * columns, x, count: columns)
        y[r] = beta == 0 ? value : value + beta * y[r]
    }
}
