import Foundation
import Testing
@testable import GraphvizExport

@Suite struct EscapingTests {
    let renderer = GraphvizRenderer(options: DrawingOptions(maximumLabelLength: 200))
    let awkward = Fixtures.awkwardText

    @Test func awkwardLabelsAndIDsSurviveExactlyInTheSVG() throws {
        let svg = try #require(SVGSummary(try renderer.render(Fixtures.awkwardDrawing())), "SVG is not well-formed XML")

        #expect(svg.texts.contains(awkward), "person name (xlabel)")
        #expect(svg.texts.contains("#1 " + awkward), "item label")
        #expect(svg.texts.contains("User " + awkward), "title in the HTML-like legend")
        #expect(svg.titles.contains("person:" + awkward), "node name")
        #expect(svg.titles.contains("item:x&<y>"), "item node name")
        #expect(svg.titles.contains("User " + awkward), "graph name")
        #expect(svg.tooltips.contains("\(awkward) (\(awkward))\nfriend, influence 0.900"))
        #expect(svg.tooltips.contains("\(awkward) brought in \(awkward)"))
    }

    @Test func escapeStringsNeutraliseGraphvizDirectivesAndEntities() {
        #expect(GraphvizText.escString(#"a\Nb"#) == #"a\\Nb"#)
        #expect(GraphvizText.escString("x &lt; y") == "x &amp;lt; y")
        #expect(GraphvizText.escString("one\r\ntwo\rthree") == #"one\ntwo\nthree"#)
        #expect(GraphvizText.escString("tab\there\u{0}") == "tab here")
        // A combining accent on "&" makes one Character; the "&" must still be escaped.
        #expect(GraphvizText.escString("&\u{301}") == "&amp;\u{301}")
    }

    @Test func htmlTextIsXMLEscaped() {
        #expect(GraphvizText.html(#"<a href="x">Tom & 'Jerry'</a>"#)
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(GraphvizText.html("two\nlines") == "two<BR/>lines")
    }

    @Test func namesOnlyEscapeAmpersands() {
        #expect(GraphvizText.name(#"a\b "c" &amp;"#) == #"a\b "c" &amp;amp;"#)
    }

    @Test func truncationKeepsShortTextAndMarksCutText() {
        #expect(GraphvizText.truncated("short", to: 10) == "short")
        #expect(GraphvizText.truncated("exactly ten", to: 11) == "exactly ten")
        #expect(GraphvizText.truncated("much too long", to: 8) == "much to…")
        #expect(GraphvizText.truncated("much too long", to: 6) == "much…", "no space before the ellipsis")
    }
}

@Suite struct BackslashTests {
    /// Backslash sequences that Graphviz would otherwise read as directives, alone and in runs.
    @Test(arguments: [#"\"#, #"\\"#, #"\\\\"#, #"\n"#, #"\\n"#, #"\l"#, #"\N"#, #"\G"#, #"\E"#, #"x\"#])
    func backslashRunsSurviveInLabelsTooltipsAndTheLegend(text: String) throws {
        var drawing = Fixtures.smallDrawing()
        drawing.title = "T " + text
        drawing.people[0].label = "P " + text
        let svg = try #require(SVGSummary(try GraphvizRenderer().render(drawing)))

        #expect(svg.texts.contains("T " + text))
        #expect(svg.texts.contains("P " + text))
        #expect(svg.tooltips.contains("P \(text) (f1)\nfriend, influence 0.400"))
    }

    /// `.dot` output reads back in Graphviz whatever the IDs end in.
    @Test(arguments: [#"x\"#, #"\"#, #"x\\"#, #"a\"b"#, #"q""#])
    func dotOutputReadsBackWithAwkwardIDs(id: String) throws {
        var drawing = Fixtures.smallDrawing()
        let old = drawing.people[0].id
        drawing.title = "T " + id
        drawing.people[0].id = id
        drawing.ties = drawing.ties.map { tie in
            Tie(between: tie.person == old ? id : tie.person, and: tie.otherPerson == old ? id : tie.otherPerson, strength: tie.strength)
        }
        let dot = try GraphvizRenderer().render(drawing, format: .dot)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("awkward-\(UUID().uuidString).dot")
        try dot.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tsvg", "-o", "/dev/null", file.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Graphviz could not read the .dot back for ID \(id)")
    }
}
