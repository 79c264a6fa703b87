import Foundation
import Testing
import TestSupport

/// The HTML report as a person sees it: rendered by headless Chromium (installed by tools/setup),
/// the screenshot is a page and not a blank, and its tables hold the numbers of results.json.
@Suite struct ReportRenderingTests {
    static let chromium: URL? = ["chromium-headless-shell", "chromium"].lazy.compactMap { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }.first

    @Test func renderedReportIsAPageWhoseTablesHoldTheJSONNumbers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let data = Datasets.projectRoot.appendingPathComponent("data").path
        #expect(try CLI.run(["import", "--graph", "\(data)/edges.tsv", "--undirected", "--interactions", "\(data)/interactions.tsv"],
                            in: dir.url).status == 0)
        let evaluated = try CLI.run(["evaluate", "--methods", "most-popular,social-popularity,item-knn,user-knn", "--support", "0,1,3",
                                     "--seeds", "2", "--report", "report"], in: dir.url)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let html = try String(contentsOfFile: dir.path("report/report.html"), encoding: .utf8)
        #expect(["<script", "src=", "href=", "@import", "url("].allSatisfy { !html.contains($0) }, "self-contained")

        // The NDCG@10-by-k table: each method's row holds its mean over seeds, as results.json has it.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("report/results.json")))) as! [String: Any]
        // Undefined values are written "nan"; a mean is over the seeds that have one.
        let perSeed = (json["perSeed"] as! [String: [Any]]).mapValues { $0.compactMap { $0 as? Double } }
        let table = try #require(html.components(separatedBy: "NDCG@10 by support size k</caption>").dropFirst().first?
            .components(separatedBy: "</table>").first)
        let rows = table.components(separatedBy: "<tr><td>").dropFirst()
        #expect(rows.count == 4)
        for row in rows {
            let method = String(row.prefix { $0 != "<" })
            let cells = row.components(separatedBy: "<td").dropFirst().map { cell in
                String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != " " && $0 != "<" })
            }
            for (column, k) in [0, 1, 3].enumerated() {
                let values = try #require(perSeed["\(method)|\(k)|ndcg|all"], "\(method) at k = \(k) in the JSON")
                #expect(cells[column] == String(format: "%.4f", values.reduce(0, +) / Double(values.count)), "\(method), k = \(k)")
            }
        }
        // The best of each column is bold.
        #expect(table.contains("class=\"best\""))
        #expect(html.contains("users,") && html.contains("interactions"), "dataset statistics at the top")

        guard let chromium = Self.chromium else {
            Issue.record("headless Chromium is not installed: run tools/setup")
            return
        }
        let shot = try CLI.run(["--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1600",
                                "--screenshot=\(dir.path("report.png"))", "file://\(dir.path("report/report.html"))"],
                               in: dir.url, program: chromium)
        #expect(shot.status == 0, "\(shot.stderr)")
        let image = try PNGImage(contentsOf: URL(fileURLWithPath: dir.path("report.png")))
        #expect(image.width == 1200 && image.height == 1600)
        // A blank page is all white; this one has text, tables, a plot with a colour per method.
        #expect(image.inkedShare > 0.03, "inked share \(image.inkedShare)")
        #expect(image.colourCount > 50, "\(image.colourCount) colours")
    }
}
