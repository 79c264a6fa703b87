import Foundation

extension EvaluationResult {
    /// A self-contained HTML page (no scripts, no network): an SVG plot of NDCG@10 against k for every
    /// method with 95% intervals, and the tables.
    public func html(title: String) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #1b1f24; }
            pre { background: #f6f8fa; padding: 1em; overflow-x: auto; font-size: 13px; }
            </style></head><body>
            <h1>\(escape(title))</h1>
            <p>Cold-start protocol: \(settings.seeds) seed(s); test share \(settings.testShare), validation share \(settings.validationShare);
            support sizes \(settings.supportSizes.map(String.init).joined(separator: ", ")); ranking over the full catalogue minus support items.
            \(commit.isEmpty ? "" : "Commit \(escape(commit)).") Dataset: \(escape(dataset)).</p>
            \(ndcgPlot())
            <pre>\(escape(table()))</pre>
            </body></html>
            """
    }

    /// NDCG@10 (mean, with 95% interval bars) against support size k, one line per method.
    public func ndcgPlot(width: Double = 720, height: Double = 420) -> String {
        let ks = settings.supportSizes.sorted()
        let left = 60.0, right = 200.0, top = 20.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let values = methods.flatMap { m in ks.compactMap { estimate(m, k: $0, "ndcg") }.map { $0.mean + $0.halfWidth } }
            .filter(\.isFinite)
        let maxY = max(0.01, (values.max() ?? 0.1) * 1.1)
        func x(_ i: Int) -> Double { left + (ks.count == 1 ? plotW / 2 : plotW * Double(i) / Double(ks.count - 1)) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / maxY) }
        let palette = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d5a97", "#30343f", "#e07a5f", "#3d405b", "#81b29a"]
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>"
        for t in 0...4 {
            let v = maxY * Double(t) / 4
            svg += "<text x=\"\(left - 8)\" y=\"\(y(v) + 4)\" text-anchor=\"end\">\(String(format: "%.3f", v))</text>"
            svg += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(left + plotW)\" y2=\"\(y(v))\" stroke=\"#eee\"/>"
        }
        for (i, k) in ks.enumerated() {
            svg += "<text x=\"\(x(i))\" y=\"\(top + plotH + 18)\" text-anchor=\"middle\">\(k)</text>"
        }
        svg += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">support size k</text>"
        svg += "<text x=\"14\" y=\"\(top + plotH / 2)\" transform=\"rotate(-90 14 \(top + plotH / 2))\" text-anchor=\"middle\">NDCG@10</text>"
        for (m, method) in methods.enumerated() {
            let colour = palette[m % palette.count]
            let points = ks.enumerated().compactMap { i, k -> (Double, Estimate)? in
                guard let e = estimate(method, k: k, "ndcg"), e.mean.isFinite else { return nil }
                return (x(i), e)
            }
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\""
                + points.map { "\($0.0),\(y($0.1.mean))" }.joined(separator: " ") + "\"/>"
            for (px, e) in points {
                svg += "<circle cx=\"\(px)\" cy=\"\(y(e.mean))\" r=\"3\" fill=\"\(colour)\"/>"
                if e.halfWidth > 0 {
                    svg += "<line x1=\"\(px)\" y1=\"\(y(e.mean - e.halfWidth))\" x2=\"\(px)\" y2=\"\(y(e.mean + e.halfWidth))\" stroke=\"\(colour)\"/>"
                }
            }
            let ly = top + 16 * Double(m)
            svg += "<rect x=\"\(left + plotW + 16)\" y=\"\(ly)\" width=\"12\" height=\"3\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(left + plotW + 34)\" y=\"\(ly + 5)\">\(method.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</text>"
        }
        return svg + "</svg>"
    }
}
