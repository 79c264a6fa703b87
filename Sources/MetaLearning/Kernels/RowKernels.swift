// Moving rows between the full parameter vector, a task's local vector and a batch's input.

/// Zero-filled storage, allocated with the element type known (a generic, unspecialised
/// `Array(repeating:count:)` initialises element by element).
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func zeros<S: MLScalar>(_ count: Int) -> [S] {
    [S](repeating: 0, count: count)
}

/// Storage whose every element the caller writes before reading: skips zero-filling.
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func uninitialized<S: MLScalar>(_ count: Int) -> [S] {
    [S](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// destination[0..<count] ← source[0..<count]
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func copy<S: MLScalar>(_ source: UnsafePointer<S>, to destination: UnsafeMutablePointer<S>, count: Int) {
    destination.update(from: source, count: count)
}

/// destination row r ← source row rows[r], for rows of `width` values.
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func gatherRows<S: MLScalar>(
    _ rows: UnsafePointer<Int32>, count: Int, width: Int,
    from source: UnsafePointer<S>, sourceStride: Int,
    to destination: UnsafeMutablePointer<S>, destinationStride: Int
) {
    for r in 0..<count {
        (destination + r * destinationStride).update(from: source + Int(rows[r]) * sourceStride, count: width)
    }
}

/// destination row rows[r] += alpha · source row r, for rows of `width` values.
@specialized(where S == Float)
@specialized(where S == Double)
@inlinable
func scatterAddRows<S: MLScalar>(
    _ rows: UnsafePointer<Int32>, count: Int, width: Int, alpha: S,
    from source: UnsafePointer<S>, sourceStride: Int,
    to destination: UnsafeMutablePointer<S>, destinationStride: Int
) {
    for r in 0..<count {
        let from = source + r * sourceStride
        let to = destination + Int(rows[r]) * destinationStride
        for j in 0..<width { to[j] += alpha * from[j] }
    }
}
