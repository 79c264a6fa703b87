import Parallelism
import RecData
import Recommenders

/// Top-`count` lists for many people, ranked in blocks spread over the cores. A recommender may
/// share work within a block (the social meta-learner reads its item factors once per block), and
/// the blocks do not depend on the thread count, so neither do the lists.
enum BlockRanking {
    static let blockSize = 16

    /// Each request's list of items, in order; nil where there is no request.
    static func lists(_ recommender: any Recommender, requests: [RecommendationRequest?], count: Int) -> [[Int32]?] {
        let starts = Array(stride(from: 0, to: requests.count, by: blockSize))
        return parallelMap(starts.count) { b -> [[Int32]?] in
            let block = requests[starts[b]..<min(starts[b] + blockSize, requests.count)]
            var ranked = recommender.recommend(block.compactMap { $0 }, count: count).makeIterator()
            return block.map { request in request.map { _ in ranked.next()!.map(\.item) } }
        }.flatMap { $0 }
    }
}
