/// The hidden-layer non-linearity φ. ReLU is the default; tanh is smooth (φ'' ≠ 0), which lets
/// the Hessian checks exercise the curvature term of the activation.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// max(0, z): zero curvature, so the activation adds no second-order term.
    case relu
    /// The hyperbolic tangent: smooth, with φ'' ≠ 0.
    case tanh
}

// Each pass keeps the pre-activation z and the output h = φ(z); derivatives read whichever is
// cheaper (ReLU: the sign of z; tanh: φ' = 1 − h², φ'' = −2h(1 − h²)).
//
// ReLU's selects load both operands first: written as `z > 0 ? x[i] : 0`, the load of x[i] is
// conditional, LLVM keeps a compare and branch per element (measured: ~9% of second-order
// meta-training), and `SIMD.replacing(with:where:)` is slower still.

extension Activation {
    /// h ← φ(z)
    @specialized(where S == Float)
    @specialized(where S == Double)
    @inlinable
    func apply<S: MLScalar>(_ z: UnsafePointer<S>, into h: UnsafeMutablePointer<S>, count: Int) {
        switch self {
        case .relu: selectWherePositive(z, values: z, into: h, count: count)
        case .tanh: for i in 0..<count { h[i] = S.tanh(z[i]) }
        }
    }

    /// out ← upstream ⊙ φ'(z)  (backward through φ; also the R-forward Rh = φ'(z) ⊙ Rz)
    @specialized(where S == Float)
    @specialized(where S == Double)
    @inlinable
    func multiplyBySlope<S: MLScalar>(
        _ upstream: UnsafePointer<S>, z: UnsafePointer<S>, h: UnsafePointer<S>,
        into out: UnsafeMutablePointer<S>, count: Int
    ) {
        switch self {
        case .relu: selectWherePositive(z, values: upstream, into: out, count: count)
        case .tanh: for i in 0..<count { out[i] = upstream[i] * (1 - h[i] * h[i]) }
        }
    }

    /// out ← Rupstream ⊙ φ'(z) + upstream ⊙ φ''(z) ⊙ Rz  (the R-operator of the backward step)
    @specialized(where S == Float)
    @specialized(where S == Double)
    @inlinable
    func slopeDirectionalDerivative<S: MLScalar>(
        rUpstream: UnsafePointer<S>, upstream: UnsafePointer<S>, rZ: UnsafePointer<S>,
        z: UnsafePointer<S>, h: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, count: Int
    ) {
        switch self {
        case .relu:
            selectWherePositive(z, values: rUpstream, into: out, count: count)
        case .tanh:
            for i in 0..<count {
                let slope = 1 - h[i] * h[i]
                out[i] = slope * (rUpstream[i] - 2 * h[i] * upstream[i] * rZ[i])
            }
        }
    }
}

/// out[i] ← key[i] > 0 ? values[i] : 0
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func selectWherePositive<S: MLScalar>(
    _ key: UnsafePointer<S>, values: UnsafePointer<S>, into out: UnsafeMutablePointer<S>, count: Int
) {
    for i in 0..<count {
        let value = values[i]  // loaded whatever the key: a conditional load would block vectorising
        out[i] = key[i] > 0 ? value : 0
    }
}
