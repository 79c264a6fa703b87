import RecData

/// Raw edges as read, before cleaning: parallel arrays of dense node indices.
public struct EdgeList: Sendable, Equatable {
    /// Source node of each edge.
    public var sources: [Int32] = []
    /// Target node of each edge, parallel to `sources`.
    public var targets: [Int32] = []
    /// nil when the file has no weight column.
    public var weights: [Float]?

    /// No edges yet.
    /// - Parameter weighted: Whether edges will carry weights; `weights` is then empty rather than nil.
    public init(weighted: Bool = false) { weights = weighted ? [] : nil }

    /// Number of edges.
    public var count: Int { sources.count }
}

/// Reads edge lists as users have them: SNAP (`#` comments, TAB), KONECT (`%` comments), CSV/TSV with
/// or without a header, space-separated, an optional weight column, string or integer IDs, gzip,
/// CRLF, a UTF-8 BOM. Self-loops are dropped and counted here; duplicates are merged by `SocialGraph`.
public struct EdgeListReader: Sendable {
    /// Which columns hold the endpoints and the weight, and how the file is laid out.
    public struct Options: Sendable {
        /// Layout of the edge list; detected where nil or `.auto`.
        public var format = TableFormat()
        /// 0-based column of the source node's ID.
        public var sourceColumn = 0
        /// 0-based column of the target node's ID.
        public var targetColumn = 1
        /// `.auto`: the third column when the first data line has a number there.
        public var weight: WeightColumn = .auto

        /// The defaults: detected layout, source and target in the first two columns, weight detected.
        public init() {}
    }

    /// Where an edge's weight is, if anywhere.
    public enum WeightColumn: Sendable, Equatable {
        /// The column after the endpoints, when the first data line has a number there.
        case auto
        /// No weights, whatever the file has.
        case none
        /// The column at this 0-based position.
        case position(Int)
    }

    /// What reading found.
    public struct Report: Sendable, Equatable {
        /// Data lines read.
        public var rows = 0
        /// Edges from a node to itself, dropped.
        public var selfLoopsDropped = 0
        /// Whether the edges carry weights.
        public var weighted = false
    }

    /// How files are read.
    public var options: Options

    /// A reader with the given options.
    /// - Parameter options: Columns and layout.
    public init(options: Options = Options()) { self.options = options }

    /// Reads the edges of `source`, interning node IDs into `nodes`.
    /// - Parameters:
    ///   - source: The edge list.
    ///   - nodes: The node IDs so far; new ones are added in order of first appearance, a self-loop's node included.
    ///   - progress: Called now and then with the bytes of text read so far, and once at the end; nil, the default, for none.
    /// - Returns: The edges in file order, self-loops dropped and duplicates kept, and what reading found.
    /// - Throws: `InputError` with `file:line` for a line with fewer columns than the endpoints (and the weight) need, an
    ///   empty node ID, or a weight that is not a finite number, not positive, or beyond a 32-bit float's range; and for a
    ///   file with no data lines.
    public func read(
        _ source: TextSource, nodes: inout IDMap, progress: ((Int) -> Void)? = nil
    ) throws -> (EdgeList, Report) {
        let scanner = RecordScanner(source, format: options.format)
        var state = ReadState(options: options, file: source.path, expectedEdges: source.bytes.count / 12)
        var splitter = FieldSplitter(delimiter: scanner.delimiter)
        let delimiter = scanner.delimiter.byte
        let plainPairs = options.sourceColumn == 0 && options.targetColumn == 1
        try scanner.forEachLine(progress: progress) { line, content in
            // Fast path for the common `integer integer` line, once we know there is no weight column.
            if state.columnsDecided, plainPairs, state.weightColumn == nil,
               let (x, y) = Self.integerPair(content, delimiter: delimiter) {
                state.report.rows += 1
                state.addIntegers(x, y, weight: nil, nodes: &nodes)
                return
            }
            try splitter.split(line: line, content) { try state.add($0, nodes: &nodes) }
        }
        state.pending.flush(into: &state.edges, nodes: &nodes)
        guard state.report.rows > 0 else { throw InputError(file: source.path, "no edges: the file has no data lines") }
        state.report.weighted = state.edges.weights != nil
        return (state.edges, state.report)
    }

    /// What reading accumulates line by line.
    private struct ReadState {
        let options: Options
        let file: String
        var weightColumn: Int?
        var columnsDecided = false
        var edges = EdgeList()
        var report = Report()
        /// Edges whose endpoints are both plain integers wait here and are interned as a batch (see
        /// `IDMap.intern(integers:into:)`); any other edge first flushes the batch, so indices still
        /// follow the order of first appearance.
        var pending = IntegerEdgeBatch()

        init(options: Options, file: String, expectedEdges: Int) {
            self.options = options
            self.file = file
            edges.sources.reserveCapacity(expectedEdges)
            edges.targets.reserveCapacity(expectedEdges)
        }

