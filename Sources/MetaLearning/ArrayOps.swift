// Array-level vector operations for the algorithms, which are generic over their model and so
// would otherwise run unspecialised, element by element, through protocol witnesses.

/// y[yStart + i] −= rate[i] · x[xStart + i], for i in 0..<rate.count
@specialized(where S == Float)
@specialized(where S == Double)
func subtractProduct<S: MLScalar>(_ y: inout [S], at yStart: Int, rates: [S], _ x: [S], at xStart: Int) {
    precondition(yStart + rates.count <= y.count && xStart + rates.count <= x.count)
    y.withUnsafeMutableBufferPointer { y in
        rates.withUnsafeBufferPointer { rates in
            x.withUnsafeBufferPointer { x in
                guard rates.count > 0 else { return }
                subtractProduct(rates.baseAddress!, x.baseAddress! + xStart, y.baseAddress! + yStart, count: rates.count)
            }
        }
    }
}

/// y[i] += alpha · x[i] over the first `count` values (all of x when nil)
@specialized(where S == Float)
@specialized(where S == Double)
func addScaled<S: MLScalar>(_ y: inout [S], _ alpha: S, _ x: [S], count: Int? = nil) {
    let n = count ?? x.count
    precondition(n <= y.count && n <= x.count)
    guard n > 0 else { return }
    y.withUnsafeMutableBufferPointer { y in
        x.withUnsafeBufferPointer { x in axpy(alpha, x.baseAddress!, y.baseAddress!, count: n) }
    }
}

/// y[i] += alpha · a[i] · x[xStart + i], for i in 0..<a.count
@specialized(where S == Float)
@specialized(where S == Double)
func addProduct<S: MLScalar>(_ y: inout [S], _ alpha: S, _ a: [S], _ x: [S], at xStart: Int) {
    precondition(a.count <= y.count && xStart + a.count <= x.count)
    guard !a.isEmpty else { return }
    y.withUnsafeMutableBufferPointer { y in
        a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                addProduct(alpha, a.baseAddress!, x.baseAddress! + xStart, y.baseAddress!, count: a.count)
            }
        }
    }
}

/// a[i] · x[xStart + i], for i in 0..<a.count
@specialized(where S == Float)
@specialized(where S == Double)
func product<S: MLScalar>(_ a: [S], _ x: [S], at xStart: Int) -> [S] {
    precondition(xStart + a.count <= x.count)
    var out: [S] = zeros(a.count)
    guard !a.isEmpty else { return out }
    out.withUnsafeMutableBufferPointer { out in
        a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                multiplyElementwise(a.baseAddress!, x.baseAddress! + xStart, into: out.baseAddress!, count: a.count)
            }
        }
    }
    return out
}

/// x[start..<start+count] as a new array
@specialized(where S == Float)
@specialized(where S == Double)
func slice<S: MLScalar>(_ x: [S], from start: Int, count: Int) -> [S] {
    var out: [S] = zeros(count)
    guard count > 0 else { return out }
    out.withUnsafeMutableBufferPointer { out in
        x.withUnsafeBufferPointer { x in copy(x.baseAddress! + start, to: out.baseAddress!, count: count) }
    }
    return out
}

/// Σ xᵢ²
@specialized(where S == Float)
@specialized(where S == Double)
func squaredNorm<S: MLScalar>(_ x: [S]) -> S {
    x.withUnsafeBufferPointer { x in x.isEmpty ? 0 : sumOfSquares(x.baseAddress!, count: x.count) }
}

/// dense[items[r]·width + j] += alpha · local[r·width + j]; dense[denseStart + j] += alpha · local[localStart + j]
/// for the adapted tail: a task's local vector added into a full one.
@specialized(where S == Float)
@specialized(where S == Double)
func addLocal<S: MLScalar>(
    _ dense: inout [S], _ alpha: S, local: [S], items: [Int32], rowWidth: Int, adaptedCount: Int
) {
    let localAdapted = items.count * rowWidth, denseAdapted = dense.count - adaptedCount
    precondition(local.count == localAdapted + adaptedCount)
    dense.withUnsafeMutableBufferPointer { dense in
        local.withUnsafeBufferPointer { local in
            items.withUnsafeBufferPointer { items in
                if let rows = items.baseAddress {
                    scatterAddRows(rows, count: items.count, width: rowWidth, alpha: alpha, from: local.baseAddress!,
                                   sourceStride: rowWidth, to: dense.baseAddress!, destinationStride: rowWidth)
                }
            }
            axpy(alpha, local.baseAddress! + localAdapted, dense.baseAddress! + denseAdapted, count: adaptedCount)
        }
    }
}
