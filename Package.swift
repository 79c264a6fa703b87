// swift-tools-version: 6.1
// socialrec: graph-aware social recommendation with meta-learning.
// One module a concern (docs/architecture.md); a module imports only what it lists here, which
// tools/check-imports enforces. Arrows point to what a module may use:
//   socialrec (CLI) → SocialRec (umbrella: the library API, training for serving) → Evaluation, GraphvizExport, Store; SampleData
//   Evaluation → Recommenders → MetaLearning, GraphFeatures → SocialGraphModule → RecData → SeededRandom
// Evaluation's registry of baselines is generated at build time (plugin BaselineRegistry, tool
// baseline-registry, which imports Foundation alone) from the types in Recommenders that conform
// to RegisteredBaseline.
import PackageDescription

import Foundation

/// The numeric modules are compiled with optimisation in debug builds of the project's own test
/// suite: it trains real models, which unoptimised code runs 10–50× slower. Only `tools/test` sets
/// SOCIALREC_OPTIMISED_DEBUG, so a package that depends on socialrec sees no unsafe flags (SwiftPM
/// refuses them in a versioned dependency) and builds it like any other.
let optimisedInDebug: [SwiftSetting] = ProcessInfo.processInfo.environment["SOCIALREC_OPTIMISED_DEBUG"] == "1"
    ? [.unsafeFlags(["-O"], .when(configuration: .debug))] : []

/// The library modules, each a product; `SocialRec` re-exports them all.
let libraryModules = ["RecData", "SocialGraphModule", "Store", "GraphFeatures", "MetaLearning", "Recommenders", "Evaluation", "GraphvizExport"]

let package = Package(
    name: "socialrec",
    products: [
        .executable(name: "socialrec", targets: ["socialrec"]),
        .library(name: "SocialRec", targets: ["SocialRec"]),
    ] + libraryModules.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        // `swift package generate-documentation --target SocialRec`: the DocC catalogue's articles.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "SeededRandom"),
        // `parallelMap`: work spread over the cores, for the modules that train and evaluate.
        .target(name: "Parallelism"),
        .target(name: "RecData", dependencies: ["CZlib", "SeededRandom"]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "MetaLearning", dependencies: ["COpenBLAS", "SeededRandom"], swiftSettings: optimisedInDebug),
        .target(name: "SocialGraphModule", dependencies: ["RecData"]),
        .target(
            name: "Store",
            dependencies: [
                "RecData", "SocialGraphModule",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(name: "GraphFeatures", dependencies: ["RecData", "SocialGraphModule"], swiftSettings: optimisedInDebug),
        .target(name: "Recommenders", dependencies: ["RecData", "SocialGraphModule", "GraphFeatures", "MetaLearning", "Parallelism"],
                swiftSettings: optimisedInDebug),
        .target(name: "Evaluation", dependencies: ["RecData", "SocialGraphModule", "GraphFeatures", "Recommenders", "Parallelism"],
                plugins: ["BaselineRegistry"]),
        // Lists Recommenders' `RegisteredBaseline` types for Evaluation's registry at build time.
        .executableTarget(name: "baseline-registry"),
        .plugin(name: "BaselineRegistry", capability: .buildTool(), dependencies: ["baseline-registry"]),
        .target(name: "SampleData", dependencies: ["RecData", "SocialGraphModule"]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "GraphvizExport", dependencies: ["CGraphviz", "SocialGraphModule", "RecData"]),
        .target(name: "SocialRec", dependencies: libraryModules.map { .target(name: $0) }),
        .executableTarget(
            name: "socialrec",
            dependencies: [
                "RecData", "SocialGraphModule", "Store", "SampleData", "GraphvizExport", "Recommenders", "Evaluation", "GraphFeatures", "SocialRec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "socialrec-bench",
            dependencies: ["RecData", "SocialGraphModule", "Store", "SampleData", "GraphvizExport", "MetaLearning", "Recommenders", "Evaluation", "SocialRec"]),
        .executableTarget(name: "fuzz-readers", dependencies: ["RecData", "SocialGraphModule"]),
        .target(name: "TestSupport", dependencies: ["CZlib"], path: "Tests/TestSupport"),
        .testTarget(name: "RecDataTests", dependencies: ["RecData", "TestSupport"]),
        .testTarget(name: "SocialGraphTests", dependencies: ["SocialGraphModule", "RecData", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SocialGraphModule", "RecData", "TestSupport"]),
        .testTarget(name: "MetaLearningTests", dependencies: ["MetaLearning"]),
        .testTarget(name: "GraphFeaturesTests", dependencies: ["GraphFeatures", "SocialGraphModule", "RecData"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Recommenders", "RecData", "SocialGraphModule", "TestSupport"]),
        .testTarget(name: "RecommendersTests", dependencies: ["Recommenders", "RecData", "SocialGraphModule", "GraphFeatures", "MetaLearning", "Evaluation", "TestSupport"]),
        .testTarget(name: "GraphvizExportTests", dependencies: ["GraphvizExport"]),
        .testTarget(name: "SampleDataTests", dependencies: ["SampleData", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["socialrec", "baseline-registry", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
