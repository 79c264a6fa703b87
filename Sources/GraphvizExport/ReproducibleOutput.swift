import Foundation

/// Makes the bytes depend on the drawing alone. Cairo 1.16 stamps PDFs with the time of rendering
/// (and ignores SOURCE_DATE_EPOCH); SVG, PNG and DOT need nothing.
enum ReproducibleOutput {
    static func normalised(_ data: Data, format: GraphvizFormat) -> Data {
        format == .pdf ? withFixedDates(pdf: data) : data
    }

    /// Overwrites the dates of the document information dictionary in place, character for
    /// character, so the cross-reference offsets stay valid.
    private static func withFixedDates(pdf: Data) -> Data {
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (", "/ModDate ("] {
            // The information dictionary comes after the pages, so the last occurrence is the one;
            // an earlier match could be text inside the drawing.
            guard let valueStart = lastEnd(of: Array(key.utf8), in: bytes) else { continue }
            let fixedDate = Array("D:20000101000000".utf8)
            var index = valueStart
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") {
                let offset = index - valueStart
                if offset < fixedDate.count {
                    bytes[index] = fixedDate[offset]
                } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    bytes[index] = UInt8(ascii: "0") // the time-zone offset
                }
                index += 1
            }
        }
        return Data(bytes)
    }

    private static func lastEnd(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1)
        where bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}
