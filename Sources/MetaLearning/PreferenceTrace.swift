/// The forward and backward values of one `PreferenceModel` gradient pass, kept so that
/// Hessian-vector products at the same point need no second forward pass.
public struct PreferenceTrace<Scalar: MLScalar>: Sendable {
    var theta: [Scalar] = []
    var batch = LossBatch<Scalar>(
        isSquaredError: true, rowItems: [], pairFeatures: [], pairFeatureWidth: 0, terms: [], groupWeights: [])
    var arena: [Scalar] = []
    var offsets = TraceOffsets()

    /// Lays the arena out for `rows` scored rows and `terms` loss terms, reusing its storage.
    /// Every region is written by a pass before it is read, so the arena is not zero-filled.
    mutating func prepare(_ layout: PreferenceLayout, rows: Int, terms: Int) {
        offsets = TraceOffsets(layout, rows: rows, terms: terms)
        if arena.count < offsets.total { arena = uninitialized(offsets.total) }
    }

    /// The scores of the last pass.
    var scores: [Scalar] {
        Array(arena[offsets.scores..<(offsets.scores + batch.rowCount)])
    }
}

/// Where each quantity of a pass lives in an arena, for n rows: the input X (n × row input),
/// then per hidden layer l the pre-activations Z, activations H, upstream gradient ∂L/∂H and
/// gradient ∂L/∂Z (each n × width), the scores and their gradient, per-term loss slopes and
/// curvatures, the first layer's row constant and bias gradient, and ∂L/∂X's embedding part.
struct TraceOffsets: Sendable {
    var x = 0
    var z: [Int] = [], h: [Int] = [], dh: [Int] = [], d: [Int] = []
    var scores = 0, dScores = 0, termSlopes = 0, termCurvatures = 0
    var rowConstant = 0, firstBiasGradient = 0, dx = 0
    var total = 1

    init() {}

    init(_ layout: PreferenceLayout, rows n: Int, terms: Int) {
        var next = 0
        func take(_ count: Int) -> Int { defer { next += count }; return next }
        x = take(n * layout.rowInput)
        for width in layout.hidden {
            z.append(take(n * width))
            h.append(take(n * width))
            dh.append(take(n * width))
            d.append(take(n * width))
        }
        scores = take(n)
        dScores = take(n)
        termSlopes = take(terms)
        termCurvatures = take(terms)
        rowConstant = take(layout.hidden[0])
        firstBiasGradient = take(layout.hidden[0])
        dx = take(n * layout.embedding)
        total = max(next, 1)
    }
}

/// Where the R-operator's values live: R{Z}, R{H}, R{∂L/∂H}, R{∂L/∂Z} per hidden layer, then
/// R{scores}, R{∂L/∂scores}, the first layer's R{row constant} and R{∂L/∂X}'s embedding part.
struct DirectionalOffsets: Sendable {
    var rz: [Int] = [], rh: [Int] = [], rdh: [Int] = [], rd: [Int] = []
    var rScores = 0, rdScores = 0, rRowConstant = 0, rdx = 0
    var total = 1

    init(_ layout: PreferenceLayout, rows n: Int) {
        var next = 0
        func take(_ count: Int) -> Int { defer { next += count }; return next }
        for width in layout.hidden {
            rz.append(take(n * width))
            rh.append(take(n * width))
            rdh.append(take(n * width))
            rd.append(take(n * width))
        }
        rScores = take(n)
        rdScores = take(n)
        rRowConstant = take(layout.hidden[0])
        rdx = take(n * layout.embedding)
        total = max(next, 1)
    }
}
