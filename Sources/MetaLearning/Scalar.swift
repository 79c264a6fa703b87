import COpenBLAS
import Foundation

/// The floating-point types the library computes in: `Float` for training and serving,
/// `Double` for derivative checks against finite differences.
///
/// Hot loops are written once, generically, and marked `@specialized` for both types, so a
/// generic caller (an algorithm generic over its model) still runs fully specialised code.
public protocol MLScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    /// eˣ in the scalar's own precision (the logistic and softmax losses use it).
    /// - Parameters:
    ///   - x: the exponent.
    /// - Returns: e raised to `x`.
    static func exp(_ x: Self) -> Self
    /// log(1 + x), accurate where x is near zero (the logistic loss's stable softplus uses it).
    /// - Parameters:
    ///   - x: a value greater than −1.
    /// - Returns: the natural logarithm of 1 + `x`.
    static func log1p(_ x: Self) -> Self
    /// The hyperbolic tangent, for the `tanh` activation.
    /// - Parameters:
    ///   - x: the pre-activation.
    /// - Returns: tanh(`x`), in (−1, 1).
    static func tanh(_ x: Self) -> Self
    /// C ← alpha·op(A)·op(B) + beta·C on row-major storage, through OpenBLAS.
    /// - Parameters:
    ///   - transposeA: whether A enters the product transposed.
    ///   - transposeB: whether B enters the product transposed.
    ///   - m: rows of op(A) and of C.
    ///   - n: columns of op(B) and of C.
    ///   - k: columns of op(A), rows of op(B).
    ///   - alpha: the factor on the product.
    ///   - a: A's values.
    ///   - lda: the distance between A's rows, in elements.
    ///   - b: B's values.
    ///   - ldb: the distance between B's rows, in elements.
    ///   - beta: the factor on C's previous contents (0 overwrites C).
    ///   - c: C's values, m × n, updated in place.
    ///   - ldc: the distance between C's rows, in elements.
    static func blasGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: MLScalar {
    /// eˣ in single precision, through Foundation.
    /// - Parameters:
    ///   - x: the exponent.
    /// - Returns: e raised to `x`.
    @inlinable public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    /// log(1 + x) in single precision, through Foundation.
    /// - Parameters:
    ///   - x: a value greater than −1.
    /// - Returns: the natural logarithm of 1 + `x`.
    @inlinable public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
    /// The hyperbolic tangent in single precision, through Foundation.
    /// - Parameters:
    ///   - x: the pre-activation.
    /// - Returns: tanh(`x`), in (−1, 1).
    @inlinable public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }

    /// C ← alpha·op(A)·op(B) + beta·C in single precision on row-major storage, through OpenBLAS's
    /// `cblas_sgemm` on the calling thread.
    /// - Parameters:
    ///   - transposeA: whether A enters the product transposed.
    ///   - transposeB: whether B enters the product transposed.
    ///   - m: rows of op(A) and of C.
    ///   - n: columns of op(B) and of C.
    ///   - k: columns of op(A), rows of op(B).
    ///   - alpha: the factor on the product.
    ///   - a: A's values.
    ///   - lda: the distance between A's rows, in elements.
    ///   - b: B's values.
    ///   - ldb: the distance between B's rows, in elements.
    ///   - beta: the factor on C's previous contents (0 overwrites C).
    ///   - c: C's values, m × n, updated in place.
    ///   - ldc: the distance between C's rows, in elements.
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
    /// eˣ in double precision, through Foundation.
    /// - Parameters:
    ///   - x: the exponent.
    /// - Returns: e raised to `x`.
    @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    /// log(1 + x) in double precision, through Foundation.
    /// - Parameters:
    ///   - x: a value greater than −1.
    /// - Returns: the natural logarithm of 1 + `x`.
    @inlinable public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    /// The hyperbolic tangent in double precision, through Foundation.
    /// - Parameters:
    ///   - x: the pre-activation.
    /// - Returns: tanh(`x`), in (−1, 1).
    @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

    /// C ← alpha·op(A)·op(B) + beta·C in double precision on row-major storage, through OpenBLAS's
    /// `cblas_dgemm` on the calling thread.
    /// - Parameters:
    ///   - transposeA: whether A enters the product transposed.
    ///   - transposeB: whether B enters the product transposed.
    ///   - m: rows of op(A) and of C.
    ///   - n: columns of op(B) and of C.
    ///   - k: columns of op(A), rows of op(B).
    ///   - alpha: the factor on the product.
    ///   - a: A's values.
    ///   - lda: the distance between A's rows, in elements.
    ///   - b: B's values.
    ///   - ldb: the distance between B's rows, in elements.
    ///   - beta: the factor on C's previous contents (0 overwrites C).
    ///   - c: C's values, m × n, updated in place.
    ///   - ldc: the distance between C's rows, in elements.
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
    /// - Parameters:
    ///   - a: A's values, rows × columns, row-major with no padding between rows.
    ///   - rows: rows of A, and the length of y.
    ///   - columns: columns of A, and the length of x.
    ///   - x: the vector to multiply by.
    ///   - y: receives A·x, overwriting what it held.
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
