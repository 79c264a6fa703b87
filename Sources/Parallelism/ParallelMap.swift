import Dispatch

/// `(0..<count).map(transform)` with the iterations spread over the cores. Each slot is written by
/// exactly one iteration, which is what makes the unchecked Sendable pointer safe.
/// - Parameters:
///   - count: How many elements, ≥ 0; 0 gives an empty array.
///   - transform: Makes the element of an index in 0..<count; called once per index, from several threads at once and in
///     no particular order.
public func parallelMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    var values = [T?](repeating: nil, count: count)
    values.withUnsafeMutableBufferPointer { buffer in
        let out = UncheckedSlots(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: count) { out.buffer[$0] = transform($0) }
    }
    return values.map { $0! }
}

private struct UncheckedSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
