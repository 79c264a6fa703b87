/// A problem with a user's input file, reported as `file:line: what is wrong`.
///
/// Every reader throws this, so the command line can print one line and exit non-zero.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// 1-based line number, or nil when the problem concerns the whole file.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    /// A field's text for a message: control characters escaped (a terminal shows them as written,
    /// not acted on) and a long field cut short, so a 1 MB field makes a one-line message.
    public static func excerpt<C: Collection>(_ bytes: C, limit: Int = 40) -> String where C.Element == UInt8 {
        excerpt(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    public static func excerpt(_ text: String, limit: Int = 40) -> String {
        var out = ""
        for (n, scalar) in text.unicodeScalars.enumerated() {
            if n == limit {
                out += "… (\(text.utf8.count) bytes)"
                break
            }
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
