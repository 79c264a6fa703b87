import Foundation

extension EvaluationResult {
    /// Okabe and Ito's colour-blind-safe palette (black last: it is also the axes' colour).
    static let plotColours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
    /// Seven marker shapes: with eight colours, method m's pair (m mod 8, m mod 7) is unique up to 56 methods.
    enum Marker: CaseIterable {
        case circle, square, triangle, diamond, triangleDown, cross, plus

        func svg(x: Double, y: Double, colour: String) -> String {
            let r = 5.0
            func polygon(_ points: [(Double, Double)]) -> String {
                "<polygon points=\"\(points.map { "\(fmt(x + $0.0)),\(fmt(y + $0.1))" }.joined(separator: " "))\" fill=\"\(colour)\"/>"
            }
            switch self {
            case .circle: return "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"\(fmt(r))\" fill=\"\(colour)\"/>"
            case .square: return polygon([(-r, -r), (r, -r), (r, r), (-r, r)].map { ($0.0 * 0.85, $0.1 * 0.85) })
            case .triangle: return polygon([(0, -r * 1.1), (r, r * 0.8), (-r, r * 0.8)])
            case .diamond: return polygon([(0, -r * 1.2), (r, 0), (0, r * 1.2), (-r, 0)])
            case .triangleDown: return polygon([(0, r * 1.1), (r, -r * 0.8), (-r, -r * 0.8)])
            case .cross, .plus:
                let arms: [(Double, Double, Double, Double)] = self == .plus
                    ? [(-r, 0, r, 0), (0, -r, 0, r)] : [(-r, -r, r, r), (-r, r, r, -r)]
                return arms.map { "<line x1=\"\(fmt(x + $0.0))\" y1=\"\(fmt(y + $0.1))\" x2=\"\(fmt(x + $0.2))\" y2=\"\(fmt(y + $0.3))\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>" }
                    .joined()
            }
        }
    }

    /// NDCG at the cutoff (mean, with 95% interval bars) against support size k, one line per method, each with
    /// its own colour and marker pair; the legend sits beside the plot, never over the lines.
    /// - Parameters:
    ///   - width: the picture's width in SVG pixels, the legend's 230 included (below about 400 the plot has no
    ///     room left); 980 by default.
    ///   - height: the picture's height in SVG pixels, the axis labels included; 520 by default.
    /// - Returns: A standalone SVG element, for a file of its own or inline in the HTML report.
    public func ndcgPlot(width: Double = 980, height: Double = 520) -> String {
        let ks = settings.supportSizes.sorted()
        let left = 70.0, legendWidth = 230.0, top = 20.0, bottom = 56.0
        let plotW = width - left - legendWidth - 20, plotH = height - top - bottom
        let estimates = methods.map { m in ks.map { estimate(m, k: $0, .ndcg) } }
        let bounds = estimates.joined().compactMap { $0 }.filter(\.mean.isFinite)
        let highest = bounds.map { $0.mean + $0.halfWidth }.max() ?? 0.1
        let lowest = bounds.map { $0.mean - $0.halfWidth }.min() ?? 0
        // The axis starts near the lowest value, not at 0, so that close methods stay apart.
        let step = Self.niceStep((highest - lowest) / 5)
        let minY = max(0, (floor(lowest / step) - 1) * step), maxY = (ceil(highest / step) + 0.5) * step
        func x(_ i: Int, method m: Int) -> Double {
            let centre = left + (ks.count == 1 ? plotW / 2 : 30 + (plotW - 60) * Double(i) / Double(ks.count - 1))
            return centre + (Double(m) - Double(methods.count - 1) / 2) * 2.5  // dodged, so the bars do not overlap
        }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - minY) / (maxY - minY)) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"system-ui, sans-serif\" font-size=\"14\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>"
        var tick = minY
        while tick <= maxY + step / 2 {
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(y(tick)))\" stroke=\"#e4e4e4\"/>"
            svg += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(y(tick) + 5))\" text-anchor=\"end\">\(String(format: step < 0.01 ? "%.3f" : "%.2f", tick))</text>"
            tick += step
        }
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333\"/>"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333\"/>"
        for (i, k) in ks.enumerated() {
            svg += "<text x=\"\(fmt(x(i, method: (methods.count - 1) / 2)))\" y=\"\(fmt(top + plotH + 22))\" text-anchor=\"middle\">\(k)</text>"
        }
        svg += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(height - 10))\" text-anchor=\"middle\">support size k (known items)</text>"
        svg += "<text x=\"18\" y=\"\(fmt(top + plotH / 2))\" transform=\"rotate(-90 18 \(fmt(top + plotH / 2)))\" text-anchor=\"middle\">\(ndcgTitle)</text>"
        for (m, method) in methods.enumerated() {
            let colour = Self.plotColours[m % Self.plotColours.count]
            let marker = Marker.allCases[m % Marker.allCases.count]
            let points = ks.indices.compactMap { i -> (Double, Estimate)? in
                guard let e = estimates[m][i], e.mean.isFinite else { return nil }
                return (x(i, method: m), e)
            }
            let dash = m >= Self.plotColours.count ? " stroke-dasharray=\"6 4\"" : ""
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash) points=\""
                + points.map { "\(fmt($0.0)),\(fmt(y($0.1.mean)))" }.joined(separator: " ") + "\"/>"
            for (px, e) in points {
                if e.halfWidth > 0 {
                    // Cut at the axis: NDCG is never below 0, and the axis starts near the lowest mean.
                    let low = y(max(minY, e.mean - e.halfWidth)), high = y(min(maxY, e.mean + e.halfWidth))
                    svg += "<line x1=\"\(fmt(px))\" y1=\"\(fmt(low))\" x2=\"\(fmt(px))\" y2=\"\(fmt(high))\" stroke=\"\(colour)\" stroke-width=\"1.2\" opacity=\"0.7\"/>"
                }
                svg += marker.svg(x: px, y: y(e.mean), colour: colour)
            }
            let ly = top + 10 + 24 * Double(m), lx = left + plotW + 24
            svg += "<line x1=\"\(fmt(lx))\" y1=\"\(fmt(ly))\" x2=\"\(fmt(lx + 30))\" y2=\"\(fmt(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
            svg += marker.svg(x: lx + 15, y: ly, colour: colour)
            svg += "<text x=\"\(fmt(lx + 40))\" y=\"\(fmt(ly + 5))\">\(Self.escape(method))</text>"
        }
        return svg + "</svg>"
    }

    /// 1, 2 or 5 × a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0.01 }
        let power = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }
}

/// Two decimals: enough for a pixel, and the same text on every machine.
private func fmt(_ v: Double) -> String { String(format: "%.2f", v) }
