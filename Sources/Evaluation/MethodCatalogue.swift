import Recommenders

/// The methods `socialrec evaluate` knows by name, each with the configurations it may choose from on
/// validation users.
public enum MethodCatalogue {
    public static var all: [MethodSpec] {
        [
            MethodSpec(name: "most-popular") { MostPopular($0.visible) },
            MethodSpec(name: "social-popularity", candidates: [0, 0.05, 0.2, 1].map { w in
                .init(label: "two-hop weight \(w)") { SocialPopularity($0.visible, twoHopWeight: Float(w)) }
            }),
            tuned("item-knn", ItemKNN.grid) { ItemKNN($0.visible, configuration: $1, seed: $0.seed) },
            tuned("user-knn", UserKNN.grid) { UserKNN($0.visible, configuration: $1, seed: $0.seed) },
            tuned("bpr-mf", BPRMF.Configuration.grid) { BPRMF($0.visible, configuration: $1, seed: $0.seed) },
            tuned("ials", ImplicitALS.Configuration.grid) { ImplicitALS($0.visible, configuration: $1, seed: $0.seed) },
            tuned("social-mf", SocialMF.Configuration.grid) { SocialMF($0.visible, configuration: $1, seed: $0.seed) },
            tuned("item-mean", ItemMean.Configuration.grid) { ItemMean($0.visible, configuration: $1, seed: $0.seed) },
        ] + SocialMetaMethod.allCases.map { MetaMethods.spec($0) }
    }

    public static var names: [String] { all.map(\.name) }

    /// A method whose configurations are searched on validation users.
    static func tuned<C: CustomStringConvertible & Sendable>(
        _ name: String, _ grid: [C], make: @escaping @Sendable (MethodContext, C) -> any Recommender
    ) -> MethodSpec {
        MethodSpec(name: name, candidates: grid.map { c in .init(label: c.description) { make($0, c) } })
    }

    /// The specs for a comma-separated list, in the order given; unknown names are an error.
    public static func specs(_ list: String) throws -> [MethodSpec] {
        let known = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        return try list.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let spec = known[name] else { throw UnknownMethod(name: name, known: names) }
            return spec
        }
    }

    public struct UnknownMethod: Error, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var description: String { "unknown method '\(name)'; known: \(known.joined(separator: ", "))" }
    }
}

import Foundation
