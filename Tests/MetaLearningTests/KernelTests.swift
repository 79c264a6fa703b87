import Foundation
import Testing
@testable @_spi(Benchmarks) import MetaLearning

/// The SIMD matrix products and OpenBLAS against a plain triple loop, on shapes with every
/// kind of leftover row and column, both transpositions and both β.
@Suite struct KernelTests {
    static func reference(
        _ a: [Double], _ b: [Double], _ c: [Double], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, beta: Double
    ) -> [Double] {
        (0..<(m * n)).map { index in
            let i = index / n, j = index % n
            var total = 0.0
            for p in 0..<k {
                total += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
            }
            return total + beta * c[index]
        }
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 7), (4, 8, 8), (20, 32, 64), (21, 17, 9), (64, 20, 64), (7, 64, 33)])
    func productsMatchTheDefinition(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        var random = SplitMix64(seed: UInt64(m * 10_000 + k * 100 + n))
        let a: [Double] = (0..<(m * k)).map { _ in random.normal() }
        let b: [Double] = (0..<(k * n)).map { _ in random.normal() }
        let c0: [Double] = (0..<(m * n)).map { _ in random.normal() }
        for transposing in [Transposing.none, .first, .second] {
            for beta in [0.0, 1.0] {
                let ta = transposing == .first, tb = transposing == .second
                let expected = Self.reference(a, b, c0, m: m, n: n, k: k, transposeA: ta, transposeB: tb, beta: beta)
                var viaDispatch = c0, viaBLAS = c0
                var aCopy = a, bCopy = b
                aCopy.withUnsafeMutableBufferPointer { pa in
                    bCopy.withUnsafeMutableBufferPointer { pb in
                        viaDispatch.withUnsafeMutableBufferPointer { pc in
                            multiply(MatrixView(pa.baseAddress!, rows: ta ? k : m, columns: ta ? m : k),
                                     by: MatrixView(pb.baseAddress!, rows: tb ? n : k, columns: tb ? k : n),
                                     into: MatrixView(pc.baseAddress!, rows: m, columns: n), beta: beta, transposing: transposing)
                        }
                        viaBLAS.withUnsafeMutableBufferPointer { pc in
                            Double.blasGemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 1,
                                            a: pa.baseAddress!, lda: ta ? m : k, b: pb.baseAddress!, ldb: tb ? k : n,
                                            beta: beta, c: pc.baseAddress!, ldc: n)
                        }
                    }
                }
                #expect(Fixtures.relativeError(viaDispatch, expected) < 1e-12, "\(shape) \(transposing) β=\(beta)")
                #expect(Fixtures.relativeError(viaBLAS, expected) < 1e-12, "\(shape) \(transposing) β=\(beta)")
            }
        }
    }

    @Test func reductionsAndSelects() {
        var random = SplitMix64(seed: 1)
        for count in [0, 1, 7, 16, 17, 100] {
            let x: [Float] = (0..<count).map { _ in random.normal() }
            let y: [Float] = (0..<count).map { _ in random.normal() }
            let expected = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let value = x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in count == 0 ? 0 : dot(x.baseAddress!, y.baseAddress!, count: count) }
            }
            #expect(abs(Double(value) - expected) < 1e-4)
            var out = [Float](repeating: 9, count: count)
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    out.withUnsafeMutableBufferPointer { out in
                        if count > 0 { selectWherePositive(x.baseAddress!, values: y.baseAddress!, into: out.baseAddress!, count: count) }
                    }
                }
            }
            #expect(out == zip(x, y).map { $0 > 0 ? $1 : 0 })
        }
    }
}

/// SGD, momentum and Adam against hand-computed steps, and clipping by global norm.
@Suite struct OptimizerTests {
    @Test func sgdAndMomentum() {
        var plain = Optimizer<Double>(.sgd(learningRate: 0.1))
        var p = [1.0, -2.0]
        plain.step(&p, gradient: [0.5, 1.0])
        #expect(p == [0.95, -2.1])
        var momentum = Optimizer<Double>(.sgd(learningRate: 0.1, momentum: 0.9))
        p = [0.0]
        momentum.step(&p, gradient: [1.0])
        momentum.step(&p, gradient: [1.0])
        #expect(abs(p[0] - -(0.1 + 0.19)) < 1e-15)
    }

    @Test func adamMatchesItsDefinition() {
        var adam = Optimizer<Double>(.adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        var p = [Double](repeating: 0.5, count: 11)  // more than one vector of eight, and a tail
        let gradients = [[Double](repeating: 0.2, count: 11), [Double](repeating: -0.4, count: 11)]
        var m = 0.0, v = 0.0, expected = 0.5
        for (t, g) in gradients.enumerated() {
            adam.step(&p, gradient: g)
            m = 0.9 * m + 0.1 * g[0]
            v = 0.999 * v + 0.001 * g[0] * g[0]
            let mHat = m / (1 - pow(0.9, Double(t + 1))), vHat = v / (1 - pow(0.999, Double(t + 1)))
            expected -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
        }
        for value in p { #expect(abs(value - expected) < 1e-12) }
    }

    @Test func clippingByGlobalNorm() {
        #expect(GradientClipping.scale(squaredNorm: 25.0, maxNorm: 1.0) == 0.2)
        #expect(GradientClipping.scale(squaredNorm: 0.25, maxNorm: 1.0) == 1)
        #expect(GradientClipping.scale(squaredNorm: 25.0, maxNorm: nil) == 1)
    }
}
