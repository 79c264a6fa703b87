import Foundation
import SocialGraphModule
import Store

/// SQLite bulk import throughput.
enum StoreBench {
    static func importRows(graphPath: String) throws -> [BenchRow] {
        var reader = DatasetReader()
        reader.graphFile = graphPath
        let (dataset, _) = try reader.read()
        let rows = dataset.users.count + dataset.items.count + dataset.graph.arcCount + dataset.interactions.count
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("socialrec-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = 0
        let seconds = try bestTime {
            run += 1
            let store = try SocialStore(path: directory.appendingPathComponent("bench\(run).db").path)
            try store.importDataset(dataset)
        }
        return [BenchRow(figure: "SQLite import, Slashdot (\(rows.formatted()) rows), rows/s",
                         measured: "\(Int(Double(rows) / seconds).formatted())", target: "≥ 500,000")]
    }
}
