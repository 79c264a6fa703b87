import Foundation
import Testing
@testable import GraphvizExport

@Suite struct DeterminismTests {
    let renderer = GraphvizRenderer()

    @Test(arguments: [GraphvizFormat.svg, .png, .dot])
    func sameInputGivesTheSameBytes(format: GraphvizFormat) throws {
        let drawing = Fixtures.smallDrawing()
        let first = try renderer.render(drawing, format: format)
        let second = try renderer.render(drawing, format: format)
        #expect(first == second)
    }

    /// sfdp draws from the C library's unseeded rand(), which once made a drawing depend on what
    /// had been drawn before it in the process.
    @Test func earlierDrawingsDoNotChangeLaterOnes() throws {
        let drawing = Fixtures.smallDrawing()
        let first = try renderer.render(drawing)
        _ = try renderer.render(Fixtures.awkwardDrawing())
        _ = try renderer.render(Fixtures.awkwardDrawing(), layout: .neato)
        #expect(try renderer.render(drawing) == first)
    }

    @Test func inputOrderDoesNotMatter() throws {
        let drawing = Fixtures.smallDrawing()
        var shuffled = drawing
        shuffled.people.reverse()
        shuffled.ties.reverse()
        shuffled.items.reverse()
        #expect(try renderer.render(drawing) == renderer.render(shuffled))
    }

    @Test func pdfDatesAreFixed() throws {
        let pdf = try renderer.render(Fixtures.smallDrawing(), format: .pdf)
        #expect(String(decoding: pdf, as: UTF8.self).contains("/CreationDate (D:20000101000000"))
    }
}
