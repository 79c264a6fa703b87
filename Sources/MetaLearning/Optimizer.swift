import Foundation

/// A first-order optimiser over one flat vector; its state is sized on the first step.
public struct Optimizer<Scalar: MLScalar>: Sendable {
    /// An update rule and its hyperparameters.
    public enum Rule: Sendable, Equatable {
        /// p ← p − rate·(momentum buffer), the buffer being b ← momentum·b + g (PyTorch's SGD).
        case sgd(learningRate: Scalar, momentum: Scalar = 0)
        /// Adam (Kingma & Ba), with PyTorch's bias correction and ε placement.
        case adam(learningRate: Scalar, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8)
    }

    /// The rule each `step` applies.
    public var rule: Rule
    /// Updates taken so far; Adam's bias correction depends on it.
    public private(set) var steps = 0
    private var first: [Scalar] = []
    private var second: [Scalar] = []

    /// An optimiser that has taken no steps; its moment buffers are allocated on the first step.
    /// - Parameters:
    ///   - rule: the update rule and its hyperparameters.
    public init(_ rule: Rule) { self.rule = rule }

    /// One update of `parameters` from `gradient`, scaled first by `gradientScale` (a clipping factor).
    /// - Parameters:
    ///   - parameters: the vector to update in place; a length other than the last step's resets the moment buffers to zero.
    ///   - gradient: ∂L/∂p, one value per parameter.
    ///   - gradientScale: multiplies the gradient before the rule reads it; 1, the default, leaves it as it is.
    public mutating func step(_ parameters: inout [Scalar], gradient: [Scalar], gradientScale: Scalar = 1) {
        precondition(parameters.count == gradient.count, "one gradient value per parameter")
        steps += 1
        switch rule {
        case .sgd(let rate, let momentum):
            if momentum == 0 {
                sgdStep(&parameters, gradient, rate: rate * gradientScale)
            } else {
                if first.count != parameters.count { first = zeros(parameters.count) }
                momentumStep(&parameters, gradient, &first, rate: rate, momentum: momentum, scale: gradientScale)
            }
        case .adam(let rate, let beta1, let beta2, let epsilon):
            if first.count != parameters.count { first = zeros(parameters.count); second = zeros(parameters.count) }
            let t = Double(steps)
            let correction1 = Scalar(1 - pow(Double(beta1), t))
            let correction2 = Scalar((1 - pow(Double(beta2), t)).squareRoot())
            adamStep(&parameters, gradient, &first, &second, scale: gradientScale, rate: rate / correction1,
                     beta1: beta1, beta2: beta2, epsilon: epsilon, correction2: correction2)
        }
    }
}

/// Clipping by global norm: the factor that brings the gradient's norm down to `maxNorm`
/// (1 when it is already within).
public enum GradientClipping {
    /// The factor to multiply a gradient by so that its global norm is at most `maxNorm`.
    /// - Parameters:
    ///   - squaredNorm: the gradient's squared Euclidean norm, Σ gᵢ² over every clipped value.
    ///   - maxNorm: the largest norm allowed, or nil for no clipping.
    /// - Returns: `maxNorm` / ‖g‖ when the norm exceeds `maxNorm`, otherwise 1.
    public static func scale<Scalar: MLScalar>(squaredNorm: Scalar, maxNorm: Scalar?) -> Scalar {
        guard let maxNorm else { return 1 }
        let norm = squaredNorm.squareRoot()
        return norm > maxNorm ? maxNorm / norm : 1
    }
}

@specialized(where S == Float)
@specialized(where S == Double)
func sgdStep<S: MLScalar>(_ parameters: inout [S], _ gradient: [S], rate: S) {
    parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
            for i in 0..<p.count { p[i] -= rate * g[i] }
        }
    }
}

@specialized(where S == Float)
@specialized(where S == Double)
func momentumStep<S: MLScalar>(_ parameters: inout [S], _ gradient: [S], _ buffer: inout [S], rate: S, momentum: S, scale: S) {
    parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
            buffer.withUnsafeMutableBufferPointer { b in
                for i in 0..<p.count {
                    b[i] = momentum * b[i] + scale * g[i]
                    p[i] -= rate * b[i]
                }
            }
        }
    }
}

/// Written with explicit vectors: as a scalar loop, LLVM keeps the square root and the
/// division scalar (measured: 4.5% of second-order meta-training, 2,000 items).
@specialized(where S == Float)
@specialized(where S == Double)
func adamStep<S: MLScalar>(
    _ parameters: inout [S], _ gradient: [S], _ first: inout [S], _ second: inout [S],
    scale: S, rate: S, beta1: S, beta2: S, epsilon: S, correction2: S
) {
    parameters.withUnsafeMutableBufferPointer { p in
        gradient.withUnsafeBufferPointer { g in
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { v in
                    let count = p.count
                    var i = 0
                    while i + 8 <= count {
                        let gi = SIMD8<S>(repeating: scale) * load(g.baseAddress! + i)
                        let mi = SIMD8<S>(repeating: beta1) * load(m.baseAddress! + i) + SIMD8(repeating: 1 - beta1) * gi
                        let vi = SIMD8<S>(repeating: beta2) * load(v.baseAddress! + i) + SIMD8(repeating: 1 - beta2) * (gi * gi)
                        let step = SIMD8(repeating: rate) * mi
                            / (vi.squareRoot() / SIMD8(repeating: correction2) + SIMD8(repeating: epsilon))
                        store(mi, m.baseAddress! + i)
                        store(vi, v.baseAddress! + i)
                        store(load(p.baseAddress! + i) - step, p.baseAddress! + i)
                        i += 8
                    }
                    while i < count {
                        let gi = scale * g[i]
                        m[i] = beta1 * m[i] + (1 - beta1) * gi
                        v[i] = beta2 * v[i] + (1 - beta2) * (gi * gi)
                        p[i] -= rate * m[i] / (v[i].squareRoot() / correction2 + epsilon)
                        i += 1
                    }
                }
            }
        }
    }
}

@inline(__always)
private func load<S: MLScalar>(_ p: UnsafePointer<S>) -> SIMD8<S> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
}

@inline(__always)
private func load<S: MLScalar>(_ p: UnsafeMutablePointer<S>) -> SIMD8<S> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
}

@inline(__always)
private func store<S: MLScalar>(_ value: SIMD8<S>, _ p: UnsafeMutablePointer<S>) {
    UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<S>.self)
}
