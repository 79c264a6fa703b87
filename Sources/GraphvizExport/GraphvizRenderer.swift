import Foundation
import RecData

/// Draws an `InfluenceDrawing` in-process with libgvc.
///
/// ```swift
/// let renderer = GraphvizRenderer()
/// let svg = try renderer.render(drawing)                       // sfdp, SVG
/// try renderer.write(drawing, to: URL(filePath: "ego.png"))    // format from the extension
/// ```
/// Safe to call from any thread: calls into Graphviz are serialised, since it keeps global state.
public struct GraphvizRenderer: Sendable {
    /// Readability choices applied to every drawing.
    public var options: DrawingOptions

    /// A renderer with `options`.
    public init(options: DrawingOptions = DrawingOptions()) {
        self.options = options
    }

    /// The drawing's bytes; identical input gives identical bytes.
    /// - Parameters:
    ///   - drawing: what to draw.
    ///   - layout: the layout engine; `sfdp` by default, and `dot` and `circo` are refused on large drawings.
    ///   - format: the output format; SVG by default.
    /// - Throws: `GraphvizExportError.duplicateID` when two people (the centre included) or two items share an ID,
    ///   `.layoutTooSlow` when the drawing has more lines than `layout` can place in reasonable time,
    ///   `.graphvizUnavailable` when libgvc gives no context, and `.layoutFailed` or `.renderFailed` with what
    ///   Graphviz said when it refuses.
    public func render(
        _ drawing: InfluenceDrawing,
        layout: GraphvizLayout = .sfdp,
        format: GraphvizFormat = .svg
    ) throws(GraphvizExportError) -> Data {
        let spec = try graphSpec(for: drawing)
        if let limit = layout.practicalLineLimit, spec.edges.count > limit {
            throw .layoutTooSlow(layout, lines: spec.edges.count, limit: limit)
        }
        let data = try Graphviz.render(spec, layout: layout, format: format)
        return ReproducibleOutput.normalised(data, format: format)
    }

    /// Writes the drawing to `url`, replacing the file as a whole (a failed render leaves any old
    /// file in place). The format comes from the file extension unless given.
    /// - Parameters:
    ///   - drawing: what to draw.
    ///   - url: the file to write.
    ///   - layout: the layout engine; `sfdp` by default, and `dot` and `circo` are refused on large drawings.
    ///   - format: the output format; nil takes it from the extension of `url` (`.svg`, `.png`, `.pdf`, `.dot` or `.gv`).
    /// - Throws: `GraphvizExportError.unknownFileExtension` when `format` is nil and the extension names no format,
    ///   whatever `render(_:layout:format:)` throws, and `.writeFailed` when the file cannot be written.
    public func write(
        _ drawing: InfluenceDrawing,
        to url: URL,
        layout: GraphvizLayout = .sfdp,
        format: GraphvizFormat? = nil
    ) throws(GraphvizExportError) {
        let chosenFormat: GraphvizFormat
        if let format {
            chosenFormat = format
        } else {
            chosenFormat = try GraphvizFormat(fileExtensionOf: url)
        }
        let data = try render(drawing, layout: layout, format: chosenFormat)
        do {
            try OutputFile.write(data, to: url.relativePath)
        } catch let error as OutputError {
            throw .writeFailed(path: error.path, reason: error.reason)
        } catch {
            throw .writeFailed(path: url.relativePath, reason: OutputError.reason(error))
        }
    }

    func graphSpec(for drawing: InfluenceDrawing) throws(GraphvizExportError) -> GraphSpec {
        let prepared = try PreparedDrawing(drawing, options: options)
        return InfluenceGraphStyle(options: options).graphSpec(for: prepared)
    }
}
