import Foundation
import RecData

/// Items as TF-IDF feature vectors of unit length, with an inverted index (feature → items), so
/// that a profile's cosine against every item costs the items that share a feature with it.
public struct ItemContent: Sendable {
    public let features: ItemFeatures
    /// Per (item, feature) pair of `features`: the unit-length TF-IDF weight.
    let unitWeights: [Float]
    /// Feature f's items are `postingItems[postingOffsets[f]..<postingOffsets[f + 1]]`, with their weights.
    let postingOffsets: [Int]
    let postingItems: [Int32]
    let postingWeights: [Float]

    public init(_ features: ItemFeatures) {
        self.features = features
        let featureCount = features.features.count
        var itemsWithFeature = [Int](repeating: 0, count: featureCount)
        for f in features.featureIndices { itemsWithFeature[Int(f)] += 1 }
        let described = Double(max(1, features.itemsWithFeatures))
        var unit = [Float](repeating: 0, count: features.assignmentCount)
        for i in 0..<Int32(features.itemCount) {
            let range = features.offsets[Int(i)]..<features.offsets[Int(i) + 1]
            var norm: Double = 0
            for k in range {
                let idf = log(described / Double(itemsWithFeature[Int(features.featureIndices[k])])) + 1
                unit[k] = Float(Double(features.weights[k]) * idf)
                norm += Double(unit[k]) * Double(unit[k])
            }
            let scale = norm > 0 ? Float(1 / norm.squareRoot()) : 0
            for k in range { unit[k] *= scale }
        }
        unitWeights = unit
        var offsets = [Int](repeating: 0, count: featureCount + 1)
        for f in features.featureIndices { offsets[Int(f) + 1] += 1 }
        for f in 0..<featureCount { offsets[f + 1] += offsets[f] }
        var cursor = offsets, items = [Int32](repeating: 0, count: features.assignmentCount), weights = [Float](repeating: 0, count: features.assignmentCount)
        for i in 0..<Int32(features.itemCount) {
            for k in features.offsets[Int(i)]..<features.offsets[Int(i) + 1] {
                let f = Int(features.featureIndices[k])
                items[cursor[f]] = i
                weights[cursor[f]] = unit[k]
                cursor[f] += 1
            }
        }
        (postingOffsets, postingItems, postingWeights) = (offsets, items, weights)
    }

    /// The sum of `items`' unit vectors, each times its weight, as feature → weight.
    public func profile(_ items: [Int32], weights: [Float]? = nil) -> [Int32: Float] {
        var profile: [Int32: Float] = [:]
        for (n, i) in items.enumerated() where i >= 0 && Int(i) < features.itemCount {
            let w = weights?[n] ?? 1
            for k in features.offsets[Int(i)]..<features.offsets[Int(i) + 1] { profile[features.featureIndices[k], default: 0] += w * unitWeights[k] }
        }
        return profile
    }

    /// Every item's cosine with `profile` (0 for items sharing no feature with it).
    public func cosines(_ profile: [Int32: Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: features.itemCount)
        let norm = profile.values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return scores }
        // In feature order: the same float sums whatever the dictionary's order.
        for (f, w) in profile.sorted(by: { $0.key < $1.key }) {
            for k in postingOffsets[Int(f)]..<postingOffsets[Int(f) + 1] { scores[Int(postingItems[k])] += w / norm * postingWeights[k] }
        }
        return scores
    }

    /// The cosine of two items' vectors (0 when either has no features).
    public func cosine(_ a: Int32, _ b: Int32) -> Float {
        var ka = features.offsets[Int(a)], kb = features.offsets[Int(b)]
        let ea = features.offsets[Int(a) + 1], eb = features.offsets[Int(b) + 1]
        var sum: Float = 0
        while ka < ea && kb < eb {
            let fa = features.featureIndices[ka], fb = features.featureIndices[kb]
            if fa == fb { sum += unitWeights[ka] * unitWeights[kb]; ka += 1; kb += 1 } else if fa < fb { ka += 1 } else { kb += 1 }
        }
        return sum
    }
}

/// Content-based filtering: the cosine of each item's features with the person's profile (the
/// features of their known items), plus popularity in a small share that orders what the profile
/// does not reach. With no known items it is most-popular.
public struct ContentBased: Recommender {
    public let name = "content"
    public let data: VisibleData
    public let content: ItemContent
    /// The weight of popularity (relative to the most popular item) beside the cosine.
    public var popularityWeight: Float
    /// The weights tried on validation users.
    public static let grid: [Float] = [0.01, 0.1, 0.3]

    public init(_ data: VisibleData, popularityWeight: Float = 0.1) {
        self.data = data
        content = ItemContent(data.itemFeatures)
        self.popularityWeight = popularityWeight
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let support = Baseline.support(request, itemCount: data.itemCount)
        var scores = content.cosines(content.profile(support.items))
        let index = data.interactions, top = Float(max(1, index.maxPopularity))
        for i in scores.indices { scores[i] += popularityWeight * Float(index.popularity(Int32(i))) / top }
        return Baseline.rank(scores, count: count, support: support.items)
    }
}

/// What a careful practitioner would build by hand from content and friends: social popularity's
/// vote, re-weighted by how well each item's features match the person's profile (their known
/// items, or with none yet the items their friends chose): vote · (1 + γ · cosine).
public struct ContentSocial: Recommender {
    public let name = "content-social"
    public let vote: SocialPopularity
    public let content: ItemContent
    public var matchWeight: Float

    /// γ and the vote's two-hop weight; γ = 0 is social popularity itself, so the hybrid is never
    /// chosen below the vote it starts from on validation users.
    public struct Configuration: Sendable, CustomStringConvertible {
        public var matchWeight: Float
        public var twoHopWeight: Float
        public var description: String { "match weight \(matchWeight), two-hop weight \(twoHopWeight)" }
    }

    /// The settings tried on validation users.
    public static let grid: [Configuration] = [Float(0.2), 1].flatMap { twoHop in
        [Float(0), 0.5, 2, 8].map { Configuration(matchWeight: $0, twoHopWeight: twoHop) }
    }

    public init(_ data: VisibleData, matchWeight: Float = 2, twoHopWeight: Float = 0.1) {
        vote = SocialPopularity(data, twoHopWeight: twoHopWeight)
        content = ItemContent(data.itemFeatures)
        self.matchWeight = matchWeight
    }

    public func recommend(_ request: RecommendationRequest, count: Int) -> [ScoredItem] {
        let data = vote.data
        let support = Baseline.support(request, itemCount: data.itemCount)
        let (votes, brought) = vote.score(request)
        let profile = support.items.isEmpty
            ? content.profile(request.friends(in: data.graph).flatMap { data.interactions.items(of: $0) })
            : content.profile(support.items)
        let match = content.cosines(profile)
        var scores = votes
        for i in scores.indices { scores[i] *= 1 + matchWeight * match[i] }
        return Baseline.rank(scores, count: count, support: support.items).map {
            ScoredItem(item: $0.item, score: $0.score, broughtBy: brought[$0.item] ?? [])
        }
    }
}
