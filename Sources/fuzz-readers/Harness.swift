import RecData
import SocialGraphModule

/// Feeds one input through every reader the way `socialrec import` does, and checks what comes out.
///
/// An `InputError` is the readers' contract for bad input and ends the run quietly. Anything else —
/// another error, a trap, a sanitizer report, or a result that breaks one of the invariants checked
/// below — is a bug, and the run crashes so that libFuzzer keeps the input.
enum Harness {
    /// What one run did, for the plain (non-fuzzing) executable's report.
    struct Outcome {
        var lines: [String] = []
    }

    static func run(_ bytes: [UInt8]) -> Outcome {
        var outcome = Outcome()
        let source: TextSource
        do {
            source = try TextSource(name: "input", bytes: bytes)
        } catch {
            outcome.lines.append("text: \(expectInputError(error))")
            return outcome
        }
        let variant = Variant(bytes.last ?? 0)
        for (name, edgeOptions, interactionOptions, itemsReader) in [
            ("defaults", EdgeListReader.Options(), InteractionReader.Options(), ItemCatalogueReader()),
            ("variant \(bytes.last ?? 0)", variant.edges, variant.interactions, variant.items),
        ] {
            var users = IDMap(), items = IDMap()
            var edges = EdgeList()
            do {
                let (read, report) = try EdgeListReader(options: edgeOptions).read(source, nodes: &users)
                check(read.sources.count == read.targets.count, "edge arrays differ in length")
                check(read.weights.map { $0.count == read.count } ?? true, "weights do not match edges")
                check(report.rows >= read.count, "more edges than rows")
                edges = read
                outcome.lines.append("\(name) edges: \(read.count) from \(report.rows) rows")
            } catch {
                outcome.lines.append("\(name) edges: \(expectInputError(error))")
            }
            checkRoundTrip(users)
            for undirected in [false, true] {
                let (graph, _) = SocialGraph.build(nodeCount: users.count, edges: edges, undirected: undirected)
                checkGraph(graph, nodes: users.count, undirected: undirected)
            }

            for feedback in [Feedback.implicit, .explicit(min: 1, max: 5)] {
                var options = interactionOptions
                options.feedback = feedback
                for skipBad in [false, true] {
                    options.skipBad = skipBad
                    // The import's own path (implicit, stop at the first bad row) shares the graph's
                    // users, as DatasetReader does; the others start afresh (a copy of a map with a
                    // large integer ID would copy its whole direct table).
                    let shared = !skipBad && feedback == .implicit
                    var u = shared ? users : IDMap(), i = shared ? items : IDMap()
                    do {
                        let (interactions, report) = try InteractionReader(options: options).read(source, users: &u, items: &i)
                        checkInteractions(interactions, users: u.count, items: i.count, feedback: feedback)
                        check(report.rows == interactions.count + report.skipped + report.duplicatesMerged, "rows do not add up")
                        checkRoundTrip(u)
                        checkRoundTrip(i)
                        if shared {
                            users = u
                            items = i
                            outcome.lines.append("\(name) interactions: \(interactions.count) from \(report.rows) rows")
                            let graph = SocialGraph.build(nodeCount: users.count, edges: edges, undirected: true).graph
                            let dataset = SocialDataset(users: users, items: items, itemNames: Array(repeating: nil, count: items.count),
                                                        graph: graph, interactions: interactions)
                            _ = dataset.fingerprint
                            _ = DatasetStatistics(dataset)
                        }
                    } catch {
                        let message = expectInputError(error)
                        if shared { outcome.lines.append("\(name) interactions: \(message)") }
                    }
                }
            }

            var catalogue = items
            do {
                let names = try itemsReader.read(source, items: &catalogue)
                check(names.keys.allSatisfy { Int($0) < catalogue.count }, "a name for an item that does not exist")
                checkRoundTrip(catalogue)
                outcome.lines.append("\(name) items: \(names.count) names")
            } catch {
                outcome.lines.append("\(name) items: \(expectInputError(error))")
            }
        }
        return outcome
    }

    /// Reader options chosen by one byte, so that the fuzzer also explores forced delimiters, forced
    /// header handling and column choices.
    struct Variant {
        var edges = EdgeListReader.Options()
        var interactions = InteractionReader.Options()
        var items = ItemCatalogueReader()

