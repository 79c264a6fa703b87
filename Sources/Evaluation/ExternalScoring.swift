import Foundation
import GraphFeatures
import RecData

/// Scores another tool's top-k lists (`user item rank score` TSV) against a query file with the same
/// metric code as `evaluate`.
public struct ExternalScoring {
    /// The scores of another tool's lists: ranking metrics as means over the scored users, and diversity
    /// figures where the inputs allow them.
    public struct Summary: Sendable, Codable, Equatable {
        /// The users scored: those with at least one relevant item in the query file.
        public var users: Int
        /// Scored users with no list in the top-k file: they count as 0 in every mean rather than being left
        /// out, so a tool cannot score well by skipping hard users.
        public var usersWithoutRecommendations: Int
        /// Mean NDCG@cutoff over the scored users.
        public var ndcg: Double
        /// Mean Recall@cutoff: the share of a user's relevant items found in their top cutoff.
        public var recall: Double
        /// Mean HR@cutoff: the share of scored users with at least one relevant item in their top cutoff.
        public var hr: Double
        /// Mean reciprocal rank of each user's first relevant item in their top cutoff (0 when none is there), as
        /// `evaluate` computes it on its top-cutoff lists.
        public var mrr: Double
        /// 1 − the mean Jaccard overlap of two scored users' lists (nil with fewer than two lists).
        public var personalisation: Double?
        /// With the training interactions: the lists' novelty and the Gini index of recommendations
        /// over the catalogue (the items in the training file or in a list).
        public var novelty: Double?, gini: Double?
        /// With item features: the mean intra-list diversity (1 − cosine of TF-IDF vectors over the
        /// pairs of a list), over the lists of two or more items.
        public var intraListDiversity: Double?
    }

    /// Scores each query user's list against their relevant query items, as `evaluate` scores a method's.
    /// - Parameters:
    ///   - topK: path of the lists, `user item rank [score]` rows, plain or gzip-compressed, with an optional header (as
    ///     `recommend --format tsv` writes); lower ranks first, the file's order breaking ties, an item listed twice
    ///     counted where it first appears. Users who are not in the query file are ignored.
    ///   - query: path of the held-out interactions, `user item [value …]`; a user with no relevant item is not scored.
    ///   - threshold: for explicit query files, the rating at or above which an item is relevant, read from column 3;
    ///     nil makes every query row relevant.
    ///   - cutoff: the n of NDCG@n, Recall@n, HR@n and MRR@n, and how much of each list the diversity figures read; 10 by default.
    ///   - train: path of the interactions the lists were made from (`user item …`), for novelty and Gini; nil leaves
    ///     them out.
    ///   - itemFeatures: path of `item feature [weight]` rows (as `import --item-features` reads them), for intra-list
    ///     diversity; rows of items in none of the other files are counted out, not an error. nil leaves it out.
    /// - Returns: The means over the scored users, and the diversity figures the inputs allow.
    /// - Throws: `InputError` with the file (and line, for one bad line) when a file is missing or unreadable, a query
    ///   or training line has fewer than two columns, a query line has no numeric value in column 3 although
    ///   `threshold` was given, a top-k line lacks a numeric rank, the query file holds no relevant interaction, or
    ///   the features file has a bad line or no data lines.
    public static func score(topK: String, query: String, threshold: Float? = nil, cutoff: Int = 10, train: String? = nil,
                             itemFeatures: String? = nil) throws -> Summary {
        var users = IDMap(), items = IDMap()
        var relevant: [Int32: Set<Int32>] = [:]
        try RecordScanner.forEachPair(inFile: query) { r in
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
        var shown: [[Int32]] = []
        // Users in index order: a float sum in a dictionary's order would differ between runs.
        let scored = relevant.filter { !$0.value.isEmpty }.keys.sorted()
        for user in scored {
            let wanted = relevant[user]!
            // By rank, the file's order breaking ties; an item listed twice counts once, where first.
            var seen = Set<Int32>()
            let ranked = (lists[user] ?? []).enumerated()
                .sorted { $0.element.rank != $1.element.rank ? $0.element.rank < $1.element.rank : $0.offset < $1.offset }
                .map(\.element.item).filter { seen.insert($0).inserted }
            if ranked.isEmpty { missing += 1 } else { shown.append(Array(ranked.prefix(cutoff))) }
            sums.ndcg += RankingMetrics.ndcg(ranked, relevant: wanted, at: cutoff)
            sums.recall += RankingMetrics.recall(ranked, relevant: wanted, at: cutoff)
            sums.hr += RankingMetrics.hitRate(ranked, relevant: wanted, at: cutoff)
            sums.mrr += RankingMetrics.reciprocalRank(Array(ranked.prefix(cutoff)), relevant: wanted)
        }
        let n = Double(max(scored.count, 1))
        var summary = Summary(users: scored.count, usersWithoutRecommendations: missing,
                              ndcg: sums.ndcg / n, recall: sums.recall / n, hr: sums.hr / n, mrr: sums.mrr / n)
        let personalisation = DiversityMetrics.personalisation(shown)
        summary.personalisation = personalisation.isNaN ? nil : personalisation
        if let train {
            // Popularity as the lists' maker saw it: distinct users per item in the training file.
            var trainUsers = IDMap(), pairs = Set<Int64>()
            try RecordScanner.forEachPair(inFile: train) { r in
                pairs.insert(Int64(trainUsers.intern(r.field(0))) << 32 | Int64(items.intern(r.field(1))))
            }
            var popularity = [Int](repeating: 0, count: items.count)
            for pair in pairs { popularity[Int(pair & 0xFFFF_FFFF)] += 1 }
            let diversity = DiversityMetrics.ofLists(shown, itemCount: items.count, popularity: { popularity[Int($0)] },
                                                     userCount: trainUsers.count)
            (summary.novelty, summary.gini) = (diversity.novelty, diversity.gini)
        }
        if let itemFeatures {
            let (features, _) = try ItemFeatureReader().read(try TextSource(path: itemFeatures), items: items)
            let content = ItemContent(features)
            let lists = shown.compactMap { DiversityMetrics.intraListDiversity($0, content: content) }
            summary.intraListDiversity = lists.isEmpty ? nil : lists.reduce(0, +) / Double(lists.count)
        }
        return summary
    }
}
