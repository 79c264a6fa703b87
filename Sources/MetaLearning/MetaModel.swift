/// A model that meta-learning algorithms can adapt and differentiate through.
///
/// Parameters are one flat vector: a global part, one row of `globalRowWidth` values per item
/// (meta-learned, never adapted per user), then an adapted part of `adaptedCount` values (what
/// the inner loop changes). Passes run in a task's *local* coordinates: θ = [the rows of the
/// items the task touches, in ascending item order (`TaskGradient.items`) | the adapted part];
/// a batch's `rowItems` index those local rows. With every item, local coordinates are the
/// full vector itself.
public protocol MetaModel: Sendable {
    /// The floating-point type of parameters, scores and losses.
    associatedtype Scalar: MLScalar
    /// What a gradient pass keeps so that Hessian-vector products at the same point reuse it.
    associatedtype Trace: Sendable

    /// The flat parameter vector: `itemCount` rows of `globalRowWidth` values, then the adapted part.
    var parameters: [Scalar] { get set }
    /// Items in the catalogue, one global row each.
    var itemCount: Int { get }
    /// Values in each item's global row.
    var globalRowWidth: Int { get }
    /// Length of the adapted part, the values the inner loop moves.
    var adaptedCount: Int { get }
    /// Pair features per (user, item) example.
    var pairFeatureWidth: Int { get }
    /// The loss tasks are compiled for.
    var lossKind: LossKind { get }

    /// An empty trace, for a gradient pass to fill.
    /// - Returns: a trace that records no point yet.
    func makeTrace() -> Trace

    /// The loss of `batch` at θ.
    /// - Parameters:
    ///   - theta: parameters in the batch's local coordinates: its item rows, then the adapted part.
    ///   - batch: the scored rows and loss terms.
    /// - Returns: Σ_g γ_g L_g, the weighted sum of the groups' losses.
    func loss(at theta: [Scalar], on batch: LossBatch<Scalar>) -> Scalar

    /// The loss, and ∇_θ L into `gradient` (resized to θ's length; the item rows left at zero when
    /// `scope` is `.adaptedOnly`). `trace` records the point.
    /// - Parameters:
    ///   - theta: parameters in the batch's local coordinates: its item rows, then the adapted part.
    ///   - batch: the scored rows and loss terms.
    ///   - scope: whether the item rows' gradient is computed or left at zero.
    ///   - gradient: receives ∇_θ L, resized to θ's length.
    ///   - trace: receives the point and what Hessian-vector products there reuse.
    /// - Returns: the loss at θ.
    func gradient(
        at theta: [Scalar], on batch: LossBatch<Scalar>, scope: GradientScope, into gradient: inout [Scalar],
        trace: inout Trace
    ) -> Scalar

    /// The exact Hessian-vector product ∇_θ (v · ∇_adapted L) at the traced point, for a direction
    /// v over the adapted part only (forward-over-reverse: an analytic R-operator pass). Fills
    /// `groupDerivatives[g]` with v · ∇_adapted L_g, the directional derivative of each group's
    /// unweighted loss.
    /// - Parameters:
    ///   - trace: a gradient pass's trace, at the point to differentiate.
    ///   - v: a direction over the adapted part (`adaptedCount` values).
    ///   - hvp: receives ∇_θ(v · ∇_adapted L), θ's length, item rows included.
    ///   - groupDerivatives: receives v · ∇_adapted L_g for each group g.
    func hessianVectorProduct(
        _ trace: Trace, direction v: [Scalar], into hvp: inout [Scalar], groupDerivatives: inout [Scalar]
    )

    /// Only the per-group directional derivatives v · ∇_adapted L_g (one forward-mode pass).
    /// - Parameters:
    ///   - trace: a gradient pass's trace, at the point to differentiate.
    ///   - v: a direction over the adapted part (`adaptedCount` values).
    ///   - groupDerivatives: receives v · ∇_adapted L_g for each group g.
    func directionalDerivatives(_ trace: Trace, direction v: [Scalar], into groupDerivatives: inout [Scalar])
}

/// Which part of ∇_θ L a gradient pass computes. The inner steps of MAML read only the
/// adapted part; skipping the item rows saves a product and a scatter per step.
public enum GradientScope: Sendable {
    /// The whole gradient: the item rows and the adapted part.
    case all
    /// The adapted part only; the item rows' gradient is left at zero.
    case adaptedOnly
}

extension MetaModel {
    /// The loss and the whole gradient ∇_θ L.
    /// - Parameters:
    ///   - theta: parameters in the batch's local coordinates: its item rows, then the adapted part.
    ///   - batch: the scored rows and loss terms.
    ///   - gradient: receives ∇_θ L, item rows and adapted part, resized to θ's length.
    ///   - trace: receives the point and what Hessian-vector products there reuse.
    /// - Returns: the loss at θ.
    public func gradient(
        at theta: [Scalar], on batch: LossBatch<Scalar>, into gradient: inout [Scalar], trace: inout Trace
    ) -> Scalar {
        self.gradient(at: theta, on: batch, scope: .all, into: &gradient, trace: &trace)
    }

    /// Length of the global part: `itemCount` × `globalRowWidth`.
    public var globalCount: Int { itemCount * globalRowWidth }

    /// θ in the local coordinates of `items`: their rows, then the adapted part.
    public func localParameters(items: [Int32]) -> [Scalar] {
        gatherLocal(items: items, parameters: parameters, rowWidth: globalRowWidth, adaptedCount: adaptedCount)
    }
}

@specialized(where S == Float)
@specialized(where S == Double)
func gatherLocal<S: MLScalar>(items: [Int32], parameters: [S], rowWidth: Int, adaptedCount: Int) -> [S] {
    var theta = [S](repeating: 0, count: items.count * rowWidth + adaptedCount)
    let globalCount = parameters.count - adaptedCount
    parameters.withUnsafeBufferPointer { all in
        theta.withUnsafeMutableBufferPointer { local in
            items.withUnsafeBufferPointer { items in
                gatherRows(items.baseAddress!, count: items.count, width: rowWidth,
                           from: all.baseAddress!, sourceStride: rowWidth,
                           to: local.baseAddress!, destinationStride: rowWidth)
            }
            copy(all.baseAddress! + globalCount, to: local.baseAddress! + items.count * rowWidth, count: adaptedCount)
        }
    }
    return theta
}
