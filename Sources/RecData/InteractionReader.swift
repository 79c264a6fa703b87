/// Reads `user item [value] [timestamp]` files: columns by header name or position, explicit or
/// implicit values, invalid rows rejected with `file:line: reason` (or skipped and counted).
public struct InteractionReader: Sendable {
    /// A column chosen by its 0-based position or by its header name (case-insensitive).
    public enum Column: Sendable, Equatable {
        /// The column at this 0-based position.
        case position(Int)
        /// The column whose header field is this name; the file must have a header line.
        case name(String)
    }

    /// Which columns to read and how; the defaults suit `user item [value] [timestamp]` files of
    /// implicit feedback.
    public struct Options: Sendable {
        /// Delimiter, header and comment prefixes; detected from the file where nil or `.auto`.
        public var format = TableFormat()
        /// nil: the header's user/userid/user_id/uid/users column, else the first column.
        public var user: Column?
        /// nil: the header's item/itemid/artistid/movieid/productid/… column, else the second column.
        public var item: Column?
        /// nil: the header's rating/value/weight column, else the third column if the file has one.
        public var value: Column?
        /// nil: the header's timestamp column, else the fourth column if the file has one.
        public var timestamp: Column?
        /// Whether values are counts (any finite value ≥ 0) or ratings, which must lie in the declared range.
        public var feedback: Feedback = .implicit
        /// Skip and count invalid rows instead of stopping at the first.
        public var skipBad = false

        /// The defaults: detected layout, columns by header name or position, implicit feedback, and a stop
        /// at the first invalid row.
        public init() {}
    }

    /// What reading found and cleaned.
    public struct Report: Sendable, Equatable {
        /// Data lines read, valid or not.
        public var rows = 0
        /// Invalid rows skipped (only with `skipBad`).
        public var skipped = 0
        /// The first few skipped rows, as `file:line: reason`.
        public var skippedExamples: [String] = []
        /// Rows dropped because a later (or later-timestamped) row had the same user and item.
        public var duplicatesMerged = 0
    }

    /// How files are read.
    public var options: Options

    /// A reader with the given options.
    /// - Parameter options: Columns, layout, feedback and the handling of invalid rows.
    public init(options: Options = Options()) { self.options = options }

    static let userNames = ["user", "userid", "user_id", "uid", "users"]
    static let itemNames = ["item", "itemid", "item_id", "iid", "artistid", "artist", "movieid", "movie", "productid", "product"]
    static let valueNames = ["rating", "value", "weight", "score", "count", "plays", "playcount"]
    static let timestampNames = ["timestamp", "time", "ts", "date"]

