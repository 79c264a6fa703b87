/// How a delimited text file is laid out. `nil` / `.auto` fields are detected from the file itself.
public struct TableFormat: Sendable, Equatable {
    public enum Delimiter: String, Sendable, CaseIterable {
        case tab, comma, semicolon
        /// Runs of spaces and tabs (SNAP, KONECT, FilmTrust).
        case whitespace

        public var byte: UInt8? {
            switch self {
            case .tab: return UInt8(ascii: "\t")
            case .comma: return UInt8(ascii: ",")
            case .semicolon: return UInt8(ascii: ";")
            case .whitespace: return nil
            }
        }
    }

    public enum Header: String, Sendable, CaseIterable {
        /// A first line is a header when a column that holds numbers below holds a word there, or when
        /// it consists of known column names (`user`, `item`, `source`, `weight`, ...).
        case auto
        case present
        case absent
    }

    public var delimiter: Delimiter?
    public var header: Header
    /// Lines starting with one of these bytes are comments: `#` (SNAP) and `%` (KONECT).
    public var commentPrefixes: [UInt8]

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
