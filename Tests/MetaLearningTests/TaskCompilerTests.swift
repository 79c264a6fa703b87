import Testing
@testable import MetaLearning

/// How examples become loss batches: local rows, loss terms, negatives and group weights.
@Suite struct TaskCompilerTests {
    static func set(_ items: [Int32], width: Int = 0) -> ExampleSet<Double> {
        ExampleSet(items: items, targets: items.map { Double($0) / 10 },
                   pairFeatures: items.flatMap { item in (0..<width).map { Double(item) + Double($0) / 10 } },
                   pairFeatureWidth: width)
    }

    static func compile(_ task: MetaTask<Double>, loss: LossKind, items: Int = 50, width: Int = 0) -> CompiledTask<Double> {
        var random = SplitMix64(seed: 1)
        return TaskCompiler(lossKind: loss, itemCount: items, pairFeatureWidth: width)
            .compile(task, contextWeight: 0.5, random: &random)
    }

    @Test func ratingsMapToAscendingLocalRows() {
        let task = MetaTask(support: Self.set([7, 3, 7]), query: Self.set([9, 3]),
                            contexts: [ContextSet(examples: Self.set([1]), weight: 0.8)])
        let compiled = Self.compile(task, loss: .mse)
        #expect(compiled.items == [1, 3, 7, 9])
        #expect(compiled.inner.rowItems.map { compiled.items[Int($0)] } == [7, 3, 7, 1])
        #expect(compiled.query.rowItems.map { compiled.items[Int($0)] } == [9, 3])
        let third = 1.0 / 3
        let expectedWeights: [Double] = [1, 0.5 * 0.8], expectedCoefficients: [Double] = [third, third, third, 1]
        #expect(compiled.inner.groupWeights == expectedWeights)
        #expect(compiled.inner.terms.map(\.coefficient) == expectedCoefficients)
        #expect(compiled.inner.terms.map(\.group) == [0, 0, 0, 1])
        let expectedTargets: [Double] = [0.7, 0.3, 0.7, 0.1]
        #expect(compiled.inner.terms.map(\.target) == expectedTargets)
        #expect(compiled.inner.isSquaredError)
    }

    @Test func crossEntropyAddsNegativesWithTargetZero() {
        let positives: [Int32] = [0, 1, 2, 3]
        let compiled = Self.compile(MetaTask(support: Self.set(positives), query: Self.set([4])), loss: .bce(negativesPerPositive: 3))
        let inner = compiled.inner
        #expect(inner.terms.count == 4 * (1 + 3))
        #expect(inner.terms.allSatisfy { $0.minus == -1 && $0.coefficient == 1.0 / 16 })
        let negatives = inner.terms.filter { $0.target == 0 && !positives.contains(compiled.items[Int(inner.rowItems[Int($0.plus)])]) }
        #expect(negatives.count == 12, "sampled negatives avoid the set's positives")
        #expect(!inner.isSquaredError)
    }

    @Test func rankingPairsEachPositiveWithItsNegatives() {
        let compiled = Self.compile(MetaTask(support: Self.set([5, 6]), query: Self.set([7])), loss: .bpr(negativesPerPositive: 2))
        let inner = compiled.inner
        #expect(inner.terms.count == 4)
        for term in inner.terms {
            let positive = compiled.items[Int(inner.rowItems[Int(term.minus)])]
            let negative = compiled.items[Int(inner.rowItems[Int(term.plus)])]
            #expect([5, 6].contains(positive) && ![5, 6].contains(negative) && term.target == 0)
        }
    }

    @Test func negativesComeFromThePoolWithTheirPairFeatures() {
        let pool = Self.set([40, 41, 42], width: 2)
        let task = MetaTask(support: Self.set([1, 2], width: 2), query: Self.set([3], width: 2), negativePool: pool)
        let compiled = Self.compile(task, loss: .bpr(negativesPerPositive: 5), width: 2)
        let inner = compiled.inner
        for term in inner.terms {
            let row = Int(term.plus), item = compiled.items[Int(inner.rowItems[row])]
            #expect([40, 41, 42].contains(item))
            #expect(Array(inner.pairFeatures[(2 * row)..<(2 * row + 2)]) == [Double(item), Double(item) + 0.1])
        }
    }
}
