import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the tests need from an SVG, read with a real XML parser so that escaping mistakes show up
/// as parse failures or wrong text rather than passing by accident.
struct SVGSummary {
    var nodeCount = 0
    var edgeCount = 0
    /// Contents of every `<text>`, XML-unescaped.
    var texts: [String] = []
    /// Contents of every `<title>` (Graphviz writes object names there).
    var titles: [String] = []
    /// Every `xlink:title` attribute (Graphviz writes tooltips there).
    var tooltips: [String] = []

    init?(_ data: Data) {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { return nil }
        self = collector.summary
    }

    fileprivate init() {}
}

private final class Collector: NSObject, XMLParserDelegate {
    var summary = SVGSummary()
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch element {
        case "g" where attributes["class"] == "node": summary.nodeCount += 1
        case "g" where attributes["class"] == "edge": summary.edgeCount += 1
        case "text", "title": text = ""
        case "a": if let tooltip = attributes["xlink:title"] { summary.tooltips.append(tooltip) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard let finished = text else { return }
        if element == "text" { summary.texts.append(finished) }
        if element == "title" { summary.titles.append(finished) }
        text = nil
    }
}
