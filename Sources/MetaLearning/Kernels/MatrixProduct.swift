// Matrix products for the shapes of meta-training: a batch of n = 10…1000 examples times a
// layer of width 16…256.
//
// Measured with `swift run -c release mlbench kernels` (GFLOP/s, Float, one thread, process CPU
// time, best of 3 on a shared 2-core Xeon VM; ranges over three runs):
//   product                OpenBLAS 0.3.21   SIMD loops below   OpenBLAS, SkylakeX kernels
//                          as loaded here    (baseline x86-64)  (OPENBLAS_CORETYPE=SkylakeX)
//   20×32 · 32×64               9–24             20–30               157
//   20×64 · 64×64              25–27             29–31               165
//   200×64 · 64×64             21–29             31                  168
//   20×64 · (64×64)ᵀ              24             26–29                53
//   (64×20)ᵀ · 20×64              25             31                  154
//   (64×200)ᵀ · 200×64         25–29             21–29               136
//   1×64 · 64×64                  13             19                   85
// OpenBLAS 0.3.21 does not know this CPU (family 6, model 207) and runs its generic SSE3
// ("Prescott") kernels; then the SIMD loops win every product below 2²⁰ multiply-adds and tie
// above. Where OpenBLAS found AVX or wider kernels, it wins everything and takes every product.
// The choice is fixed per machine (see `MatrixProducts.backend`).

/// A row-major matrix in caller-owned storage.
@usableFromInline
struct MatrixView<S: MLScalar> {
    @usableFromInline let base: UnsafeMutablePointer<S>
    @usableFromInline let rows: Int
    @usableFromInline let columns: Int

    @inlinable init(_ base: UnsafeMutablePointer<S>, rows: Int, columns: Int) {
        self.base = base
        self.rows = rows
        self.columns = columns
    }
}

/// Which factor of a product enters transposed.
@usableFromInline
enum Transposing { case none, first, second }

/// c ← alpha·op(a)·op(b) + beta·c, where op transposes the factor named by `transposing`.
@specialized(where S == Float)
@specialized(where S == Double)
func multiply<S: MLScalar>(
    _ a: MatrixView<S>, by b: MatrixView<S>, into c: MatrixView<S>,
    alpha: S = 1, beta: S = 0, transposing: Transposing = .none
) {
    let transposeA = transposing == .first, transposeB = transposing == .second
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    precondition(k == (transposeB ? b.columns : b.rows) && c.rows == m && c.columns == n)
    if m == 0 || n == 0 { return }
    if k == 0 {
        for i in 0..<(m * n) { c.base[i] = beta == 0 ? 0 : beta * c.base[i] }
        return
    }
    if alpha == 1 && MatrixProducts.backend == .simd && m * n * k < 1 << 20 {
        if transposeB {
            simdProductTransposedB(m: m, n: n, k: k, a: a.base, lda: a.columns, b: b.base, ldb: b.columns,
                                   beta: beta, c: c.base, ldc: c.columns)
        } else {
            simdProduct(m: m, n: n, k: k, a: a.base, aRowStride: transposeA ? 1 : a.columns,
                        aColumnStride: transposeA ? a.columns : 1, b: b.base, ldb: b.columns,
                        beta: beta, c: c.base, ldc: c.columns)
        }
        return
    }
    S.blasGemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
        alpha: alpha, a: a.base, lda: a.columns, b: b.base, ldb: b.columns,
        beta: beta, c: c.base, ldc: c.columns)
}

/// Which code runs the products of two or more rows.
@_spi(Benchmarks)
public enum MatrixProducts {
    /// The code that runs products: OpenBLAS's gemm (`openBLAS`) or the SIMD loops here (`simd`).
    public enum Backend: Sendable { case openBLAS, simd }

    /// OpenBLAS when it runs AVX or wider kernels on this CPU; otherwise the SIMD loops, for
    /// products below 2²⁰ multiply-adds. Fixed per machine, so results do not vary between runs.
    nonisolated(unsafe) public static var backend: Backend = OpenBLAS.hasWideKernels ? .openBLAS : .simd
}

extension OpenBLAS {
    /// Whether OpenBLAS picked AVX (or wider) kernels for this CPU at load time.
    static var hasWideKernels: Bool {
        let wide: Set<String> = [
            "sandybridge", "haswell", "skylakex", "cooperlake", "sapphirerapids", "zen",
            "bulldozer", "piledriver", "steamroller", "excavator",
        ]
        return wide.contains(coreName.lowercased())
    }
}

