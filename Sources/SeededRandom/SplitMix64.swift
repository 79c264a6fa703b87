#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and identical on every platform, so a seed
/// means the same numbers everywhere (the standard library's generator promises no such thing).
/// The one generator every module uses: splits, the sample, baselines and meta-training.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one part of a larger computation, e.g. (seed, step, task index): streams
    /// for different paths do not overlap in practice, whatever order they are used in.
    public init(seed: UInt64, path: UInt64...) {
        var mixed = SplitMix64.mix(seed)
        for component in path { mixed = SplitMix64.mix(mixed ^ SplitMix64.mix(component &+ 0x632B_E59B_D9B4_E019)) }
        state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n by Lemire's multiply-shift: one multiplication and no division, with a bias
    /// below n / 2⁶⁴ (none that a catalogue's size could show).
    @inlinable
    public mutating func below(_ n: UInt64) -> UInt64 {
        next().multipliedFullWidth(by: n).high
    }

    /// Fisher–Yates with this generator (the standard library's shuffle may change between releases).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        guard a.count > 1 else { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return a
    }

    /// Standard normal by Box–Muller.
    public mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
