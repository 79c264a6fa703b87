import Foundation
import GraphvizExport
import Recommenders
import SocialGraphModule
import Store
import Synchronization

/// What `serve` answers from: the dataset, and the newest checkpoint's model over it. A new
/// checkpoint is picked up between requests; a request keeps the snapshot it started with.
final class ServingState: Sendable {
    struct Snapshot: Sendable {
        let dataset: SocialDataset
        let visible: VisibleData
        /// The trained model, or social popularity before any training.
        let recommender: any Recommender
        let model: (model: SocialMetaModel, checkpoint: Int64)?
        /// Known users' answers on this model: the dataset and the model do not change under a
        /// snapshot, so neither does what a known user is recommended.
        let answers: AnswerCache
    }

    let path: String
    let cacheLimit: Int
    let started = Date()
    private let current: Mutex<(snapshot: Snapshot, checkedAt: Date)>
    /// How often the store is asked for a newer checkpoint.
    static let pollInterval: TimeInterval = 0.5

    /// `cacheLimit`: how many known users' answers each model keeps (0: every answer computed).
    init(path: String, cacheLimit: Int) throws {
        self.path = path
        self.cacheLimit = cacheLimit
        let store = try SocialStore(path: path, access: .readOnly)
        let dataset = try store.loadDataset()
        current = Mutex((try Self.load(dataset: dataset, visible: VisibleData(dataset), store: store, cacheLimit: cacheLimit), Date()))
    }

    /// The snapshot to answer the next request from, after a cheap look for a newer checkpoint.
    /// The look opens the file afresh: a read-only connection opened while no writer was connected
    /// reads the file as it was then (see `SocialStore.readOnlyLocation`).
    func snapshot() -> Snapshot {
        let (snapshot, checkedAt) = current.withLock { ($0.snapshot, $0.checkedAt) }
        guard Date().timeIntervalSince(checkedAt) >= Self.pollInterval else { return snapshot }
        guard let store = try? SocialStore(path: path, access: .readOnly),
              let newest = try? store.latestCheckpointID(), newest != snapshot.model?.checkpoint,
              let next = try? Self.load(dataset: snapshot.dataset, visible: snapshot.visible, store: store, cacheLimit: cacheLimit)
        else {
            current.withLock { $0.checkedAt = Date() }
            return snapshot
        }
        current.withLock { $0 = (next, Date()) }
        return next
    }

    private static func load(dataset: SocialDataset, visible: VisibleData, store: SocialStore, cacheLimit: Int) throws -> Snapshot {
        let answers = AnswerCache(limit: cacheLimit)
        guard let record = try store.latestCheckpoint() else {
            return Snapshot(dataset: dataset, visible: visible, recommender: SocialPopularity(visible), model: nil, answers: answers)
        }
        let model = try RecommenderChoice.decode(record.blob, store: store, origin: "\(store.path): checkpoint \(record.id)")
        return Snapshot(dataset: dataset, visible: visible,
                        recommender: SocialMetaRecommender(model: model, data: visible, candidates: .graph(limit: 500)),
                        model: (model, record.id), answers: answers)
    }
}

/// Encoded answers by request, up to a limit; past it, answers are computed and not kept.
final class AnswerCache: Sendable {
    struct Key: Hashable, Sendable {
        var user: Int32
        var k: Int
        var explain: Bool
    }

    let limit: Int
    private let kept = Mutex<[Key: Data]>([:])

    init(limit: Int) { self.limit = limit }

    /// The answer kept for `key`, or `compute`'s, kept while there is room.
    func answer(_ key: Key, compute: () -> Data) -> Data {
        guard limit > 0 else { return compute() }
        if let kept = kept.withLock({ $0[key] }) { return kept }
        let answer = compute()
        kept.withLock { kept in if kept.count < limit { kept[key] = answer } }
        return answer
    }
}

/// Request counts and latency histograms per endpoint, in Prometheus' text format.
final class ServingMetrics: Sendable {
    static let bounds: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Series {
        var buckets = [Int](repeating: 0, count: ServingMetrics.bounds.count)
        var count = 0
        var sum = 0.0
    }

    private let series = Mutex<[String: Series]>([:])
    private let statuses = Mutex<[String: Int]>([:])

    func record(endpoint: String, status: Int, seconds: Double) {
        series.withLock { all in
            var s = all[endpoint] ?? Series()
            for (b, bound) in Self.bounds.enumerated() where seconds <= bound { s.buckets[b] += 1 }
            s.count += 1
            s.sum += seconds
            all[endpoint] = s
        }
        statuses.withLock { $0["endpoint=\"\(endpoint)\",status=\"\(status)\"", default: 0] += 1 }
    }

    func text() -> String {
        var out = "# HELP socialrec_requests_total Requests answered, by endpoint and status.\n# TYPE socialrec_requests_total counter\n"
        for (labels, n) in statuses.withLock({ $0 }).sorted(by: { $0.key < $1.key }) { out += "socialrec_requests_total{\(labels)} \(n)\n" }
        out += "# HELP socialrec_request_duration_seconds Time to answer, by endpoint.\n# TYPE socialrec_request_duration_seconds histogram\n"
        for (endpoint, s) in series.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            for (b, bound) in Self.bounds.enumerated() {
                out += "socialrec_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} \(s.buckets[b])\n"
            }
            out += "socialrec_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} \(s.count)\n"
            out += "socialrec_request_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(s.sum)\n"
            out += "socialrec_request_duration_seconds_count{endpoint=\"\(endpoint)\"} \(s.count)\n"
        }
        return out
    }
}
