import GraphFeatures

/// A checkpoint is input: anyone can edit its header and recompute its checksum. Every field that
/// shapes the model or the work it does is checked here against sane bounds before a model is built
/// from it, so a hostile or damaged file is refused with a sentence instead of crashing, hanging or
/// recommending nothing.
extension ModelCheckpoint.Header {
    func boundsViolation() -> String? {
        guard collaborativeWidth == configuration.collaborativeFactors else { return "the ALS factors' width does not match the configuration" }
        if let violation = Self.violation(configuration, itemCount: itemCount, parameterCount: parameterCount, innerRateCount: innerRateCount,
                                          contextWeight: contextWeight, influence: influence) { return violation }
        guard let n = newcomers else { return nil }
        guard n.configuration.collaborativeFactors == configuration.collaborativeFactors else {
            return "the newcomers' model has other ALS factors than the main model"
        }
        return Self.violation(n.configuration, itemCount: itemCount, parameterCount: n.parameterCount, innerRateCount: n.innerRateCount,
                              contextWeight: n.contextWeight, influence: n.influence).map { "the newcomers' model: \($0)" }
    }

    private static func violation(
        _ c: SocialMetaConfiguration, itemCount: Int, parameterCount: Int, innerRateCount: Int, contextWeight: Float, influence: InfluenceScorer
    ) -> String? {
        func outside<T: Comparable>(_ name: String, _ value: T, _ range: ClosedRange<T>) -> String? {
            range.contains(value) ? nil : "\(name) is \(value), outside \(range.lowerBound)…\(range.upperBound)"
        }
        func finite(_ name: String, _ values: [Float], _ range: ClosedRange<Float>) -> String? {
            values.allSatisfy { $0.isFinite && range.contains($0) } ? nil : "\(name) is not a finite number in \(range.lowerBound)…\(range.upperBound)"
        }
        let checks: [String?] = [
            outside("the item count", itemCount, 1...100_000_000),
            outside("the embedding width", c.embeddingWidth, 0...1_024),
            outside("the item-factor width", c.itemFactorWidth, 0...1_024),
            outside("the user-state width", c.userStateWidth, 0...1_024),
            outside("the number of hidden layers", c.hiddenWidths.count, 1...8),
            c.hiddenWidths.allSatisfy { (1...4_096).contains($0) } ? nil : "a hidden layer's width is outside 1…4096",
            outside("the inner steps", c.innerSteps, 1...50),
            finite("the inner rate", [c.innerRate], 0...100),
            outside("the friends per task", c.maxFriends, 0...1_000),
            outside("the items per friend", c.itemsPerFriend, 0...10_000),
            outside("the ALS factors", c.collaborativeFactors, 0...1_024),
            outside("BPR's negatives", c.negativesPerPositive, 1...1_000),
            outside("the softmax's negatives", c.softmaxNegatives, 1...100_000),
            finite("the temperature", [c.temperature], 0.01...100),
            finite("a prior weight", [c.socialVotePrior, c.twoHopWeight, c.popularityPrior, c.collaborativePrior, c.coOccurrencePrior, c.contentPrior, c.contextWeight], -1_000...1_000),
            finite("λ", [contextWeight], -1_000...1_000),
            influence.a.count == TieFeatures.width ? finite("an influence weight", influence.a, -1_000...1_000)
                : "the influence scorer has \(influence.a.count) weights, not \(TieFeatures.width)",
            outside("the parameter count", parameterCount, 0...1_000_000_000),
            itemCount.multipliedReportingOverflow(by: c.embeddingWidth + (c.itemFactorWidth > 0 ? c.itemFactorWidth + 1 : 0))
                .partialValue <= parameterCount ? nil
                : "the item count and embedding and factor widths need more parameters than the checkpoint holds",
            outside("the inner-rate count", innerRateCount, 0...1_000_000_000),
        ]
        return checks.compactMap { $0 }.first
    }
}
