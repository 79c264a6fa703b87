import Foundation

extension JSONEncoder {
    /// An encoder whose bytes depend on the value alone: keys sorted. Without it Foundation writes
    /// an object's keys in the order of a dictionary seeded per process, and two runs of the same
    /// command write different checkpoints and reports.
    public static func reproducible(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return encoder
    }
}
