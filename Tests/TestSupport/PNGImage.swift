import CZlib
import Foundation

/// The pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are): enough
/// to tell a rendered page from a blank one.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Row-major RGB triples.
    public let rgb: [UInt8]

    public enum Failure: Error { case notPNG, unsupported(String), corrupt }

    public init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure.notPNG }
        func u32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var (offset, compressed, header) = (8, [UInt8](), [UInt8]())
        while offset + 8 <= bytes.count {
            let length = u32(offset), type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure.corrupt }
            let body = bytes[(offset + 8)..<(offset + 8 + length)]
            if type == "IHDR" { header = Array(body) } else if type == "IDAT" { compressed += body } else if type == "IEND" { break }
            offset += 12 + length
        }
        guard header.count == 13 else { throw Failure.corrupt }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        guard header[8] == 8, header[12] == 0, [2, 6].contains(header[9]) else {
            throw Failure.unsupported("bit depth \(header[8]), colour type \(header[9]), interlace \(header[12])")
        }
        let channels = header[9] == 6 ? 4 : 3, stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = compressed.withUnsafeBufferPointer { source in
            raw.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &rawLength, source.baseAddress, uLong(source.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.corrupt }
        // Undo each row's filter (PNG specification, section 9).
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = Int(raw[row * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(pixels[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[(row - 1) * stride + i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure.corrupt
                }
                pixels[row * stride + i] = UInt8(truncatingIfNeeded: x + predicted)
            }
        }
        rgb = channels == 3 ? pixels : (0..<(width * height)).flatMap { pixels[($0 * 4)..<($0 * 4 + 3)] }
    }

    /// The share of pixels that are not white.
    public var inkedShare: Double {
        var inked = 0
        for p in 0..<(width * height) where rgb[3 * p] < 250 || rgb[3 * p + 1] < 250 || rgb[3 * p + 2] < 250 { inked += 1 }
        return Double(inked) / Double(max(1, width * height))
    }

    /// How many distinct colours the image holds.
    public var colourCount: Int {
        var seen = Set<Int>()
        for p in 0..<(width * height) { seen.insert(Int(rgb[3 * p]) << 16 | Int(rgb[3 * p + 1]) << 8 | Int(rgb[3 * p + 2])) }
        return seen.count
    }
}