    /// Reads interactions, interning IDs into `users` and `items`. Duplicate (user, item) rows are
    /// merged: the row with the latest timestamp wins, or without timestamps the last row in the file.
    /// - Parameters:
    ///   - source: The interactions file.
    ///   - users: The user IDs so far (the graph's nodes, say); new ones are added in order of first appearance.
    ///   - items: The item IDs so far; new ones are added in order of first appearance.
    ///   - progress: Called now and then with the bytes of text read so far, and once at the end; nil, the default, for none.
    /// - Returns: The interactions, one per (user, item) pair in order of first appearance, and what reading found.
    /// - Throws: `InputError` for a column named but missing from the header (or with no header); with `file:line`, unless
    ///   `skipBad` skips the row, for a row with too few columns, an empty user or item ID, a value that is not a finite
    ///   number, a negative implicit value or one beyond a 32-bit float, a rating outside the declared range, or a timestamp
    ///   that is not an integer; and for a file with no valid interactions (no data lines, or every row skipped).
    public func read(
        _ source: TextSource, users: inout IDMap, items: inout IDMap, progress: ((Int) -> Void)? = nil
    ) throws -> (Interactions, Report) {
        let scanner = RecordScanner(source, format: options.format)
        let header = scanner.headerFields?.map { $0.lowercased() }
        let file = source.path
        func resolve(_ column: Column?, names: [String], fallback: Int?, what: String) throws -> Int? {
            try Column.resolve(column, header: header, file: file, names: names, fallback: fallback)
        }
        let userColumn = try resolve(options.user, names: Self.userNames, fallback: 0, what: "user") ?? 0
        let itemColumn = try resolve(options.item, names: Self.itemNames, fallback: 1, what: "item") ?? 1
        var valueColumn = try resolve(options.value, names: Self.valueNames, fallback: 2, what: "value")
        var timeColumn = try resolve(options.timestamp, names: Self.timestampNames, fallback: 3, what: "timestamp")
        let explicitlyChosen = (value: options.value != nil, time: options.timestamp != nil)

        var report = Report()
        var interactions: Interactions?
        var firstOf: [UInt64: Int] = [:]
        let feedback = options.feedback
        let skipBad = options.skipBad

        try scanner.forEachRecord(progress: progress) { record in
            report.rows += 1
            if interactions == nil {
                // Optional positional columns exist when the first data line has them.
                if !explicitlyChosen.value, header == nil, let v = valueColumn, v >= record.count { valueColumn = nil }
                if !explicitlyChosen.time, header == nil, let t = timeColumn, t >= record.count { timeColumn = nil }
                interactions = Interactions(feedback: feedback, hasTimestamps: timeColumn != nil)
            }
            let needed = max(userColumn, itemColumn, valueColumn ?? 0, timeColumn ?? 0) + 1
            do {
                guard record.count >= needed else {
                    throw InputError(file: file, line: record.line, "expected at least \(needed) columns, found \(record.count)")
                }
                let userField = record.field(userColumn), itemField = record.field(itemColumn)
                guard userField.count > 0 else { throw InputError(file: file, line: record.line, "empty user ID") }
                guard itemField.count > 0 else { throw InputError(file: file, line: record.line, "empty item ID") }
                var value: Float = 1
                if let valueColumn {
                    let text = record.field(valueColumn)
                    guard let v = NumberParsing.double(text) else {
                        throw InputError(file: file, line: record.line,
                                         "value '\(InputError.excerpt(text))' is not a finite number")
                    }
                    switch feedback {
                    case .implicit:
                        guard v >= 0 else { throw InputError(file: file, line: record.line, "value \(v) is negative; implicit feedback must be ≥ 0") }
                        // Values are kept as 32-bit floats: a larger one would become infinity.
                        guard Float(v).isFinite else {
                            throw InputError(file: file, line: record.line, "value '\(InputError.excerpt(text))' is out of range for a 32-bit float (at most 3.4e38)")
                        }
                    case .explicit(let lo, let hi):
                        guard v >= Double(lo) && v <= Double(hi) else {
                            throw InputError(file: file, line: record.line, "rating \(Self.format(v)) is outside the declared range \(Self.format(Double(lo)))–\(Self.format(Double(hi)))")
                        }
                    }
                    value = Float(v)
                }
                var timestamp: Int64?
                if let timeColumn {
                    let text = record.field(timeColumn)
                    guard let t = NumberParsing.int64(text) else {
                        throw InputError(file: file, line: record.line,
                                         "timestamp '\(InputError.excerpt(text))' is not an integer (Unix seconds)")
                    }
                    timestamp = t
                }
                let u = users.intern(userField), i = items.intern(itemField)
                let key = UInt64(UInt32(bitPattern: u)) << 32 | UInt64(UInt32(bitPattern: i))
                if let earlier = firstOf[key] {
                    report.duplicatesMerged += 1
                    let laterWins = timestamp.map { $0 >= interactions!.timestamps![earlier] } ?? true
                    if laterWins {
                        interactions!.values[earlier] = value
                        if let timestamp { interactions!.timestamps![earlier] = timestamp }
                    }
                } else {
                    firstOf[key] = interactions!.count
                    interactions!.append(user: u, item: i, value: value, timestamp: timestamp)
                }
            } catch let error as InputError where skipBad {
                report.skipped += 1
                if report.skippedExamples.count < 5 { report.skippedExamples.append(error.description) }
            }
        }
        guard let result = interactions, result.count > 0 else {
            throw InputError(file: file, report.skipped > 0 ? "no valid interactions (\(report.skipped) rows skipped)" : "no interactions: the file has no data lines")
        }
        return (result, report)
    }

    static func format(_ v: Double) -> String {
        // Whole numbers print without ".0"; huge ones (Int would trap) print as Double does.
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension InteractionReader.Column {
    /// The 0-based position of `column` in a file with `header` (lower-cased); with no column
    /// named, the first header field among `names`, else `fallback` when there is no header.
    static func resolve(_ column: Self?, header: [String]?, file: String, names: [String], fallback: Int?) throws -> Int? {
        switch column {
        case .position(let p)?: return p
        case .name(let n)?:
            guard let header else { throw InputError(file: file, "column '\(n)' named, but the file has no header line") }
            guard let p = header.firstIndex(of: n.lowercased()) else {
                throw InputError(file: file, "no column named '\(n)' in the header (\(InputError.excerpt(header.joined(separator: ", "), limit: 200)))")
            }
            return p
        case nil:
            if let header, let p = header.firstIndex(where: names.contains) { return p }
            return header == nil ? fallback : nil
        }
    }
}