/// c ← op(a)·b + beta·c with explicit SIMD: four rows × eight columns of c in registers.
/// op(a)[i, p] = a[i·aRowStride + p·aColumnStride], so a transposed `a` costs nothing. Each
/// panel of four rows of op(a) is first copied out with every value repeated across a vector:
/// baseline x86-64 has no broadcast load, and a shuffle per multiply-add would otherwise share
/// the floating-point ports with the arithmetic (measured: 22 → 28 GFLOP/s at 24×64·64×64).
@_spi(Benchmarks)
@specialized(where S == Float)
@specialized(where S == Double)
public func simdProduct<S: MLScalar>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<S>, aRowStride ars: Int, aColumnStride acs: Int,
    b: UnsafePointer<S>, ldb: Int, beta: S, c: UnsafeMutablePointer<S>, ldc: Int
) {
    @inline(__always) func load8(_ p: UnsafePointer<S>) -> SIMD8<S> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
    }
    @inline(__always) func store8(_ v: SIMD8<S>, _ p: UnsafeMutablePointer<S>) {
        let total = beta == 0 ? v : v + SIMD8<S>(repeating: beta) * load8(p)
        UnsafeMutableRawPointer(p).storeBytes(of: total, as: SIMD8<S>.self)
    }
    @inline(__always) func twice(_ v: SIMD4<S>) -> SIMD8<S> { SIMD8(lowHalf: v, highHalf: v) }
    let fullColumns = n - n % 8
    var i = 0
    withUnsafeTemporaryAllocation(of: SIMD4<S>.self, capacity: max(4 * k, 1)) { panel in
        let packed = panel.baseAddress!
        while i + 4 <= m {
            var source = a + i * ars
            for p in 0..<k {
                packed[4 * p] = SIMD4(repeating: source[0])
                packed[4 * p + 1] = SIMD4(repeating: source[ars])
                packed[4 * p + 2] = SIMD4(repeating: source[2 * ars])
                packed[4 * p + 3] = SIMD4(repeating: source[3 * ars])
                source += acs
            }
            var j = 0
            while j < fullColumns {
                var c0 = SIMD8<S>(), c1 = SIMD8<S>(), c2 = SIMD8<S>(), c3 = SIMD8<S>()
                var pa = UnsafePointer(packed), pb = b + j
                for _ in 0..<k {
                    let bv = load8(pb)
                    c0 += twice(pa[0]) * bv
                    c1 += twice(pa[1]) * bv
                    c2 += twice(pa[2]) * bv
                    c3 += twice(pa[3]) * bv
                    pa += 4
                    pb += ldb
                }
                let pc = c + i * ldc + j
                store8(c0, pc)
                store8(c1, pc + ldc)
                store8(c2, pc + 2 * ldc)
                store8(c3, pc + 3 * ldc)
                j += 8
            }
            i += 4
        }
    }
    while i < m {  // rows left over by the panels of four
        var j = 0
        while j < fullColumns {
            var c0 = SIMD8<S>()
            var pa = a + i * ars, pb = b + j
            for _ in 0..<k {
                c0 += SIMD8(repeating: pa[0]) * load8(pb)
                pa += acs
                pb += ldb
            }
            store8(c0, c + i * ldc + j)
            j += 8
        }
        i += 1
    }
    for row in 0..<m {  // columns left over by the blocks of eight
        for column in fullColumns..<n {
            var total: S = 0
            for p in 0..<k { total += a[row * ars + p * acs] * b[p * ldb + column] }
            c[row * ldc + column] = total + (beta == 0 ? 0 : beta * c[row * ldc + column])
        }
    }
}

/// c ← a·bᵀ + beta·c with explicit SIMD, for a (m×k) and b (n×k) row-major: dot products of
/// two rows of a with four rows of b at a time, four lanes of k per step.
@_spi(Benchmarks)
@specialized(where S == Float)
@specialized(where S == Double)
public func simdProductTransposedB<S: MLScalar>(
    m: Int, n: Int, k: Int, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
    beta: S, c: UnsafeMutablePointer<S>, ldc: Int
) {
    @inline(__always) func load4(_ p: UnsafePointer<S>) -> SIMD4<S> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<S>.self)
    }
    @inline(__always) func put(_ value: S, _ row: Int, _ column: Int) {
        let pc = c + row * ldc + column
        pc.pointee = beta == 0 ? value : value + beta * pc.pointee
    }
    let fullK = k - k % 4
    var i = 0
    while i + 2 <= m {
        var j = 0
        while j + 4 <= n {
            var s00 = SIMD4<S>(), s01 = SIMD4<S>(), s02 = SIMD4<S>(), s03 = SIMD4<S>()
            var s10 = SIMD4<S>(), s11 = SIMD4<S>(), s12 = SIMD4<S>(), s13 = SIMD4<S>()
            let a0 = a + i * lda, a1 = a0 + lda
            let b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb
            var p = 0
            while p < fullK {
                let x0 = load4(a0 + p), x1 = load4(a1 + p)
                let y0 = load4(b0 + p), y1 = load4(b1 + p), y2 = load4(b2 + p), y3 = load4(b3 + p)
                s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3
                s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3
                p += 4
            }
            var t00 = s00.sum(), t01 = s01.sum(), t02 = s02.sum(), t03 = s03.sum()
            var t10 = s10.sum(), t11 = s11.sum(), t12 = s12.sum(), t13 = s13.sum()
            while p < k {
                t00 += a0[p] * b0[p]; t01 += a0[p] * b1[p]; t02 += a0[p] * b2[p]; t03 += a0[p] * b3[p]
                t10 += a1[p] * b0[p]; t11 += a1[p] * b1[p]; t12 += a1[p] * b2[p]; t13 += a1[p] * b3[p]
                p += 1
            }
            put(t00, i, j); put(t01, i, j + 1); put(t02, i, j + 2); put(t03, i, j + 3)
            put(t10, i + 1, j); put(t11, i + 1, j + 1); put(t12, i + 1, j + 2); put(t13, i + 1, j + 3)
            j += 4
        }
        i += 2
    }
    for row in 0..<m {
        for column in (row < i ? n - n % 4 : 0)..<n {
            put(dot(a + row * lda, b + column * ldb, count: k), row, column)
        }
    }
}

/// OpenBLAS through the same entry as the model uses, for the measurement above.
@_spi(Benchmarks)
public func blasMatrixProduct<S: MLScalar>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int, beta: S,
    c: UnsafeMutablePointer<S>, ldc: Int
) {
    S.blasGemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
        a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
}
