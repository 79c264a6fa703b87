import Foundation
import RecData
import SocialGraphModule

extension ColdStartEvaluation {
    /// Writes the split of `seed` so any tool can be scored on it: for each support size k,
    /// `train-k.tsv` (training users' interactions plus held-out users' first k) and `query-k.tsv`
    /// (test users' hidden interactions); plus `test-users.txt` and `validation-users.txt`.
    /// Original IDs throughout; the `.tsv` files have a header line, the user lists (one ID a line) none.
    /// - Parameters:
    ///   - seed: the seed whose split is written, the same split `run` draws for it (it runs seeds 1 to `settings.seeds`).
    ///   - directory: the folder to write into, created with any missing parents; files of the same names there
    ///     are replaced.
    /// - Throws: The error Foundation reports (a `CocoaError`) when the folder cannot be created or a file cannot be
    ///   written; the files written before the failure stay.
    public func exportSplit(seed: UInt64, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let split = split(seed: seed)
        let interactions = dataset.interactions
        func line(_ r: Int) -> String {
            var fields = [dataset.users.externalID(interactions.users[r]), dataset.items.externalID(interactions.items[r]),
                          Self.format(interactions.values[r])]
            if let t = interactions.timestamps?[r] { fields.append(String(t)) }
            return fields.joined(separator: "\t")
        }
        let header = "user\titem\tvalue" + (interactions.timestamps == nil ? "" : "\ttimestamp")
        for k in settings.supportSizes {
            let train = split.visibleRows(interactions, k: k).sorted()
            try ([header] + train.map(line)).joined(separator: "\n").appending("\n")
                .write(to: directory.appendingPathComponent("train-\(k).tsv"), atomically: true, encoding: .utf8)
            let query = split.users(.test).flatMap { split.query(of: $0, k: k) }
            try ([header] + query.map(line)).joined(separator: "\n").appending("\n")
                .write(to: directory.appendingPathComponent("query-\(k).tsv"), atomically: true, encoding: .utf8)
        }
        for (role, name) in [(ColdStartSplit.Role.test, "test-users.txt"), (.validation, "validation-users.txt")] {
            try split.users(role).map { dataset.users.externalID($0) + "\n" }.joined()
                .write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    static func format(_ v: Float) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
