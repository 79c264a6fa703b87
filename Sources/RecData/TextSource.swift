import CZlib
import Foundation

/// The bytes of a text file as users have them: plain or gzip-compressed (detected by its magic bytes,
/// not by name), with an optional UTF-8 byte-order mark removed.
public struct TextSource: Sendable {
    /// The path or display name, for messages.
    public let path: String
    /// The text as UTF-8: decompressed, without a byte-order mark, Latin-1 converted, and CR-only
    /// line ends made LF.
    public let bytes: [UInt8]
    /// Size of the file on disk (compressed size for gzip), for throughput figures.
    public let fileSize: Int
    /// The file was gzip-compressed.
    public let wasCompressed: Bool
    /// The file was not valid UTF-8 and was read as ISO-8859-1 (Latin-1), as older datasets are.
    public let wasLatin1: Bool

    /// Reads the file at `path`.
    /// - Parameter path: The file, plain or gzip-compressed.
    /// - Throws: `InputError` when the file is missing, unreadable or a directory, when its gzip data is
    ///   corrupt or truncated, or when it holds a NUL byte (binary data, or UTF-16).
    public init(path: String) throws {
        try self.init(name: path, bytes: Self.readFile(path))
    }

    /// The bytes of a file already in memory (the readers' fuzzer, data from elsewhere), under a
    /// display name, with the same handling as a file on disk: gzip, byte-order mark, NUL, Latin-1.
    /// - Parameters:
    ///   - path: The display name, for messages; it becomes `path`.
    ///   - raw: The file's bytes as stored, plain or gzip-compressed.
    /// - Throws: `InputError` when gzip decompression cannot start or the gzip data is corrupt or truncated, or when the text
    ///   holds a NUL byte (binary data, or UTF-16).
    public init(name path: String, bytes raw: [UInt8]) throws {
        self.path = path
        fileSize = raw.count
        var text = raw
        wasCompressed = raw.count >= 2 && raw[0] == 0x1f && raw[1] == 0x8b
        if wasCompressed { text = try Self.gunzip(raw, path: path) }
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        if let nul = text.firstIndex(of: 0) {
            throw InputError(file: path, "binary data, not text (a NUL byte at offset \(nul)); UTF-16 files must be saved as UTF-8")
        }
        wasLatin1 = !Self.isUTF8(text)
        // Classic Mac line ends (CR alone, as old spreadsheet exports have them) are line ends, not
        // one long line whose IDs hold CRs.
        if !text.isEmpty, text.withUnsafeBufferPointer({ memchr($0.baseAddress!, 10, $0.count) == nil }), text.contains(13) {
            text = text.map { $0 == 13 ? 10 : $0 }
        }
        bytes = wasLatin1 ? Self.latin1ToUTF8(text) : text
    }

    /// For tests and generated data: text held in memory under a display name.
    /// - Parameters:
    ///   - name: The display name, for messages; it becomes `path`.
    ///   - text: The text. A leading byte-order mark is removed and nothing else changes: unlike `init(name:bytes:)`, no
    ///     NUL check, and line ends of CR alone stay as they are.
    public init(name: String, text: String) {
        path = name
        var raw = Array(text.utf8)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
        bytes = raw
        fileSize = raw.count
        wasCompressed = false
        wasLatin1 = false
    }

    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        // Most files are ASCII: check eight bytes at a time before asking for full validation.
        let ascii = bytes.withUnsafeBytes { raw -> Bool in
            var i = 0
            var high: UInt64 = 0
            while i + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < raw.count { high |= UInt64(raw[i]); i += 1 }
            return high & 0x8080_8080_8080_8080 == 0
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }

    static func latin1ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b) } else { out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F)) }
        }
        return out
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(file: path, Self.errnoMessage(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, "is a directory, not a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, Self.errnoMessage(errno)) }
        defer { close(fd) }
        var result = [UInt8]()
        result.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw InputError(file: path, "read failed: \(Self.errnoMessage(errno))") }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    static func errnoMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory, not a file"
        default: return String(cString: strerror(code))
        }
    }

    /// Inflates gzip data, including files made of several concatenated gzip members.
    static func gunzip(_ input: [UInt8], path: String) throws -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count * 4)
        var stream = z_stream()
        // 15 + 32: maximum window, and let zlib detect the gzip header.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(file: path, "cannot initialise gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        try input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            // zlib counts input in 32 bits: a file of 4 GB or more goes in as several pieces.
            var remaining = inBuf.count
            while true {
                if stream.avail_in == 0, remaining > 0 {
                    stream.avail_in = UInt32(min(remaining, Int(UInt32.max)))
                    remaining -= Int(stream.avail_in)
                }
                let allIn = remaining == 0
                let (status, produced) = buffer.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuf.count - Int(stream.avail_out))
                }
                output.append(contentsOf: buffer[0..<produced])
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 && allIn { return }
                    guard inflateReset(&stream) == Z_OK else {
                        throw InputError(file: path, "corrupt gzip data")
                    }
                case Z_OK:
                    if stream.avail_in == 0 && allIn && produced == 0 {
                        throw InputError(file: path, "truncated gzip file (compressed data ends early)")
                    }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 && allIn {
                        throw InputError(file: path, "truncated gzip file (compressed data ends early)")
                    }
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw InputError(file: path, "corrupt gzip data (\(reason))")
                }
            }
        }
        return output
    }
}