        init(_ byte: UInt8) {
            let delimiters: [TableFormat.Delimiter?] = [nil, .tab, .comma, .semicolon, .whitespace]
            let headers: [TableFormat.Header] = [.auto, .present, .absent]
            let format = TableFormat(delimiter: delimiters[Int(byte) % 5], header: headers[Int(byte / 5) % 3])
            edges.format = format
            interactions.format = format
            items = ItemCatalogueReader(format: format)
            switch byte / 15 % 4 {
            case 0: edges.weight = .none
            case 1: edges.weight = .position(2)
            case 2: edges.sourceColumn = 1; edges.targetColumn = 0; edges.weight = .position(3)
            default: break
            }
            switch byte / 60 % 4 {
            case 0:
                interactions.user = .name("user"); interactions.item = .name("item")
                interactions.value = .name("rating"); interactions.timestamp = .name("timestamp")
            case 1:
                interactions.user = .position(1); interactions.item = .position(0)
                interactions.value = .position(3); interactions.timestamp = .position(2)
                items = ItemCatalogueReader(format: format, idColumn: 1, nameColumn: 0)
            case 2:
                interactions.timestamp = .position(2); interactions.value = .position(3)
            default: break
            }
        }
    }

    static func expectInputError(_ error: Error) -> String {
        guard let inputError = error as? InputError else { fatalError("a reader threw \(type(of: error)), not InputError: \(error)") }
        check(!inputError.file.isEmpty && !inputError.message.isEmpty, "an InputError without file or message")
        check(inputError.line.map { $0 >= 1 } ?? true, "an InputError with line \(inputError.line ?? 0)")
        return inputError.description
    }

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: \(message())") }
    }

    /// Every ID maps to its index and back, and is not empty.
    static func checkRoundTrip(_ map: IDMap) {
        for i in 0..<Int32(map.count) {
            let id = map.externalID(i)
            check(!id.isEmpty, "an empty ID at index \(i)")
            check(map.index(of: id) == i, "ID '\(id)' at index \(i) looks up as \(String(describing: map.index(of: id)))")
        }
    }

    static func checkGraph(_ g: SocialGraph, nodes: Int, undirected: Bool) {
        check(g.nodeCount == nodes, "graph has \(g.nodeCount) nodes for \(nodes) users")
        check(g.isDirected == !undirected, "direction")
        var arcs = 0
        for u in 0..<Int32(g.nodeCount) {
            let out = g.outNeighbours(u)
            arcs += out.count
            var previous: Int32 = -1
            for v in out {
                check(v >= 0 && Int(v) < nodes, "neighbour \(v) out of range")
                check(v > previous, "neighbours of \(u) not sorted or repeated")
                check(v != u, "a self-loop survived")
                if undirected { check(g.hasArc(from: v, to: u), "undirected graph not symmetric") }
                previous = v
            }
            if let weights = g.outWeights(u) {
                check(weights.count == out.count, "weights do not match neighbours")
                check(weights.allSatisfy { $0.isFinite && $0 > 0 }, "weight not finite and positive: \(Array(weights))")
            }
            if !undirected {
                for v in g.inNeighbours(u) { check(g.hasArc(from: v, to: u), "in-neighbour without out-arc") }
            }
        }
        check(arcs == g.arcCount, "arc count")
        if undirected { check(arcs % 2 == 0, "odd arc count in an undirected graph") }
    }

    static func checkInteractions(_ x: Interactions, users: Int, items: Int, feedback: Feedback) {
        check(x.count > 0, "no interactions and no error")
        check(x.items.count == x.count && x.values.count == x.count, "column lengths differ")
        check(x.timestamps.map { $0.count == x.count } ?? true, "timestamps do not match")
        var seen = Set<UInt64>()
        for k in 0..<x.count {
            let u = x.users[k], i = x.items[k], v = x.values[k]
            check(u >= 0 && Int(u) < users && i >= 0 && Int(i) < items, "index out of range")
            check(seen.insert(UInt64(UInt32(bitPattern: u)) << 32 | UInt64(UInt32(bitPattern: i))).inserted, "duplicate pair survived")
            check(v.isFinite, "value \(v) is not finite")
            switch feedback {
            case .implicit: check(v >= 0, "negative implicit value \(v)")
            case .explicit(let lo, let hi): check(v >= lo && v <= hi, "rating \(v) outside \(lo)–\(hi)")
            }
        }
    }
}
