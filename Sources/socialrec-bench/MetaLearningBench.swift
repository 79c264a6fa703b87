import Foundation
import MetaLearning

// Meta-training throughput, against the same loop in PyTorch (tools/compare/maml_torch.py).
// Shape: 2,000 items, embedding 32, user state 32, MLP 64-64, MSE on ratings, support 20,
// query 20, one inner step, meta-batch 32, one thread, Adam outer optimiser.

private let benchItems = 2_000, benchBatch = 32, benchSupport = 20, benchQuery = 20

/// Synthetic rating tasks: per-user linear tastes over hidden item features.
private func benchTasks(count: Int, seed: UInt64) -> [MetaTask<Float>] {
    var random = SplitMix64(seed: seed)
    let featureWidth = 8
    let features: [Float] = (0..<(benchItems * featureWidth)).map { _ in random.normal() }
    return (0..<count).map { _ in
        let taste: [Float] = (0..<featureWidth).map { _ in random.normal() }
        func set(_ n: Int) -> ExampleSet<Float> {
            var set = ExampleSet<Float>()
            for _ in 0..<n {
                let item = Int(random.next() % UInt64(benchItems))
                var rating: Float = 0
                for j in 0..<featureWidth { rating += taste[j] * features[item * featureWidth + j] }
                set.append(item: Int32(item), target: rating)
            }
            return set
        }
        return MetaTask(support: set(benchSupport), query: set(benchQuery))
    }
}

/// Meta-training tasks per second for one algorithm, best of three timed rounds. One thread is
/// timed in process CPU time, which other processes on a shared machine do not inflate (the
/// PyTorch script does the same); several threads in wall-clock time.
func metaTrainingThroughput(_ algorithm: MetaAlgorithm, threads: Int = 1, seconds: Double = 3) -> Double {
    let config = PreferenceModelConfig(
        itemCount: benchItems, embeddingWidth: 32, userStateWidth: 32, hiddenWidths: [64, 64], loss: .mse)
    let learner = MetaLearner(
        model: PreferenceModel<Float>(config: config, seed: 1), algorithm: algorithm, innerSteps: 1, innerRate: 0.01)
    var trainer = MetaTrainer(learner: learner, optimizer: Optimizer(.adam(learningRate: 1e-3)), threads: threads)
    let batches = (0..<16).map { benchTasks(count: benchBatch, seed: UInt64($0)) }
    for batch in batches.prefix(2) { _ = try? trainer.train(on: batch) }  // warm-up
    let clock: () -> Double = threads == 1 ? { processCPUSeconds() } : { wallSeconds() }
    var best = 0.0
    for _ in 0..<3 {
        var steps = 0
        let start = clock()
        var elapsed = 0.0
        while elapsed < seconds / 3 {
            _ = try? trainer.train(on: batches[steps % batches.count])
            steps += 1
            elapsed = clock() - start
        }
        best = max(best, Double(steps * benchBatch) / elapsed)
    }
    return best
}

func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func wallSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Runs tools/compare/maml_torch.py (relative to the current directory) on one thread and
/// parses its `<algorithm> <tasks/s>` lines; the error says why there are none.
private func pytorchThroughput() -> Result<[String: Double], PyTorchUnavailable> {
    let script = "tools/compare/maml_torch.py"
    guard FileManager.default.fileExists(atPath: script) else { return .failure(.init(reason: "\(script) not found")) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script]
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_NUM_THREADS"] = "1"
    environment["MKL_NUM_THREADS"] = "1"
    process.environment = environment
    // stderr goes to a file: with two pipes read one after the other, a chatty stderr could
    // fill its pipe and stall the script.
    let errorsURL = FileManager.default.temporaryDirectory.appendingPathComponent("maml_torch.\(getpid()).err")
    _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorsURL) }
    let output = Pipe()
    process.standardOutput = output
    do {
        process.standardError = try FileHandle(forWritingTo: errorsURL)
        try process.run()
    } catch {
        return .failure(.init(reason: "python3 not runnable: \(error)"))
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorText = (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? ""
    var figures: [String: Double] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.count == 2, let value = Double(fields[1]) { figures[String(fields[0])] = value }
    }
    if process.terminationStatus != 0 || figures.isEmpty {
        if errorText.contains("No module named 'torch'") {
            return .failure(.init(reason: "torch not installed (pip install -r tools/compare/requirements.txt)"))
        }
        let reason = errorText.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
        return .failure(.init(reason: "run failed: \(reason)"))
    }
    return .success(figures)
}

private struct PyTorchUnavailable: Error { var reason: String }

func metaLearningBenchRows() -> [BenchRow] {
    let algorithms: [(MetaAlgorithm, String, String)] = [
        (.maml, "maml2", "MAML 2nd order"), (.firstOrderMAML, "maml1", "MAML 1st order"), (.reptile, "reptile", "Reptile"),
    ]
    let swift = algorithms.map { metaTrainingThroughput($0.0) }
    let torch = pytorchThroughput()
    var rows: [BenchRow] = []
    for (index, (_, key, name)) in algorithms.enumerated() {
        let figure = "\(name), tasks/s (× PyTorch)"
        switch torch {
        case .success(let figures) where figures[key] != nil:
            let ratio = swift[index] / figures[key]!
            rows.append(BenchRow(
                figure: figure, measured: String(format: "%.0f (%.1f×; PyTorch %.0f)", swift[index], ratio, figures[key]!),
                target: "≥ 5× PyTorch"))
        case .success:
            rows.append(BenchRow(figure: figure, measured: String(format: "%.0f (no PyTorch figure for \(key))", swift[index]),
                                 target: "≥ 5× PyTorch"))
        case .failure(let why):
            rows.append(BenchRow(figure: figure, measured: String(format: "%.0f (PyTorch: \(why.reason))", swift[index]),
                                 target: "≥ 5× PyTorch"))
        }
    }
    rows.append(BenchRow(
        figure: "MAML 2nd order, tasks/s on 2 threads (wall clock)",
        measured: String(format: "%.0f", metaTrainingThroughput(.maml, threads: 2)), target: "informational"))
    return rows
}
