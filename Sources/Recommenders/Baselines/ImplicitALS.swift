import MetaLearning
import Parallelism
import RecData
import SocialGraphModule

/// Implicit ALS (Hu, Koren, Volinsky, ICDM 2008): confidence-weighted least squares on who chose
/// what, by alternating solves.
///
///   min Σ_{u,i} c_ui (p_ui − x_u · y_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²),   p_ui = [u chose i], c_ui = 1 + α p_ui
///
/// Training solves each side with a few conjugate-gradient steps warm-started from the last pass
/// (Takács, Pilászy, Tikk 2011; what the `implicit` library does by default): the d³ of an exact
/// solve per item would dominate a long-tailed catalogue. A new person is folded in from their
/// support items by one exact solve (Cholesky) with the item factors fixed. With no support, items
/// rank by popularity.
public struct ImplicitALS: RegisteredBaseline {
    /// The hyper-parameters of `ImplicitALS`, chosen per dataset from `grid` on validation users.
    public struct Configuration: Sendable, CustomStringConvertible, Equatable {
        /// Width of the user and item vectors (at least 1 is used); a fold-in costs its cube.
        public var factors: Int
        /// λ on both sides' vectors.
        public var regularisation: Float
        /// α: how much more a chosen pair weighs than an unchosen one.
        public var confidence: Float
        /// Alternating passes, each solving the user side and then the item side.
        public var iterations: Int

        /// Settings; the defaults are the values `grid` varies around.
        /// - Parameters:
        ///   - factors: width of the user and item vectors.
        ///   - regularisation: λ on both sides' vectors.
        ///   - confidence: α, the extra weight of a chosen pair.
        ///   - iterations: alternating passes.
        public init(factors: Int = 64, regularisation: Float = 0.1, confidence: Float = 10, iterations: Int = 15) {
            self.factors = factors
            self.regularisation = regularisation
            self.confidence = confidence
            self.iterations = iterations
        }

        /// The settings on one line, as reports list the chosen configuration.
        public var description: String { "factors=\(factors) reg=\(regularisation) alpha=\(confidence) iterations=\(iterations)" }
    }

    /// The name reports and the command line use for this method.
    public static let methodName = "ials"
    /// Its place in tables, among the baselines.
    public static let listPosition = 60
    /// The setting it serves with.
    public static let defaultConfiguration: Configuration = .init()
    /// Searched on validation users.
    public static let grid: [Configuration] = [
        .init(factors: 32), .init(), .init(regularisation: 1), .init(confidence: 40),
    ]
    /// The settings this model was trained with.
    public let configuration: Configuration
    /// The trained item factors; every request is folded in against them.
    public let factors: ALSFactors
    private let floor: [Float]

    /// Trains the item factors on every visible (user, item) pair.
    /// - Parameters:
    ///   - data: the visible interactions to train on.
    ///   - configuration: the hyper-parameters.
    ///   - seed: seeds the initial item vectors, so the same data and seed give the same model.
    public init(_ data: VisibleData, configuration c: Configuration = defaultConfiguration, seed: UInt64 = 1) {
        configuration = c
        factors = ALSFactors(data.interactions, configuration: c, seed: seed)
        floor = Baseline.popularityFloor(data.interactions)
    }

    /// Folds the support items in by one exact solve and ranks by y_i · x; with none, by popularity.
    /// - Parameters:
    ///   - request: the person; only their support items and `onlyAmong` are read.
    ///   - count: the most items to return.
    /// - Returns: At most `count` items, best first, never a support item.
    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: factors.itemCount).items
        guard !support.isEmpty else { return Baseline.rank(floor, count: count, for: request, support: support) }
        let user = factors.foldIn(items: support, weights: [Float](repeating: 1, count: support.count))
        return Baseline.rank(factors.scores(user), count: count, for: request, support: support)
    }
}

/// The item factors of an implicit ALS model, and what a new person needs from them.
public struct ALSFactors: Sendable {
    /// Number of items, the rows of `items`.
    public let itemCount: Int
    /// Width of each item vector.
    public let width: Int
    /// λ, on the diagonal of every fold-in's system.
    public let regularisation: Float
    /// α: a chosen item weighs 1 + α · weight in a fold-in.
    public let confidence: Float
    /// itemCount × width, row-major.
    public let items: [Float]
    /// YᵀY + λI (width × width), shared by every fold-in.
    let gram: [Double]

