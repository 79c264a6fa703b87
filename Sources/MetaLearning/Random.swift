import Foundation
@_exported import SeededRandom

/// Draws in the model's scalar type (Float for training, Double for derivative checks).
extension SplitMix64 {
    /// Uniform in [0, 1).
    public mutating func unit<S: MLScalar>() -> S {
        S(next() >> 11) * S(1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal (Box–Muller).
    public mutating func normal<S: MLScalar>() -> S {
        let u1 = max(Double(next() >> 11) / 9_007_199_254_740_992.0, 1e-300)
        let u2 = Double(next() >> 11) / 9_007_199_254_740_992.0
        return S((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }
}
