/// How a delimited text file is laid out. `nil` / `.auto` fields are detected from the file itself.
public struct TableFormat: Sendable, Equatable {
    /// What separates the fields of a line.
    public enum Delimiter: String, Sendable, CaseIterable {
        /// A TAB character (TSV, SNAP).
        case tab
        /// A comma (CSV), with double-quoted fields.
        case comma
        /// A semicolon, as spreadsheets write CSV where the comma is the decimal mark.
        case semicolon
        /// Runs of spaces and tabs (SNAP, KONECT, FilmTrust).
        case whitespace

        /// The delimiter's byte, or nil for `.whitespace`, which is no single byte.
        public var byte: UInt8? {
            switch self {
            case .tab: return UInt8(ascii: "\t")
            case .comma: return UInt8(ascii: ",")
            case .semicolon: return UInt8(ascii: ";")
            case .whitespace: return nil
            }
        }
    }

    /// Whether the first data line names the columns.
    public enum Header: String, Sendable, CaseIterable {
        /// A first line is a header when a column that holds numbers below holds a word there, or when
        /// it consists of known column names (`user`, `item`, `source`, `weight`, ...).
        case auto
        /// The first data line is a header.
        case present
        /// Every line is data.
        case absent
    }

    /// nil: detected from the first data line (tab, then comma, then semicolon, else whitespace).
    public var delimiter: Delimiter?
    /// Whether there is a header line; `.auto` detects it.
    public var header: Header
    /// Lines starting with one of these bytes are comments: `#` (SNAP) and `%` (KONECT).
    public var commentPrefixes: [UInt8]

    /// A layout; the defaults detect the delimiter and the header and take `#` and `%` as comments.
    /// - Parameters:
    ///   - delimiter: The delimiter, or nil to detect it.
    ///   - header: Whether there is a header line.
    ///   - commentPrefixes: First bytes of comment lines.
    public init(delimiter: Delimiter? = nil, header: Header = .auto, commentPrefixes: [UInt8] = [0x23, 0x25]) {
        self.delimiter = delimiter
        self.header = header
        self.commentPrefixes = commentPrefixes
    }

    /// Picks the delimiter a line uses: tab, then comma, then semicolon, else whitespace.
    static func detectDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> Delimiter {
        var sawComma = false, sawSemicolon = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "\t"): return .tab
            case UInt8(ascii: ","): sawComma = true
            case UInt8(ascii: ";"): sawSemicolon = true
            default: break
            }
        }
        if sawComma { return .comma }
        if sawSemicolon { return .semicolon }
        return .whitespace
    }

    static let knownColumnNames: Set<String> = [
        "user", "userid", "user_id", "uid", "users", "item", "itemid", "item_id", "iid", "items",
        "artistid", "artist", "movieid", "movie", "productid", "product",
        "source", "target", "src", "dst", "from", "to", "fromnodeid", "tonodeid", "node", "node1", "node2",
        "friend", "friendid", "trustor", "trustee", "follower", "followee",
        "weight", "rating", "value", "score", "count", "plays", "playcount", "timestamp", "time", "ts", "date",
        "id", "name", "title", "label", "category", "helpfulness", "url", "pictureurl",
    ]
}
