import Foundation

/// The report a person reads: a self-contained page (no scripts, no network) with the dataset at the
/// top, a plot of NDCG at the cutoff against k, tables per k and per friend bucket in which the best method of a
/// column is bold and the methods inside its 95% interval are marked, and the choices made on
/// validation users.
extension EvaluationResult {
    /// The report as one page, to be written as `report.html`: it opens offline and in any browser.
    public func html() -> String {
        let name = datasetName ?? (dataset.isEmpty ? "dataset" : dataset)
        let scored = settings.scoresValidationUsers ? "validation users" : "test users"
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(Self.escape("socialrec cold-start evaluation: \(name)"))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #1b1f24; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 1.6em; font-size: 1.25em; }
            .facts { color: #444; margin: 0.3em 0; }
            table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 14px; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
            th:first-child, td:first-child { text-align: left; }
            thead th { border-bottom: 2px solid #888; }
            td.best { font-weight: 700; }
            td.near { background: #eef4fb; }
            .pm { color: #777; font-size: 12px; }
            .legend { font-size: 13px; color: #555; }
            figure { margin: 1em 0; } figcaption { font-size: 13px; color: #555; }
            </style></head><body>
            <h1>Cold-start evaluation: \(Self.escape(name))</h1>

            """
        if let s = statistics {
            page += "<p class=\"facts\">\(s.users.formatted()) users, \(s.items.formatted()) items, "
                + "\(s.interactions.formatted()) interactions (\(Self.escape(s.feedback))), \(s.edges.formatted()) \(s.directed ? "directed" : "undirected") ties; "
                + "\(s.usersWithoutFriends.formatted()) users without a tie.</p>\n"
        }
        page += "<p class=\"facts\">\(settings.seeds) seed\(settings.seeds == 1 ? "" : "s"), \(scored) scored; support sizes k = "
            + settings.supportSizes.map(String.init).joined(separator: ", ")
            + "; ranking over the whole catalogue minus the support items; mean ± 95% interval over seeds."
            + (commit.isEmpty ? "" : " Commit <code>\(Self.escape(commit))</code>.")
            + " Source: <code>\(Self.escape(dataset))</code>.</p>\n"
        page += "<p class=\"legend\">In each column the best method is <b>bold</b>; methods whose mean lies inside "
            + "the best one's 95% interval are <span style=\"background:#eef4fb\">shaded</span>.</p>\n"
        page += "<h2>\(ndcgTitle) against support size</h2>\n<figure>\(ndcgPlot())<figcaption>Mean \(ndcgTitle) of the \(scored) at each k, "
            + "with 95% intervals over seeds.</figcaption></figure>\n"
        page += table(caption: "\(ndcgTitle) by support size k",
                      columns: settings.supportSizes.map { k in ("k = \(k)", { self.estimate($0, k: k, .ndcg) }, true) })
        for k in settings.supportSizes {
            page += "<h2>k = \(k): every metric</h2>\n"
            page += "<p class=\"facts\">\(userCount(methods[0], k: k)) \(scored) with relevant query items.</p>\n"
            page += table(caption: nil, columns: presentMetrics.map { metric in
                (metric.title(cutoff: settings.cutoff), { self.estimate($0, k: k, metric) }, metric.higherIsBetter)
            })
            page += table(caption: "\(ndcgTitle) by friends at k = \(k)", columns: FriendBucket.byFriends.map { bucket in
                ("\(bucket.rawValue) (\(userCount(methods[0], k: k, bucket: bucket)) users)", { self.estimate($0, k: k, .ndcg, bucket: bucket) }, true)
            })
        }
        page += validationChoices()
        return page + "</body></html>\n"
    }

    /// One row per method; in each column the best mean is bold and those inside its interval shaded.
    private func table(caption: String?, columns: [(title: String, value: (String) -> Estimate?, higherIsBetter: Bool)]) -> String {
        var html = "<table>" + (caption.map { "<caption style=\"text-align:left;font-weight:600;padding-bottom:4px\">\(Self.escape($0))</caption>" } ?? "")
        html += "<thead><tr><th>method</th>" + columns.map { "<th>\(Self.escape($0.title))</th>" }.joined() + "</tr></thead><tbody>"
        let best = columns.map { column -> Estimate? in
            let finite = methods.compactMap(column.value).filter(\.mean.isFinite)
            return column.higherIsBetter ? finite.max { $0.mean < $1.mean } : finite.min { $0.mean < $1.mean }
        }
        for method in methods {
            html += "<tr><td>\(Self.escape(method))</td>"
            for (c, column) in columns.enumerated() {
                guard let e = column.value(method), e.mean.isFinite, let top = best[c] else { html += "<td>—</td>"; continue }
                let isBest = e.mean == top.mean
                let isNear = !isBest && abs(e.mean - top.mean) <= top.halfWidth
                let interval = e.seeds > 1 ? " <span class=\"pm\">± \(String(format: "%.4f", e.halfWidth))</span>" : ""
                html += "<td\(isBest ? " class=\"best\"" : isNear ? " class=\"near\"" : "")>\(String(format: "%.4f", e.mean))\(interval)</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>\n"
    }

    private func validationChoices() -> String {
        let tuned = chosenConfigurations.filter { $0.value.contains { $0 != "default" } }
        guard !tuned.isEmpty else { return "" }
        var html = "<h2>Chosen on validation users</h2>\n<p class=\"facts\">Each method's settings, chosen per seed on validation users "
            + "only; the test users' queries are never seen by tuning or training.</p>\n<table><thead><tr><th>method</th>"
            + (1...max(1, tuned.values.map(\.count).max() ?? 1)).map { "<th style=\"text-align:left\">seed \($0)</th>" }.joined()
            + "</tr></thead><tbody>"
        for method in tuned.keys.sorted() {
            html += "<tr><td>\(Self.escape(method))</td>"
                + tuned[method]!.map { "<td style=\"text-align:left;white-space:normal\">\(Self.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
