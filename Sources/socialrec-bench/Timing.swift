import Foundation

/// Seconds taken by `body`, best of `repeats` (the least disturbed run on a shared machine).
func bestTime(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Latencies of `body` over `count` calls, in milliseconds, sorted.
func latencies(count: Int, _ body: (Int) -> Void) -> [Double] {
    (0..<count).map { i in
        let start = DispatchTime.now().uptimeNanoseconds
        body(i)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }.sorted()
}

func percentile(_ sorted: [Double], _ q: Double) -> Double {
    sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Progress for long benchmarks, on standard error.
func note(_ text: String) { FileHandle.standardError.write(Data("bench: \(text)\n".utf8)) }
