/// One line of the benchmark table: `figure | measured | target`.
struct BenchRow {
    var figure: String
    var measured: String
    var target: String
}

func printTable(_ rows: [BenchRow]) {
    let w0 = max(6, rows.map(\.figure.count).max() ?? 0)
    let w1 = max(8, rows.map(\.measured.count).max() ?? 0)
    func line(_ a: String, _ b: String, _ c: String) -> String {
        a.padding(toLength: w0, withPad: " ", startingAt: 0) + " | " + b.padding(toLength: w1, withPad: " ", startingAt: 0) + " | " + c
    }
    print(line("figure", "measured", "target"))
    print(String(repeating: "-", count: w0) + "-|-" + String(repeating: "-", count: w1) + "-|-------")
    for r in rows { print(line(r.figure, r.measured, r.target)) }
}
