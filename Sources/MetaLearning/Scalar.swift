import COpenBLAS
import Foundation

/// The floating-point types the library computes in: `Float` for training and serving,
/// `Double` for derivative checks against finite differences.
///
/// Hot loops are written once, generically, and marked `@specialized` for both types, so a
/// generic caller (an algorithm generic over its model) still runs fully specialised code.
public protocol MLScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    static func exp(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    /// C ← alpha·op(A)·op(B) + beta·C on row-major storage, through OpenBLAS.
    static func blasGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: MLScalar {
    @inlinable public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }

    public static func blasGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = OpenBLAS.singleThreaded
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension Double: MLScalar {
    @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

    public static func blasGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        _ = OpenBLAS.singleThreaded
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension OpenBLAS {
    /// y ← A·x for a row-major rows × columns A: one pass over A, no packing (a product with one
    /// column through gemm copies the whole of A first).
    public static func multiply(
        _ a: UnsafePointer<Float>, rows: Int, columns: Int, by x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>
    ) {
        _ = singleThreaded
        cblas_sgemv(CblasRowMajor, CblasNoTrans, blasint(rows), blasint(columns), 1, a, blasint(columns), x, 1, 0, y, 1)
    }
}

/// OpenBLAS runs on the calling thread: meta-batches parallelise over tasks, and a second BLAS
/// thread gains nothing on products this small (see notes/swift-on-this-machine.md).
public enum OpenBLAS {
    /// Evaluated once, before the first product; thread-safe as a global initialiser.
    static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// The kernel family OpenBLAS picked for this CPU at run time (e.g. "SkylakeX").
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
