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
    note("Graphviz drawing")
    rows += graphvizBenchRows()
} catch {
    FileHandle.standardError.write(Data("socialrec-bench: \(error)\n".utf8))
    exit(1)
}
printTable(rows)
