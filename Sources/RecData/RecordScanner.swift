/// One data line of a delimited file: its 1-based line number and the byte ranges of its fields.
/// Valid only inside the closure that receives it: it points into the source's buffer.
public struct Record {
    /// 1-based line number in the file, blank and comment lines counted.
    public let line: Int
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let bounds: UnsafeBufferPointer<Int>

    /// Number of fields on the line.
    @inlinable public var count: Int { bounds.count / 2 }

    /// The bytes of field `i` (0-based), without surrounding spaces or quotes.
    @inlinable public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = bounds[2 * i]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * i + 1] - start)
    }

    /// Field `i` as a string, with doubled quotes (CSV's escape for `"`) made single.
    /// - Parameter i: A 0-based field index below `count`.
    /// - Returns: The field's text.
    public func string(_ i: Int) -> String {
        let text = String(decoding: field(i), as: UTF8.self)
        return text.contains("\"\"") ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// The whole line from field `i` to its end (a name containing the delimiter, for example).
    public func rest(from i: Int) -> String {
        let start = bounds[2 * i], end = bounds[bounds.count - 1]
        return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

/// Splits one line into fields with reusable storage for the field bounds.
public struct FieldSplitter {
    /// Where fields end; `.whitespace` splits at runs of spaces and tabs.
    public let delimiter: TableFormat.Delimiter
    private var bounds = [Int](repeating: 0, count: 64)

    /// A splitter for lines that use `delimiter`.
    /// - Parameter delimiter: The delimiter, usually a scanner's detected one.
    public init(delimiter: TableFormat.Delimiter) { self.delimiter = delimiter }

    /// Splits one line into fields and hands `body` its record, which is valid only during the call.
    /// - Parameters:
    ///   - line: The line's 1-based number, for messages.
    ///   - content: The line's bytes, without the line end.
    ///   - body: Reads the record.
    /// - Returns: What `body` returns.
    /// - Throws: Whatever `body` throws.
    public mutating func split<T>(line: Int, _ content: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> T) rethrows -> T {
        guard let base = content.baseAddress else {
            return try body(Record(line: line, base: UnsafePointer(bitPattern: 1)!, bounds: UnsafeBufferPointer(start: nil, count: 0)))
        }
        let count = RecordScanner.split(base, from: 0, to: content.count, delimiter: delimiter.byte, into: &bounds)
        return try bounds.withUnsafeBufferPointer { b in
            try body(Record(line: line, base: base, bounds: UnsafeBufferPointer(rebasing: b[0..<(2 * count)])))
        }
    }
}

/// Walks the lines of a `TextSource`: skips blank and comment lines, handles CRLF, detects the
/// delimiter and the header line, and splits fields (with double-quoted fields for CSV).
public struct RecordScanner {
    /// The text being scanned.
    public let source: TextSource
    /// The layout asked for, with the detected delimiter filled in when it was nil.
    public private(set) var format: TableFormat
    /// Fields of the header line, when there is one.
    public private(set) var headerFields: [String]?
    /// The delimiter in use: the one asked for, else detected from the first data line (whitespace
    /// for a file without data lines).
    public private(set) var delimiter: TableFormat.Delimiter = .whitespace

    /// Prepares to scan `source`, detecting the delimiter and header line from its first two data lines.
    /// - Parameters:
    ///   - source: The text to scan.
    ///   - format: The layout; nil and `.auto` fields are detected.
    public init(_ source: TextSource, format: TableFormat = TableFormat()) {
        self.source = source
        self.format = format
        detectLayout()
    }

    /// Calls `body` for each data line; `progress` gets the bytes consumed now and then.
    /// - Parameters:
    ///   - progress: Called with the bytes of `source.bytes` consumed so far, every 4 MiB or so and once at the end; nil,
    ///     the default, for none.
    ///   - body: Reads each record, which is valid only during the call.
    /// - Throws: Whatever `body` throws, which ends the scan there; scanning itself throws nothing.
    public func forEachRecord(
        progress: ((Int) -> Void)? = nil,
        _ body: (Record) throws -> Void
    ) throws {
        var splitter = FieldSplitter(delimiter: delimiter)
        try forEachLine(progress: progress) { line, content in
            try splitter.split(line: line, content, body)
        }
    }

    /// Calls `body` with each data line's number and bytes (blank, comment and header lines skipped,
    /// leading blanks and a trailing CR removed): the hook for readers with a faster path of their own.
    /// - Parameters:
    ///   - progress: Called with the bytes of `source.bytes` consumed so far, every 4 MiB or so and once at the end; nil,
    ///     the default, for none.
    ///   - body: Receives the line's 1-based number (blank and comment lines counted) and its bytes, valid only during the
    ///     call.
    /// - Throws: Whatever `body` throws, which ends the scan there; scanning itself throws nothing.
    public func forEachLine(
        progress: ((Int) -> Void)? = nil,
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let comments = format.commentPrefixes
        let skipFirstDataLine = headerFields != nil
        try source.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var lineStart = 0
            var lineNumber = 0
            var sawDataLine = false
            var nextProgress = 1 << 22
            let end = buffer.count
            while lineStart < end {
                lineNumber += 1
                let lineEnd = Self.findNewline(base, from: lineStart, end: end)
                defer { lineStart = lineEnd + 1 }
                if let progress, lineEnd >= nextProgress {
                    progress(lineEnd)
                    nextProgress = lineEnd + (1 << 22)
                }
                var contentEnd = lineEnd
                if contentEnd > lineStart, base[contentEnd - 1] == 13 { contentEnd -= 1 }
                var first = lineStart
                while first < contentEnd, base[first] == 32 || base[first] == 9 { first += 1 }
                if first == contentEnd || comments.contains(base[first]) { continue }
                if !sawDataLine {
                    sawDataLine = true
                    if skipFirstDataLine { continue }
                }
                try body(lineNumber, UnsafeBufferPointer(start: base + first, count: contentEnd - first))
            }
        }
        progress?(source.bytes.count)
    }

    @inline(__always)
    static func findNewline(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        guard let found = memchr(base + start, 10, end - start) else { return end }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Splits `[start, end)` into fields; writes start/end pairs into `bounds`, growing it if needed.
    @inline(__always)
    static func split(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiter: UInt8?, into bounds: inout [Int]
    ) -> Int {
        var count = 0
        var i = start
        func append(_ s: Int, _ e: Int) {
            if 2 * count + 1 >= bounds.count { bounds.append(contentsOf: repeatElement(0, count: bounds.count)) }
            bounds[2 * count] = s
            bounds[2 * count + 1] = e
            count += 1
        }
        guard let delimiter else {
            while i < end {
                while i < end, base[i] == 32 || base[i] == 9 { i += 1 }
                if i == end { break }
                if base[i] == 34, let close = closingQuote(base, after: i, end: end) {
                    append(i + 1, close)
                    i = close + 1
                    continue
                }
                let s = i
                while i < end, base[i] != 32, base[i] != 9 { i += 1 }
                append(s, i)
            }
            return count
        }
        while true {
            while i < end, base[i] == 32 || (base[i] == 9 && delimiter != 9) { i += 1 }
            var s = i, e: Int
            if i < end, base[i] == 34, let close = closingQuote(base, after: i, end: end) {
                s = i + 1
                e = close
                i = close + 1
                while i < end, base[i] != delimiter { i += 1 }
            } else {
                while i < end, base[i] != delimiter { i += 1 }
                e = i
                while e > s, base[e - 1] == 32 || (base[e - 1] == 9 && delimiter != 9) { e -= 1 }
            }
            append(s, e)
            if i >= end { break }
            i += 1  // past the delimiter
        }
        return count
    }

    /// Index of the quote closing a field opened at `open`, skipping doubled quotes (`""`).
    static func closingQuote(_ base: UnsafePointer<UInt8>, after open: Int, end: Int) -> Int? {
        var i = open + 1
        while i < end {
            if base[i] == 34 {
                if i + 1 < end, base[i + 1] == 34 { i += 2; continue }
                return i
            }
            i += 1
        }
        return nil
    }

    /// Finds the first two data lines, picks the delimiter, and decides whether the first is a header.
    private mutating func detectLayout() {
        var firstTwo: [[String]] = []
        var firstLine: [UInt8] = []
        let comments = format.commentPrefixes
        source.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var lineStart = 0
            var lines: [Range<Int>] = []
            while lineStart < buffer.count, lines.count < 2 {
                let lineEnd = Self.findNewline(base, from: lineStart, end: buffer.count)
                var contentEnd = lineEnd
                if contentEnd > lineStart, base[contentEnd - 1] == 13 { contentEnd -= 1 }
                var first = lineStart
                while first < contentEnd, base[first] == 32 || base[first] == 9 { first += 1 }
                if first < contentEnd, !comments.contains(base[first]) { lines.append(first..<contentEnd) }
                lineStart = lineEnd + 1
            }
            guard let head = lines.first else { return }
            firstLine = Array(buffer[head])
            if format.delimiter == nil {
                format.delimiter = Self.detectDelimiter(in: UnsafeBufferPointer(rebasing: buffer[head]))
            }
            var bounds = [Int](repeating: 0, count: 64)
            for range in lines {
                let n = Self.split(base, from: range.lowerBound, to: range.upperBound,
                                   delimiter: format.delimiter?.byte, into: &bounds)
                firstTwo.append((0..<n).map { String(decoding: buffer[bounds[2 * $0]..<bounds[2 * $0 + 1]], as: UTF8.self) })
            }
        }
        delimiter = format.delimiter ?? .whitespace
        guard !firstLine.isEmpty, let first = firstTwo.first else { return }
        switch format.header {
        case .present: headerFields = first
        case .absent: headerFields = nil
        case .auto: headerFields = Self.looksLikeHeader(first, next: firstTwo.count > 1 ? firstTwo[1] : nil) ? first : nil
        }
    }

    static func detectDelimiter(in line: UnsafeBufferPointer<UInt8>) -> TableFormat.Delimiter {
        TableFormat.detectDelimiter(line)
    }

    static func looksLikeHeader(_ first: [String], next: [String]?) -> Bool {
        func isNumber(_ s: String) -> Bool {
            var copy = s
            return copy.withUTF8 { NumberParsing.looksNumeric($0) }
        }
        if let next {
            for (a, b) in zip(first, next) where !isNumber(a) && isNumber(b) { return true }
        }
        let names = first.map { $0.lowercased() }
        return !names.isEmpty && names.allSatisfy { TableFormat.knownColumnNames.contains($0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RecordScanner {
    /// Each line of a `user item …` file (queries, support sets, pairs, friends), after checking it
    /// has the two columns: `file:line: expected user and <second>, found n column(s)` otherwise.
    /// - Parameters:
    ///   - path: The file, plain or gzip-compressed; its layout and header line are detected.
    ///   - second: What the second column holds, for the message: `item` by default, `friend` for a friends file.
    ///   - body: Reads each record, which has at least two fields and is valid only during the call.
    /// - Throws: `InputError` when the file cannot be read (as `TextSource.init(path:)` throws), or with `file:line` for a
    ///   line with fewer than two columns; and whatever `body` throws.
    public static func forEachPair(inFile path: String, second: String = "item", _ body: (Record) throws -> Void) throws {
        try RecordScanner(try TextSource(path: path)).forEachRecord { r in
            guard r.count >= 2 else { throw InputError(file: path, line: r.line, "expected user and \(second), found \(r.count) column(s)") }
            try body(r)
        }
    }
}