    /// Wraps trained item factors (e.g. a checkpoint's) and precomputes YᵀY + λI.
    /// - Parameters:
    ///   - itemFactors: itemCount × width, row-major; must hold exactly that many values.
    ///   - itemCount: number of items.
    ///   - width: width of each item vector.
    ///   - regularisation: λ of the model the factors come from.
    ///   - confidence: α of the model the factors come from.
    public init(itemFactors: [Float], itemCount: Int, width: Int, regularisation: Float, confidence: Float) {
        precondition(itemFactors.count == itemCount * width)
        self.itemCount = itemCount
        self.width = width
        self.regularisation = regularisation
        self.confidence = confidence
        items = itemFactors
        gram = Self.gram(itemFactors, rows: itemCount, width: width, regularisation: regularisation)
    }

    /// Trains on every visible (user, item) pair.
    /// - Parameters:
    ///   - index: the interactions to train on; presence is the signal, their values are ignored.
    ///   - c: the width (at least 1 is used), λ, α and the number of alternating passes.
    ///   - seed: seeds the initial item vectors, so the same data and seed give the same factors.
    public init(_ index: InteractionIndex, configuration c: ImplicitALS.Configuration, seed: UInt64) {
        let f = max(1, c.factors)
        var random = SplitMix64(seed: seed, path: 0xA15)
        var users = [Float](repeating: 0, count: index.userCount * f)
        var items = (0..<(index.itemCount * f)).map { _ in Float(random.normal()) * 0.01 }
        for _ in 0..<max(0, c.iterations) {
            let itemGram = Self.gram(items, rows: index.itemCount, width: f, regularisation: c.regularisation)
            users = Self.solveSide(count: index.userCount, width: f, previous: users, other: items, gram: itemGram,
                                   confidence: c.confidence) { Array(index.items(of: Int32($0))) }
            let userGram = Self.gram(users, rows: index.userCount, width: f, regularisation: c.regularisation)
            items = Self.solveSide(count: index.itemCount, width: f, previous: items, other: users, gram: userGram,
                                   confidence: c.confidence) { Array(index.users(of: Int32($0))) }
        }
        self.init(itemFactors: items, itemCount: index.itemCount, width: f, regularisation: c.regularisation,
                  confidence: c.confidence)
    }

    /// The vector of a person who chose `items` with confidence 1 + α·weight each, by one exact
    /// solve of (YᵀY + λI + Σ α w_i y_i y_iᵀ) x = Σ (1 + α w_i) y_i.
    /// - Parameters:
    ///   - chosen: the person's items; one outside the catalogue is skipped.
    ///   - weights: w_i for each item of `chosen`, in order; an item weighted 0 or less, or without a weight, is skipped.
    /// - Returns: The person's vector, `width` values; all zero when no item is kept.
    public func foldIn(items chosen: [Int32], weights: [Float]) -> [Float] {
        let f = width
        var a = gram, b = [Double](repeating: 0, count: f)
        items.withUnsafeBufferPointer { y in
            for (i, w) in zip(chosen, weights) where i >= 0 && Int(i) < itemCount && w > 0 {
                let row = y.baseAddress! + Int(i) * f
                let c = Double(confidence * w)
                for r in 0..<f {
                    let yr = Double(row[r])
                    b[r] += (1 + c) * yr
                    for s in 0..<f { a[r * f + s] += c * yr * Double(row[s]) }
                }
            }
        }
        return choleskySolve(&a, b, n: f).map(Float.init)
    }

    /// y_i · x for one item.
    /// - Parameters:
    ///   - item: the item, which must be in the catalogue (it is not checked).
    ///   - x: a person's vector from `foldIn(items:weights:)`, `width` values (not checked either).
    @inline(__always) public func score(_ item: Int32, _ x: [Float]) -> Float {
        items.withUnsafeBufferPointer { y in x.withUnsafeBufferPointer { dot(y.baseAddress! + Int(item) * width, $0.baseAddress!, width) } }
    }

