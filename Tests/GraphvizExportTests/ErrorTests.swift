import Foundation
import Testing
@testable import GraphvizExport

@Suite struct ErrorTests {
    @Test func unknownFileExtensionIsACleanError() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "ego.jpeg")
        #expect(throws: GraphvizExportError.unknownFileExtension("jpeg", file: "ego.jpeg")) {
            try GraphvizRenderer().write(Fixtures.smallDrawing(), to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(GraphvizExportError.unknownFileExtension("jpeg", file: "ego.jpeg").description
            == "cannot tell the output format: \"ego.jpeg\" has the unknown extension \".jpeg\"; name it .svg, .png, .pdf or .dot, or give the format explicitly")
    }

    @Test func missingFileExtensionIsACleanError() {
        #expect(throws: GraphvizExportError.unknownFileExtension("", file: "ego")) {
            try GraphvizFormat(fileExtensionOf: URL(filePath: "/tmp/ego"))
        }
        #expect(GraphvizExportError.unknownFileExtension("", file: "ego").description.contains("\"ego\" has no extension"))
    }

    @Test func unknownLayoutNameIsACleanError() throws {
        #expect(throws: GraphvizExportError.unknownLayout("spring")) { try GraphvizLayout(named: "spring") }
        #expect(GraphvizExportError.unknownLayout("spring").description
            == "unknown layout \"spring\"; use one of: sfdp, neato, fdp, circo, dot")
        #expect(try GraphvizLayout(named: "NEATO") == .neato)
    }

    @Test func unknownFormatNameIsACleanError() {
        #expect(throws: GraphvizExportError.unknownFormat("gif")) { try GraphvizFormat(named: "gif") }
        #expect(GraphvizExportError.unknownFormat("gif").description
            == "unknown output format \"gif\"; use one of: svg, png, pdf, dot")
    }

    @Test func layoutsThatWouldNeverFinishAreRefusedUpFront() {
        var drawing = Fixtures.smallDrawing()
        drawing.people = (0..<60).map { Person(id: "p\($0)", hop: 1, influence: 0.5) }
        drawing.ties = (0..<60).flatMap { a in (0..<8).map { Tie(between: "p\(a)", and: "p\((a + $0 + 1) % 60)", strength: 0.5) } }
        drawing.items = []
        #expect(throws: GraphvizExportError.layoutTooSlow(.dot, lines: 480, limit: 400)) {
            try GraphvizRenderer().render(drawing, layout: .dot)
        }
        #expect(GraphvizExportError.layoutTooSlow(.dot, lines: 480, limit: 400).description
            == "the dot layout does not finish in reasonable time on 480 lines (ties and item links; it copes with about 400); use sfdp (the default) or neato")
    }

    @Test func duplicatePeopleAndItemsAreRejected() {
        var drawing = Fixtures.smallDrawing()
        drawing.people.append(Person(id: "f2", label: "Bram again"))
        #expect(throws: GraphvizExportError.duplicateID("f2", kind: "person")) { try GraphvizRenderer().render(drawing) }

        drawing = Fixtures.smallDrawing()
        drawing.people.append(Person(id: "me"))
        #expect(throws: GraphvizExportError.duplicateID("me", kind: "person")) { try GraphvizRenderer().render(drawing) }

        drawing = Fixtures.smallDrawing()
        drawing.items.append(drawing.items[0])
        #expect(throws: GraphvizExportError.duplicateID("i1", kind: "item")) { try GraphvizRenderer().render(drawing) }
    }

    @Test func writeFailureNamesThePath() {
        let url = URL(filePath: "/nonexistent-directory/ego.svg")
        #expect {
            try GraphvizRenderer().write(Fixtures.smallDrawing(), to: url)
        } throws: { error in
            guard case .writeFailed(let path, _) = error as? GraphvizExportError else { return false }
            return path == "/nonexistent-directory/ego.svg"
        }
    }

    @Test func errorsReadWellThroughLocalizedDescription() {
        let error: any Error = GraphvizExportError.layoutFailed(.sfdp, graphvizSays: "Layout type: \"sfdp\" not recognized")
        #expect(error.localizedDescription == "Graphviz layout \"sfdp\" failed: Layout type: \"sfdp\" not recognized")
    }
}
