extension Array {
    /// Reorders the array so that its first `k` elements are the k first under `before` (a strict
    /// total order), in no particular order among themselves: quickselect, expected linear time.
    /// For keeping the best few of tens of thousands without sorting them all.
    /// - Parameters:
    ///   - k: How many elements to bring to the front; 0 or less, or `count` or more, leaves the array as it is.
    ///   - before: Whether the first element goes before the second; a strict total order, so the first k are well defined.
    @inlinable
    public mutating func selectFirst(_ k: Int, by before: (Element, Element) -> Bool) {
        guard k > 0, k < count else { return }
        var low = 0, high = count - 1
        while low < high {
            let pivot = self[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while before(self[i], pivot) { i += 1 }
                while before(pivot, self[j]) { j -= 1 }
                if i <= j { swapAt(i, j); i += 1; j -= 1 }
            }
            if k - 1 <= j { high = j } else if k - 1 >= i { low = i } else { return }
        }
    }
}
