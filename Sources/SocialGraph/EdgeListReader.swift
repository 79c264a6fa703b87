import RecData

/// Raw edges as read, before cleaning: parallel arrays of dense node indices.
public struct EdgeList: Sendable, Equatable {
    public var sources: [Int32] = []
    public var targets: [Int32] = []
    /// nil when the file has no weight column.
    public var weights: [Float]?

    public init(weighted: Bool = false) { weights = weighted ? [] : nil }

    public var count: Int { sources.count }
}

/// Reads edge lists as users have them: SNAP (`#` comments, TAB), KONECT (`%` comments), CSV/TSV with
/// or without a header, space-separated, an optional weight column, string or integer IDs, gzip,
/// CRLF, a UTF-8 BOM. Self-loops are dropped and counted here; duplicates are merged by `SocialGraph`.
public struct EdgeListReader: Sendable {
    public struct Options: Sendable {
        public var format = TableFormat()
        public var sourceColumn = 0
        public var targetColumn = 1
        /// `.auto`: the third column when the first data line has a number there.
        public var weight: WeightColumn = .auto

        public init() {}
    }

    public enum WeightColumn: Sendable, Equatable {
        case auto, none
        case position(Int)
    }

    public struct Report: Sendable, Equatable {
        public var rows = 0
        public var selfLoopsDropped = 0
        public var weighted = false
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Reads the edges of `source`, interning node IDs into `nodes`.
    public func read(
        _ source: TextSource, nodes: inout IDMap, progress: ((Int) -> Void)? = nil
    ) throws -> (EdgeList, Report) {
        let scanner = RecordScanner(source, format: options.format)
        let file = source.path
        let s = options.sourceColumn, t = options.targetColumn
        var weightColumn: Int?
        var decided = false
        var edges = EdgeList()
        var report = Report()
        edges.sources.reserveCapacity(source.bytes.count / 12)
        edges.targets.reserveCapacity(source.bytes.count / 12)
        try scanner.forEachRecord(progress: progress) { record in
            if !decided {
                decided = true
                switch options.weight {
                case .none: weightColumn = nil
                case .position(let p): weightColumn = p
                case .auto:
                    let p = max(s, t) + 1
                    weightColumn = record.count > p && NumberParsing.double(record.field(p)) != nil ? p : nil
                }
                if weightColumn != nil { edges.weights = [] }
            }
            let needed = max(s, t, weightColumn ?? 0) + 1
            guard record.count >= needed else {
                throw InputError(file: file, line: record.line,
                                 "expected at least \(needed) columns (source, target\(weightColumn == nil ? "" : ", weight")), found \(record.count)")
            }
            report.rows += 1
            let a = record.field(s), b = record.field(t)
            guard a.count > 0, b.count > 0 else { throw InputError(file: file, line: record.line, "empty node ID") }
            let u = nodes.intern(a), v = nodes.intern(b)
            if let weightColumn {
                let text = record.field(weightColumn)
                guard let w = NumberParsing.double(text) else {
                    throw InputError(file: file, line: record.line, "weight '\(String(decoding: text, as: UTF8.self))' is not a finite number")
                }
                guard w > 0 else { throw InputError(file: file, line: record.line, "weight \(w) must be positive") }
                if u != v { edges.weights!.append(Float(w)) }
            }
            if u == v {
                report.selfLoopsDropped += 1
                return
            }
            edges.sources.append(u)
            edges.targets.append(v)
        }
        guard report.rows > 0 else { throw InputError(file: file, "no edges: the file has no data lines") }
        report.weighted = edges.weights != nil
        return (edges, report)
    }
}