        /// The weight column is settled by the first data line.
        mutating func decideColumns(_ record: Record) {
            columnsDecided = true
            switch options.weight {
            case .none: weightColumn = nil
            case .position(let p): weightColumn = p
            case .auto:
                let p = max(options.sourceColumn, options.targetColumn) + 1
                weightColumn = record.count > p && NumberParsing.looksNumeric(record.field(p)) ? p : nil
            }
            if weightColumn != nil { edges.weights = [] }
        }

        mutating func add(_ record: Record, nodes: inout IDMap) throws {
            if !columnsDecided { decideColumns(record) }
            let s = options.sourceColumn, t = options.targetColumn
            let needed = max(s, t, weightColumn ?? 0) + 1
            guard record.count >= needed else {
                throw InputError(file: file, line: record.line,
                                 "expected at least \(needed) columns (source, target\(weightColumn == nil ? "" : ", weight")), found \(record.count)")
            }
            report.rows += 1
            let a = record.field(s), b = record.field(t)
            guard a.count > 0, b.count > 0 else { throw InputError(file: file, line: record.line, "empty node ID") }
            var weight: Float?
            if let weightColumn {
                let text = record.field(weightColumn)
                guard let w = NumberParsing.double(text) else {
                    throw InputError(file: file, line: record.line, "weight '\(InputError.excerpt(text))' is not a finite number")
                }
                guard w > 0 else { throw InputError(file: file, line: record.line, "weight \(w) must be positive") }
                // Weights are kept as 32-bit floats: one beyond their range would become infinity or 0.
                guard Float(w).isFinite, Float(w) > 0 else {
                    throw InputError(file: file, line: record.line, "weight '\(InputError.excerpt(text))' is out of range for a 32-bit float (about 1e-45 to 3.4e38)")
                }
                weight = Float(w)
            }
            if let x = IDMap.canonicalInteger(a), let y = IDMap.canonicalInteger(b) {
                addIntegers(x, y, weight: weight, nodes: &nodes)
                return
            }
            pending.flush(into: &edges, nodes: &nodes)
            let u = nodes.intern(a), v = nodes.intern(b)
            guard u != v else {
                report.selfLoopsDropped += 1
                return
            }
            if let weight { edges.weights!.append(weight) }
            edges.sources.append(u)
            edges.targets.append(v)
        }

        /// Canonical integers are equal exactly when the IDs are, so self-loops show before interning.
        mutating func addIntegers(_ x: Int, _ y: Int, weight: Float?, nodes: inout IDMap) {
            pending.append(x, y)
            if x == y { report.selfLoopsDropped += 1 } else if let weight { edges.weights!.append(weight) }
            if pending.isFull { pending.flush(into: &edges, nodes: &nodes) }
        }
    }
}

extension EdgeListReader {
    /// Parses a line that is exactly two canonical integer IDs separated by the delimiter (trailing
    /// blanks allowed); nil sends the line down the general path.
    @inline(__always)
    static func integerPair(_ line: UnsafeBufferPointer<UInt8>, delimiter: UInt8?) -> (Int, Int)? {
        var i = 0
        let n = line.count
        @inline(__always) func integer() -> Int? {
            let start = i
            var value = 0
            while i < n, line[i] &- 48 < 10 {
                value = value &* 10 &+ Int(line[i] &- 48)
                i += 1
            }
            let length = i - start
            guard length > 0, length <= 8, line[start] != 48 || length == 1, value < IDMap.integerLimit else { return nil }
            return value
        }
        guard let a = integer() else { return nil }
        if let delimiter {
            while i < n, line[i] == 32 || (line[i] == 9 && delimiter != 9) { i += 1 }
            guard i < n, line[i] == delimiter else { return nil }
            i += 1
            while i < n, line[i] == 32 || (line[i] == 9 && delimiter != 9) { i += 1 }
        } else {
            let start = i
            while i < n, line[i] == 32 || line[i] == 9 { i += 1 }
            guard i > start else { return nil }
        }
        guard let b = integer() else { return nil }
        while i < n, line[i] == 32 || line[i] == 9 { i += 1 }
        return i == n ? (a, b) : nil
    }
}

/// Integer endpoint pairs waiting to be interned as one batch.
struct IntegerEdgeBatch {
    private var values: [Int] = []
    private var indices = [Int32](repeating: 0, count: 2 * Self.capacity)
    static let capacity = 4096

    init() { values.reserveCapacity(2 * Self.capacity) }

    var isFull: Bool { values.count >= 2 * Self.capacity }

    mutating func append(_ source: Int, _ target: Int) {
        values.append(source)
        values.append(target)
    }

    /// Interns the batch and appends its edges (self-loops dropped) in file order.
    mutating func flush(into edges: inout EdgeList, nodes: inout IDMap) {
        guard !values.isEmpty else { return }
        let n = values.count
        values.withUnsafeBufferPointer { v in
            indices.withUnsafeMutableBufferPointer { out in
                nodes.intern(integers: v, into: UnsafeMutableBufferPointer(rebasing: out[0..<n]))
            }
        }
        for k in stride(from: 0, to: n, by: 2) where indices[k] != indices[k + 1] {
            edges.sources.append(indices[k])
            edges.targets.append(indices[k + 1])
        }
        values.removeAll(keepingCapacity: true)
    }
}
