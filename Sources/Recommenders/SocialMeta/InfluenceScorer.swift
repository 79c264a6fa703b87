import GraphFeatures
import MetaLearning

/// The influence of a friend v on user u: w_uv = softmax_v(a · ψ(u, v)) over u's context friends.
/// `a` is meta-learned: the meta-gradient arrives as ∂L/∂w_v, and the softmax carries it to a.
public struct InfluenceScorer: Sendable, Codable, Equatable {
    /// One weight per tie feature (`TieFeatures.width` of them) in each friend's logit a · ψ(u, v).
    public var a: [Float]

    /// Starts from uniform influence (a = 0): the data decides who matters.
    public init(width: Int = TieFeatures.width) { a = [Float](repeating: 0, count: width) }

    /// Softmax weights for the rows of a row-major `friends × width` tie-feature matrix.
    public func weights(_ psi: [Float]) -> [Float] {
        let width = a.count
        let n = psi.count / width
        guard n > 0 else { return [] }
        let logits = (0..<n).map { v in (0..<width).reduce(Float(0)) { $0 + a[$1] * psi[v * width + $1] } }
        let top = logits.max()!
        let e = logits.map { expf($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// ∂L/∂a from ∂L/∂w: Σ_v ∂L/∂w_v · w_v (ψ_v − Σ_j w_j ψ_j).
    /// - Parameters:
    ///   - psi: the tie features the weights came from, row-major friends × `a.count`.
    ///   - w: the softmax weights `weights(psi)` gave, one per friend.
    ///   - g: ∂L/∂w_v, one per friend in the same order.
    /// - Returns: ∂L/∂a, one value per entry of `a`.
    public func gradient(psi: [Float], weights w: [Float], weightGradient g: [Float]) -> [Float] {
        let width = a.count
        var mean = [Float](repeating: 0, count: width)
        for (v, wv) in w.enumerated() { for f in 0..<width { mean[f] += wv * psi[v * width + f] } }
        var out = [Float](repeating: 0, count: width)
        for (v, wv) in w.enumerated() {
            let c = g[v] * wv
            for f in 0..<width { out[f] += c * (psi[v * width + f] - mean[f]) }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif
