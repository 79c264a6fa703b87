/// A problem with a user's input file, reported as `file:line: what is wrong`.
///
/// Every reader throws this, so the command line can print one line and exit non-zero.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in, as the reader was given it (a path or a display name).
    public var file: String
    /// 1-based line number, or nil when the problem concerns the whole file.
    public var line: Int?
    /// What is wrong, for the person who gave the file, without the file and line prefix.
    public var message: String

    /// A problem with `file`, at `line` when it concerns one line.
    /// - Parameters:
    ///   - file: The file's path or display name.
    ///   - line: 1-based line number, or nil for the whole file.
    ///   - message: What is wrong.
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The one-line report: `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    /// A field's text for a message: control characters escaped (a terminal shows them as written,
    /// not acted on) and a long field cut short, so a 1 MB field makes a one-line message.
    /// - Parameters:
    ///   - bytes: The field's bytes, read as UTF-8 (an invalid sequence shows as U+FFFD).
    ///   - limit: Characters (Unicode scalars) kept before the cut; 40 by default.
    /// - Returns: The text to put in a message.
    public static func excerpt<C: Collection>(_ bytes: C, limit: Int = 40) -> String where C.Element == UInt8 {
        excerpt(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// The same excerpt from text already decoded: control characters written as `\u{…}`, and text
    /// beyond `limit` characters replaced by its size in bytes.
    /// - Parameters:
    ///   - text: The field's text.
    ///   - limit: Characters kept before the cut.
    /// - Returns: The text to put in a message.
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