    /// Y·x over the catalogue, by one matrix–vector product (OpenBLAS, one thread).
    public func scores(_ x: [Float]) -> [Float] {
        precondition(x.count == width)
        var out = [Float](repeating: 0, count: itemCount)
        items.withUnsafeBufferPointer { y in
            x.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { out in
                    OpenBLAS.multiply(y.baseAddress!, rows: itemCount, columns: width, by: x.baseAddress!, into: out.baseAddress!)
                }
            }
        }
        return out
    }

    /// Y·x for each of `states` over the catalogue, by one matrix product X·Yᵀ (OpenBLAS, one
    /// thread): the factors are read once for the batch rather than once a person, and at 250k
    /// items they are 64 MB. The product sums in another order than the matrix–vector one, so a
    /// score can differ from `scores(_:)`'s in its last bit; a given batch always gives the same.
    public func scores(_ states: [[Float]]) -> [[Float]] {
        precondition(states.allSatisfy { $0.count == width })
        guard states.count > 1 else { return states.map(scores) }
        let x = Array(states.joined())
        var product = [Float](repeating: 0, count: states.count * itemCount)
        items.withUnsafeBufferPointer { y in
            x.withUnsafeBufferPointer { x in
                product.withUnsafeMutableBufferPointer { c in
                    Float.blasGemm(transposeA: false, transposeB: true, m: states.count, n: itemCount, k: width, alpha: 1,
                                   a: x.baseAddress!, lda: width, b: y.baseAddress!, ldb: width, beta: 0, c: c.baseAddress!, ldc: itemCount)
                }
            }
        }
        return states.indices.map { Array(product[$0 * itemCount..<($0 + 1) * itemCount]) }
    }

    static func gram(_ rows: [Float], rows count: Int, width f: Int, regularisation: Float) -> [Double] {
        var g = [Double](repeating: 0, count: f * f)
        rows.withUnsafeBufferPointer { m in
            for k in 0..<count {
                let row = m.baseAddress! + k * f
                for r in 0..<f where row[r] != 0 {
                    let v = Double(row[r])
                    for s in 0..<f { g[r * f + s] += v * Double(row[s]) }
                }
            }
        }
        for r in 0..<f { g[r * f + r] += Double(regularisation) }
        return g
    }

    /// One side's vectors, each by three conjugate-gradient steps on
    /// (G + α Σ_j o_j o_jᵀ) x = (1 + α) Σ_j o_j from the previous pass's x (j over its chosen rows).
    static func solveSide(
        count: Int, width f: Int, previous: [Float], other: [Float], gram: [Double], confidence alpha: Float,
        chosen: @Sendable (Int) -> [Int32]
    ) -> [Float] {
        let g = gram.map(Float.init)
        let solved = parallelMap(count) { k -> [Float] in
            let rows = chosen(k)
            var x = Array(previous[(k * f)..<((k + 1) * f)])
            guard !rows.isEmpty else { return [Float](repeating: 0, count: f) }
            func apply(_ v: [Float]) -> [Float] {
                var out = [Float](repeating: 0, count: f)
                for r in 0..<f {
                    var sum: Float = 0
                    for s in 0..<f { sum += g[r * f + s] * v[s] }
                    out[r] = sum
                }
                other.withUnsafeBufferPointer { o in
                    v.withUnsafeBufferPointer { v in
                        for j in rows {
                            let row = o.baseAddress! + Int(j) * f
                            let projection = alpha * dot(row, v.baseAddress!, f)
                            for r in 0..<f { out[r] += projection * row[r] }
                        }
                    }
                }
                return out
            }
            var b = [Float](repeating: 0, count: f)
            for j in rows { for r in 0..<f { b[r] += (1 + alpha) * other[Int(j) * f + r] } }
            let ax = apply(x)
            var residual = (0..<f).map { b[$0] - ax[$0] }
            var direction = residual
            var before = residual.reduce(0) { $0 + $1 * $1 }
            for _ in 0..<3 where before > 1e-12 {
                let ad = apply(direction)
                let step = before / zip(direction, ad).reduce(0) { $0 + $1.0 * $1.1 }
                for r in 0..<f { x[r] += step * direction[r]; residual[r] -= step * ad[r] }
                let after = residual.reduce(0) { $0 + $1 * $1 }
                for r in 0..<f { direction[r] = residual[r] + (after / before) * direction[r] }
                before = after
            }
            return x
        }
        return solved.flatMap { $0 }
    }
}

/// Solves A x = b for a symmetric positive-definite n × n A (row-major, overwritten by its
/// Cholesky factor). A pivot that is not positive (A only semi-definite) is floored, so the solve
/// never divides by zero.
func choleskySolve(_ a: inout [Double], _ b: [Double], n: Int) -> [Double] {
    for j in 0..<n {
        var d = a[j * n + j]
        for k in 0..<j { d -= a[j * n + k] * a[j * n + k] }
        let pivot = max(d, 1e-12).squareRoot()
        a[j * n + j] = pivot
        for i in (j + 1)..<max(j + 1, n) {
            var s = a[i * n + j]
            for k in 0..<j { s -= a[i * n + k] * a[j * n + k] }
            a[i * n + j] = s / pivot
        }
    }
    var y = b
    for i in 0..<n {
        for k in 0..<i { y[i] -= a[i * n + k] * y[k] }
        y[i] /= a[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
        for k in (i + 1)..<max(i + 1, n) { y[i] -= a[k * n + i] * y[k] }
        y[i] /= a[i * n + i]
    }
    return y
}
