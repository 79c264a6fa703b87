import Foundation
import RecData

/// Items as TF-IDF feature vectors of unit length, with an inverted index (feature → items), so
/// that a profile's cosine against every item costs the items that share a feature with it.
public struct ItemContent: Sendable {
    /// The features as imported (`item feature [weight]`).
    public let features: ItemFeatures
    /// Per (item, feature) pair of `features`: the unit-length TF-IDF weight.
    let unitWeights: [Float]
    /// Feature f's items are `postingItems[postingOffsets[f]..<postingOffsets[f + 1]]`, with their weights.
    let postingOffsets: [Int]
    let postingItems: [Int32]
    let postingWeights: [Float]

    /// Weights every (item, feature) by TF-IDF and normalises each item's vector.
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
    /// - Parameters:
    ///   - items: the items whose vectors are summed; a repeat counts again, and an index outside the catalogue adds nothing.
    ///   - weights: each item's weight, position by position of `items` (at least as many); nil, the default, weighs each 1.
    /// - Returns: the profile, not normalised (`cosines` divides by its length); empty when no item has a feature.
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
    /// - Parameters:
    ///   - a: one item, an index below `features.itemCount` (not checked here, unlike in `profile` and `ContentMatch.match(_:)`).
    ///   - b: the other, likewise.
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

/// How well items match a person's content profile: the features of their known items, or with
/// none yet of the items their friends chose. One implementation for the `content-social` baseline
/// and the meta-learner's vote × match feature.
public struct ContentMatch: Sendable {
    /// The items' vectors the profile is matched against.
    public let content: ItemContent
    /// The profile, dense over features, of unit length (all zero for an empty profile).
    private let profile: [Float]

    /// - Parameters:
    ///   - content: the items' vectors.
    ///   - supportItems: the person's known items, whose features are the profile.
    ///   - friends: whose items make the profile when `supportItems` is empty.
    ///   - interactions: what the friends chose.
    public init(content: ItemContent, supportItems: [Int32], friends: [Int32], interactions: InteractionIndex) {
        self.content = content
        let sparse = supportItems.isEmpty
            ? content.profile(friends.flatMap { interactions.items(of: $0) })
            : content.profile(supportItems)
        var dense = [Float](repeating: 0, count: content.features.features.count)
        for (f, w) in sparse { dense[Int(f)] = w }
        let norm = dense.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for f in dense.indices { dense[f] /= norm } }
        profile = dense
    }

    /// The cosine of `item`'s features with the profile.
    public func match(_ item: Int32) -> Float {
        let f = content.features
        guard item >= 0, Int(item) < f.itemCount else { return 0 }
        var sum: Float = 0
        for k in f.offsets[Int(item)]..<f.offsets[Int(item) + 1] { sum += profile[Int(f.featureIndices[k])] * content.unitWeights[k] }
        return sum
    }

    /// Every item's `match`.
    public func matches() -> [Float] { (0..<Int32(content.features.itemCount)).map(match) }
}
