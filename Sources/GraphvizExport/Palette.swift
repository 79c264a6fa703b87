/// Colours of the drawing, in one place so the legend and the nodes cannot disagree.
enum Palette {
    static let centreFill = "#b3261e"
    static let centreText = "#ffffff"
    static let personOutline = "#34495e"
    static let personLabel = "#1b2631"
    static let itemFill = "#fff1d6"
    static let itemOutline = "#d97706"
    static let broughtByLink = "#d97706"
    static let otherSourceLink = "#7b8794"
    /// Ties are many; translucency keeps a dense neighbourhood from turning into a solid blot.
    static let closeTie = "#4a5a6a80"
    static let farTie = "#8c9aab50"
    static let legendText = "#1b2631"
    static let legendNote = "#5d6d7e"
    static let omittedNote = "#b3261e"

    /// Low influence is pale, high influence dark (ColorBrewer PuBu, its palest stops dropped so
    /// the weakest friends still show against white).
    static let influenceRamp = ColourRamp(stops: [
        (0xd0, 0xd1, 0xe6), (0xa6, 0xbd, 0xdb), (0x74, 0xa9, 0xcf), (0x36, 0x90, 0xc0),
        (0x05, 0x70, 0xb0), (0x04, 0x5a, 0x8d), (0x02, 0x38, 0x58),
    ])
}

/// A piecewise-linear colour ramp over 0...1.
struct ColourRamp: Sendable {
    let stops: [(red: Int, green: Int, blue: Int)]

    /// `paleness` 0...1 mixes the colour towards white: friends of friends are drawn paler.
    func colour(at position: Double, paleness: Double = 0) -> String {
        let clamped = position.isFinite ? min(max(position, 0), 1) : 0
        let scaled = clamped * Double(stops.count - 1)
        let lower = min(Int(scaled), stops.count - 2)
        let fraction = scaled - Double(lower)
        let (from, to) = (stops[lower], stops[lower + 1])
        func channel(_ a: Int, _ b: Int) -> Int {
            let mixed = Double(a) + (Double(b) - Double(a)) * fraction
            let paled = mixed + (255 - mixed) * paleness
            return Int(paled.rounded())
        }
        return Self.hex(channel(from.red, to.red), channel(from.green, to.green), channel(from.blue, to.blue))
    }

    private static func hex(_ channels: Int...) -> String {
        "#" + channels.map { value in
            let digits = String(min(max(value, 0), 255), radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
