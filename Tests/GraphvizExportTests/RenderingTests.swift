import Foundation
import Testing
@testable import GraphvizExport

@Suite struct RenderingTests {
    let renderer = GraphvizRenderer()

    @Test func svgHasOneNodePerPersonAndItemAndOneEdgePerTieAndLink() throws {
        let drawing = Fixtures.smallDrawing()
        let svg = try #require(SVGSummary(try renderer.render(drawing, format: .svg)))

        // The legend is the graph label, not nodes, so nodes are exactly centre + people + items.
        #expect(svg.nodeCount == 1 + drawing.people.count + drawing.items.count)
        #expect(svg.edgeCount == Fixtures.expectedTieCount + Fixtures.expectedLinkCount)
    }

    @Test func svgShowsTheNamesTitleLegendAndOmittedCount() throws {
        let drawing = Fixtures.smallDrawing()
        let svg = try #require(SVGSummary(try renderer.render(drawing)))

        #expect(svg.texts.contains("Zoë K"))
        for person in drawing.people {
            #expect(svg.texts.contains(person.label), "\(person.label) has no visible name")
        }
        for item in drawing.items {
            #expect(svg.texts.contains("#\(item.rank) \(item.label)"))
        }
        #expect(svg.texts.contains(drawing.title))
        #expect(svg.texts.contains("Influence from model social-maml (checkpoint 3)"))
        #expect(svg.texts.contains("12 more people not shown"))
        #expect(svg.texts.contains { $0.hasPrefix("dotted:") }, "item i3 has a centre link, so the legend explains it")
    }

    @Test func onlyTheMostInfluentialPeopleGetVisibleNamesTheRestTooltips() throws {
        let drawing = Fixtures.smallDrawing()
        let svg = try #require(SVGSummary(try GraphvizRenderer(options: DrawingOptions(labelledPeople: 2)).render(drawing)))

        #expect(svg.texts.contains("Ana Costa"))
        #expect(svg.texts.contains("Bram Jansen"))
        #expect(!svg.texts.contains("Hana Silva"))
        #expect(svg.tooltips.contains("Hana Silva (g4)\nfriend of a friend, influence 0.020"))
    }

    @Test func personalisedPageRankIsNamedInTheLegend() throws {
        var drawing = Fixtures.smallDrawing()
        drawing.influenceSource = .personalisedPageRank
        drawing.omittedPeople = 0
        let svg = try #require(SVGSummary(try renderer.render(drawing)))

        #expect(svg.texts.contains("Influence: personalised PageRank (no trained model)"))
        #expect(!svg.texts.contains { $0.contains("not shown") })
    }

    @Test func longLabelsAreShortenedButTooltipsKeepThemWhole() throws {
        var drawing = Fixtures.smallDrawing()
        drawing.items[0].label = "An Extraordinarily Long Title That Goes On And On"
        let svg = try #require(SVGSummary(try GraphvizRenderer(options: DrawingOptions(maximumLabelLength: 20)).render(drawing)))

        #expect(svg.texts.contains("#1 An Extraordinarily…"))
        #expect(svg.tooltips.contains { $0.hasPrefix("#1 An Extraordinarily Long Title That Goes On And On (i1)") })
    }

    @Test func multiLineLabelsBecomeSeparateLines() throws {
        var drawing = Fixtures.smallDrawing()
        drawing.items[0].label = "first line\nsecond line"
        let svg = try #require(SVGSummary(try renderer.render(drawing)))

        #expect(svg.texts.contains("#1 first line"))
        #expect(svg.texts.contains("second line"))
    }

    @Test func pngStartsWithThePNGSignature() throws {
        let png = try renderer.render(Fixtures.smallDrawing(), format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func pdfStartsWithThePDFHeader() throws {
        let pdf = try renderer.render(Fixtures.smallDrawing(), format: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf, as: UTF8.self).contains("/CreationDate (D:20000101000000"))
    }

    @Test func dotOutputParsesBackWithTheSameNodesAndEdges() throws {
        let drawing = Fixtures.awkwardDrawing()
        let dot = try renderer.render(drawing, format: .dot)
        let text = String(decoding: dot, as: UTF8.self)

        let parsed = try #require(Graphviz.parseDOT(text), "cgraph could not read its own output")
        #expect(parsed.nodes == 1 + drawing.people.count + drawing.items.count)
        #expect(parsed.edges == 1 + 1) // the one tie and the one link
        #expect(text.contains("pos="), "DOT output carries the layout")
        #expect(text.contains("label=\"\""), "the empty default label must survive, or readers get \\N")
    }

    @Test(arguments: GraphvizLayout.allCases)
    func everyLayoutRenders(layout: GraphvizLayout) throws {
        let drawing = Fixtures.smallDrawing()
        let svg = try #require(SVGSummary(try renderer.render(drawing, layout: layout)))
        #expect(svg.nodeCount == 1 + drawing.people.count + drawing.items.count)
    }

    @Test func writeChoosesTheFormatFromTheExtensionUnlessToldOtherwise() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "gv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let drawing = Fixtures.smallDrawing()

        try renderer.write(drawing, to: directory.appending(path: "ego.SVG"))
        try renderer.write(drawing, to: directory.appending(path: "ego.png"))
        try renderer.write(drawing, to: directory.appending(path: "ego.gv"))
        try renderer.write(drawing, to: directory.appending(path: "picture.out"), format: .pdf)

        #expect(try Data(contentsOf: directory.appending(path: "ego.SVG")).starts(with: Array("<?xml".utf8)))
        #expect(try Data(contentsOf: directory.appending(path: "ego.png")).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Data(contentsOf: directory.appending(path: "ego.gv")).starts(with: Array("graph ".utf8)))
        #expect(try Data(contentsOf: directory.appending(path: "picture.out")).starts(with: Array("%PDF".utf8)))
    }

    @Test func rendersFromManyThreadsAtOnce() async throws {
        let drawing = Fixtures.smallDrawing()
        let expected = try renderer.render(drawing)
        let renderer = self.renderer
        try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<8 {
                group.addTask { try renderer.render(drawing) }
            }
            for try await svg in group {
                #expect(svg == expected)
            }
        }
    }

    @Test func emptyNeighbourhoodStillDraws() throws {
        let drawing = InfluenceDrawing(
            title: "User lonely", centre: Person(id: "lonely"), people: [], ties: [], items: [],
            influenceSource: .personalisedPageRank
        )
        let svg = try #require(SVGSummary(try renderer.render(drawing)))
        #expect(svg.nodeCount == 1)
        #expect(svg.edgeCount == 0)
    }
}
