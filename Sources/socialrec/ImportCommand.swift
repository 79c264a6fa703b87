import ArgumentParser
import Foundation
import RecData
import SocialGraphModule
import Store

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a social graph, interactions and item names into the database.",
        discussion: """
            Files may be TSV, CSV, semicolon- or space-separated, with or without a header line, plain or \
            gzip-compressed, with `#` or `%` comment lines, CRLF line ends and a UTF-8 byte-order mark. \
            Self-loops are dropped and duplicate edges merged; duplicate (user, item) rows keep the latest \
            (by timestamp, else the last in the file). Everything is written in one transaction: on any \
            error the database is left exactly as it was.

            Item features are counted per item (stats shows them); a line naming an item that neither \
            the interactions nor the catalogue hold is counted and reported, not an error.

            Last.fm (friends both ways, play counts, artist names, tags weighted by how many people \
            gave them):
              socialrec import --graph user_friends.dat --undirected \\
                  --interactions user_artists.dat --items artists.dat \\
                  --item-features user_taggedartists.dat --item-feature-columns artistID,tagID
            Ciao (ratings 1–5, the category column of the ratings file):
              socialrec import --graph trust.tsv --interactions ratings.tsv --rating-range 1:5 \\
                  --skip-bad --item-category-column category
            FilmTrust (ratings 0.5–4, no header):
              socialrec import --graph trust.txt --interactions ratings.txt \\
                  --rating-range 0.5:4
            """)

    @Option(help: ArgumentHelp("Edge list: one `source target [weight]` per line.", valueName: "file"))
    var graph: String?

    @Flag(help: "Treat edges as undirected: a–b is also b–a.")
    var undirected = false

    @Option(help: ArgumentHelp("Columns of source, target and (optionally) weight, 1-based.", valueName: "s,t[,w]"))
    var graphColumns: String?

    @Flag(help: "Ignore any weight column in the edge list.")
    var noWeights = false

    @Option(help: ArgumentHelp("Interactions: `user item [value] [timestamp]` per line.", valueName: "file"))
    var interactions: String?

    @Option(help: ArgumentHelp("User column: a header name or a 1-based position.", valueName: "name|n"))
    var userColumn: String?
    @Option(help: ArgumentHelp("Item column: a header name or a 1-based position.", valueName: "name|n"))
    var itemColumn: String?
    @Option(help: ArgumentHelp("Value (rating or count) column: a header name or a 1-based position.", valueName: "name|n"))
    var valueColumn: String?
    @Option(help: ArgumentHelp("Timestamp (Unix seconds) column: a header name or a 1-based position.", valueName: "name|n"))
    var timestampColumn: String?

    @Option(help: ArgumentHelp("Values are ratings on this scale (explicit feedback); without it they are counts (implicit).", valueName: "min:max"))
    var ratingRange: String?

    @Flag(help: "Skip invalid interaction rows and count them, instead of stopping at the first.")
    var skipBad = false

    @Option(help: ArgumentHelp("Item names: `id name` per line (extra columns are ignored).", valueName: "file"))
    var items: String?

    @Option(help: ArgumentHelp("Item features (categories, tags): `item feature [weight]` per line; repeated pairs add up.", valueName: "file"))
    var itemFeatures: String?

    @Option(help: ArgumentHelp("Columns of --item-features: item,feature[,weight], header names or 1-based positions.", valueName: "i,f[,w]"))
    var itemFeatureColumns: String?

    @Option(help: ArgumentHelp("A column of the interactions file holding each item's category (a header name or a 1-based position).", valueName: "name|n"))
    var itemCategoryColumn: String?

    @Option(help: ArgumentHelp("Delimiter for all files: tab, comma, semicolon or whitespace (default: detected per file).", valueName: "name"))
    var delimiter: TableFormat.Delimiter?

    @Option(help: ArgumentHelp("Header line: auto, present or absent.", valueName: "mode"))
    var header: TableFormat.Header = .auto

    @Flag(help: "Replace the dataset already in the database (and its checkpoints and evaluation runs).")
    var replace = false

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard graph != nil || interactions != nil else {
            throw ValidationError("Give --graph, --interactions, or both.")
        }
        if interactions == nil, items != nil { throw ValidationError("--items needs --interactions.") }
        if interactions == nil, itemFeatures != nil || itemCategoryColumn != nil {
            throw ValidationError("item features need --interactions (they describe its items).")
        }
        if itemFeatures != nil, itemCategoryColumn != nil {
            throw ValidationError("give --item-features or --item-category-column, not both.")
        }
        if itemFeatureColumns != nil, itemFeatures == nil { throw ValidationError("--item-feature-columns goes with --item-features.") }
    }

    func run() throws {
        try Terminal.reportingErrors {
            let reader = try makeReader()
            let started = Date()
            let (dataset, report) = try reader.read { file, done, total in
                Terminal.progress("reading \(file): \(100 * done / max(total, 1))%")
            }
            let created = !FileManager.default.fileExists(atPath: database.db)
            do { try write(dataset) } catch {
                // A database this import created and could not finish (a full disk, say) is
                // removed with its journal files: a failed import leaves what was there before.
                guard created else { throw error }
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: database.db + suffix) }
                throw CleanFailure(path: database.db, reason: String(describing: error))
            }
            Terminal.clearProgress()
            printSummary(dataset, report, seconds: Date().timeIntervalSince(started))
        }
    }

    /// Writes in one transaction; the store is closed when this returns or throws.
    private func write(_ dataset: SocialDataset) throws {
        let store = try SocialStore(path: database.db, access: .create)
        var sources: [String: String] = [:]
        sources["graph_file"] = graph
        sources["interactions_file"] = interactions
        sources["items_file"] = items
        sources["item_features_file"] = itemFeatures ?? itemCategoryColumn.map { "\(interactions ?? ""), column \($0)" }
        try store.importDataset(dataset, sources: sources, replace: replace) { done, total in
            Terminal.progress("writing \(database.db): \(100 * done / max(total, 1))%")
        }
    }

    func makeReader() throws -> DatasetReader {
        var reader = DatasetReader()
        let format = TableFormat(delimiter: delimiter, header: header)
        reader.graphFile = graph
        reader.undirected = undirected
        reader.edgeOptions.format = format
        if let graphColumns {
            let parts = graphColumns.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--graph-columns takes 1-based positions: source,target[,weight], e.g. 1,2,3")
            }
            guard Set(parts).count == parts.count else {
                throw ValidationError("--graph-columns names one column twice (\(graphColumns)): source, target and weight are three columns")
            }
            reader.edgeOptions.sourceColumn = parts[0]! - 1
            reader.edgeOptions.targetColumn = parts[1]! - 1
            if parts.count == 3 { reader.edgeOptions.weight = .position(parts[2]! - 1) }
        }
        if noWeights { reader.edgeOptions.weight = .none }
        reader.interactionsFile = interactions
        var options = InteractionReader.Options()
        options.format = format
        options.user = Self.column(userColumn)
        options.item = Self.column(itemColumn)
        options.value = Self.column(valueColumn)
        options.timestamp = Self.column(timestampColumn)
        let named = [("--user-column", userColumn), ("--item-column", itemColumn), ("--value-column", valueColumn),
                     ("--timestamp-column", timestampColumn)].compactMap { name, value in value.map { (name, $0) } }
        for (k, (name, value)) in named.enumerated() {
            if let earlier = named[..<k].first(where: { $0.1 == value }) {
                throw ValidationError("\(earlier.0) and \(name) both name column \(value): each reads a column of its own")
            }
        }
        options.skipBad = skipBad
        if let ratingRange {
            let parts = ratingRange.split(separator: ":").map { Float($0) }
            guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo < hi else {
                throw ValidationError("--rating-range takes min:max, e.g. 1:5 or 0.5:4")
            }
            options.feedback = .explicit(min: lo, max: hi)
        }
        reader.interactionOptions = options
        reader.itemsFile = items
        reader.itemsReader = ItemCatalogueReader(format: format)
        reader.itemFeaturesFile = itemFeatures
        reader.itemFeatureReader.format = format
        if let itemFeatureColumns {
            let parts = itemFeatureColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0 != "0" }) else {
                throw ValidationError("--item-feature-columns takes item,feature[,weight]: header names or 1-based positions, e.g. artistID,tagID")
            }
            guard Set(parts).count == parts.count else {
                throw ValidationError("--item-feature-columns names one column twice (\(itemFeatureColumns))")
            }
            reader.itemFeatureReader.item = Self.column(parts[0])
            reader.itemFeatureReader.feature = Self.column(parts[1])
            reader.itemFeatureReader.weight = parts.count == 3 ? Self.column(parts[2]) : nil
            // Named columns of a wider table: without a weight column each line counts one.
            reader.itemFeatureReader.ignoresWeightColumn = parts.count == 2
        }
        reader.categoryColumn = Self.column(itemCategoryColumn)
        if let itemCategoryColumn, itemCategoryColumn == itemColumn {
            throw ValidationError("--item-column and --item-category-column both name column \(itemCategoryColumn)")
        }
        return reader
    }

    static func column(_ text: String?) -> InteractionReader.Column? {
        guard let text else { return nil }
        if let position = Int(text), position >= 1 { return .position(position - 1) }
        return .name(text)
    }

    func printSummary(_ data: SocialDataset, _ report: DatasetReader.Report, seconds: Double) {
        var lines: [String] = []
        if let graph {
            let g = data.graph
            let nodes = (0..<Int32(g.nodeCount)).filter { g.outDegree($0) + g.inDegree($0) > 0 }.count
            lines.append("graph         \(graph)")
            lines.append("  \(report.edgeRows.grouped) rows, \(report.selfLoopsDropped.grouped) self-loops dropped, "
                + "\(report.duplicateEdgesMerged.grouped) duplicate edges merged"
                + (undirected ? " (a–b and b–a are one edge)" : ""))
            lines.append("  \(nodes.grouped) nodes, \(g.edgeCount.grouped) \(g.isDirected ? "directed" : "undirected") edges"
                + (g.isWeighted ? ", weighted" : ""))
        }
        if let interactions {
            lines.append("interactions  \(interactions)")
            lines.append("  \(report.interactionRows.grouped) rows, \(report.interactionsSkipped.grouped) skipped, "
                + "\(report.duplicateInteractionsMerged.grouped) duplicates merged")
            for example in report.skippedExamples { lines.append("  skipped \(example)") }
            let raters = Set(data.interactions.users).count
            lines.append("  \(raters.grouped) users, \(data.items.count.grouped) items, "
                + "\(data.interactions.count.grouped) interactions (\(data.interactions.feedback.isExplicit ? "ratings" : "implicit"))")
        }
        if let items { lines.append("items         \(items): \(report.namedItems.grouped) names") }
        if let source = itemFeatures ?? itemCategoryColumn.map({ "\(interactions ?? ""), column \($0)" }) {
            let f = data.itemFeatures
            lines.append("item features \(source)")
            lines.append("  \(report.featureRows.grouped) rows, \(f.features.count.grouped) features, "
                + "\(f.assignmentCount.grouped) (item, feature) pairs on \(f.itemsWithFeatures.grouped) items")
            if report.featureRowsForUnknownItems > 0 {
                lines.append("  \(report.featureRowsForUnknownItems.grouped) rows name an item not in the interactions or the catalogue (skipped), e.g. "
                    + report.unknownFeatureItems.map { "'\(Terminal.printable($0))'" }.joined(separator: ", "))
            }
        }
        lines.append("database      \(database.db): \(data.users.count.grouped) users in all, imported in \(String(format: "%.2f", seconds)) s")
        print(lines.joined(separator: "\n"))
    }
}

extension TableFormat.Delimiter: ExpressibleByArgument {}
extension TableFormat.Header: ExpressibleByArgument {}

/// A new database that could not be written, and was removed.
struct CleanFailure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): could not write the new database: \(reason) (is the disk full?); nothing was left behind" }
}
