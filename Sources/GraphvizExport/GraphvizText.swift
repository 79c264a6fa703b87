import Foundation

/// Encodes arbitrary text for the three kinds of string Graphviz reads, so that what the reader
/// sees in the output is exactly the caller's text.
enum GraphvizText {
    /// Object names: Graphviz writes them verbatim into SVG `<title>`s except that it leaves anything
    /// that already looks like an entity alone, so a literal `&` must arrive as `&amp;`.
    ///
    /// In `.dot` output Graphviz writes a name between quotes with its backslashes as they are, so a
    /// backslash before a quote or at the end would escape that quote or the closing one, and the
    /// file would not read back: a zero-width space (invisible in the SVG `<title>`) separates them.
    static func name(_ text: String) -> String {
        let name = cleaned(text).replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "\\\"", with: "\\\u{200B}\"")
        return name.hasSuffix("\\") ? name + "\u{200B}" : name
    }

    /// Labels and xlabels are escape strings: `\N`, `\n`, `\l`... are directives, and entities such
    /// as `&lt;` are decoded. Escaping `\` and `&` makes every character literal.
    static func escString(_ text: String) -> String {
        encoded(text, backslash: "\\\\")
    }

    /// Tooltips are escape strings too, but Graphviz 2.42 unescapes them twice (once plainly, once
    /// expanding `\N`...), so a backslash must arrive as four. The tests pin this behaviour.
    static func tooltip(_ text: String) -> String {
        encoded(text, backslash: "\\\\\\\\")
    }

    private static func encoded(_ text: String, backslash: String) -> String {
        // Scalars, not Characters: a combining mark after `&` would otherwise hide it.
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count + 8)
        for scalar in cleaned(text).unicodeScalars {
            switch scalar {
            case "\\": encoded += backslash
            case "&": encoded += "&amp;"
            case "\n": encoded += "\\n"
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }

    /// Text inside an HTML-like label: XML escaping, line breaks as `<BR/>`, and backslashes doubled
    /// because Graphviz still expands `\N` and `\\` in HTML-like text.
    static func html(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count + 8)
        for scalar in cleaned(text).unicodeScalars {
            switch scalar {
            case "\\": encoded += "\\\\"
            case "&": encoded += "&amp;"
            case "<": encoded += "&lt;"
            case ">": encoded += "&gt;"
            case "\"": encoded += "&quot;"
            case "'": encoded += "&#39;"
            case "\n": encoded += "<BR/>"
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }

    /// Shortens text for a visible label; the full text stays in the tooltip.
    static func truncated(_ text: String, to maximumLength: Int) -> String {
        guard text.count > maximumLength, maximumLength > 1 else { return text }
        let kept = text.prefix(maximumLength - 1)
        return String(kept.drop { _ in false }.reversed().drop(while: \.isWhitespace).reversed()) + "…"
    }

    /// NUL would end the C string early and other control characters confuse both Graphviz and XML;
    /// line breaks are normalised to `\n`, tabs become spaces.
    private static func cleaned(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var result = String.UnicodeScalarView()
        for scalar in normalised.unicodeScalars {
            switch scalar {
            case "\n": result.append(scalar)
            case "\r": result.append("\n")
            case "\t": result.append(" ")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
