import Foundation
import RecData

/// Scores another tool's top-k lists (`user item rank score` TSV) against a query file with the same
/// metric code as `evaluate`.
public struct ExternalScoring {
    public struct Summary: Sendable, Codable, Equatable {
        public var users: Int
        public var usersWithoutRecommendations: Int
        public var ndcg: Double, recall: Double, hr: Double, mrr: Double
    }

    /// `threshold`: for explicit query files, the rating at or above which an item is relevant.
    public static func score(topK: String, query: String, threshold: Float? = nil, cutoff: Int = 10) throws -> Summary {
        var users = IDMap(), items = IDMap()
        var relevant: [Int32: Set<Int32>] = [:]
        let querySource = try TextSource(path: query)
        try RecordScanner(querySource).forEachRecord { r in
            guard r.count >= 2 else { throw InputError(file: query, line: r.line, "expected user and item, found \(r.count) column(s)") }
            if let threshold {
                guard r.count >= 3, let v = NumberParsing.double(r.field(2)) else {
                    throw InputError(file: query, line: r.line, "expected a numeric value in column 3 (--threshold was given)")
                }
                if Float(v) < threshold { return }
            }
            relevant[users.intern(r.field(0)), default: []].insert(items.intern(r.field(1)))
        }
        guard !relevant.isEmpty else {
            throw InputError(file: query, line: nil, "no query interactions\(threshold.map { " at or above \($0)" } ?? ""): nothing to score against")
        }
        var lists: [Int32: [(rank: Double, item: Int32)]] = [:]
        let topSource = try TextSource(path: topK)
        try RecordScanner(topSource).forEachRecord { r in
            // `recommend --format tsv` writes a header even when it has no rows to follow.
            if r.line == 1, r.count >= 3, r.string(2).lowercased() == "rank" { return }
            guard r.count >= 3, let rank = NumberParsing.double(r.field(2)) else {
                throw InputError(file: topK, line: r.line, "expected user, item and a numeric rank")
            }
            lists[users.intern(r.field(0)), default: []].append((rank, items.intern(r.field(1))))
        }
        var sums = (ndcg: 0.0, recall: 0.0, hr: 0.0, mrr: 0.0)
        var missing = 0
        // Users in index order: a float sum in a dictionary's order would differ between runs.
        let scored = relevant.filter { !$0.value.isEmpty }.keys.sorted()
        for user in scored {
            let wanted = relevant[user]!
            // By rank, the file's order breaking ties; an item listed twice counts once, where first.
            var seen = Set<Int32>()
            let ranked = (lists[user] ?? []).enumerated()
                .sorted { $0.element.rank != $1.element.rank ? $0.element.rank < $1.element.rank : $0.offset < $1.offset }
                .map(\.element.item).filter { seen.insert($0).inserted }
            if ranked.isEmpty { missing += 1 }
            sums.ndcg += RankingMetrics.ndcg(ranked, relevant: wanted, at: cutoff)
            sums.recall += RankingMetrics.recall(ranked, relevant: wanted, at: cutoff)
            sums.hr += RankingMetrics.hitRate(ranked, relevant: wanted, at: cutoff)
            sums.mrr += RankingMetrics.reciprocalRank(ranked, relevant: wanted)
        }
        let n = Double(max(scored.count, 1))
        return Summary(users: scored.count, usersWithoutRecommendations: missing,
                       ndcg: sums.ndcg / n, recall: sums.recall / n, hr: sums.hr / n, mrr: sums.mrr / n)
    }
}
