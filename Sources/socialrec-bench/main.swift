import Foundation

// socialrec-bench: the release-build benchmarks behind `tools/bench`.
// Usage: socialrec-bench DATASETS_DIR [GENERATED_EDGE_LIST]
let arguments = CommandLine.arguments.dropFirst()
guard let datasets = arguments.first else {
    FileHandle.standardError.write(Data("usage: socialrec-bench DATASETS_DIR [GENERATED_EDGE_LIST]\n".utf8))
    exit(2)
}
let slashdot = "\(datasets)/slashdot/soc-Slashdot0902.txt.gz"
var rows: [BenchRow] = []
if CommandLine.arguments.contains("--latency-only") {  // for profiling the serving path alone
    printTable([ServingBench.latencyRow(try ServingBench.lastfm(datasets), model: nil, label: "Last.fm (untrained weights)", target: "p99 ≤ 5 ms"),
                ServingBench.latencyRow(try ServingBench.ciao(datasets), model: nil, label: "Ciao (untrained weights)", target: "p99 ≤ 20 ms")])
    exit(0)
}
if CommandLine.arguments.contains("--catalogue-only") {  // the catalogue-scale rows alone
    printTable(try CatalogueBench.rows(trains: !CommandLine.arguments.contains("--no-training")))
    exit(0)
}
do {
    note("edge-list reading (Slashdot)")
    rows += try GraphBench.readingRows(path: slashdot, label: "Slashdot")
    if arguments.count > 1 {
        note("edge-list reading (generated file)")
        rows += try GraphBench.readingRows(path: arguments[arguments.startIndex + 1], label: "generated 50M edges")
    }
    note("ego-networks and personalised PageRank")
    rows += try GraphBench.egoRows(path: slashdot)
    note("SQLite import")
    rows += try StoreBench.importRows(graphPath: slashdot)
    note("meta-training throughput (and the same loop in PyTorch)")
    rows += metaLearningBenchRows()
    note("meta-training on Last.fm (about a minute)")
    let lastfm = try ServingBench.lastfm(datasets)
    let (trainingRows, model) = try ServingBench.trainingRows(lastfm)
    rows += trainingRows
    note("serving latency")
    rows.append(ServingBench.latencyRow(lastfm, model: model, label: "Last.fm (17,632 items)", target: "p99 ≤ 5 ms"))
    rows.append(ServingBench.latencyRow(try ServingBench.ciao(datasets), model: nil, label: "Ciao (105,114 items, untrained weights)",
                                        target: "p99 ≤ 20 ms"))
    rows += try CatalogueBench.rows(trains: true)
    note("Graphviz drawing")
    rows += graphvizBenchRows()
} catch {
    FileHandle.standardError.write(Data("socialrec-bench: \(error)\n".utf8))
    exit(1)
}
printTable(rows)
