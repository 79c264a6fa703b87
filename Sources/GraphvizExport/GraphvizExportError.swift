import Foundation

/// What can go wrong drawing; `description` is the sentence the command line prints.
public enum GraphvizExportError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// A layout name that is not one of `GraphvizLayout`'s.
    case unknownLayout(String)
    /// A format name that is not one of `GraphvizFormat`'s.
    case unknownFormat(String)
    /// An output file whose extension names no format.
    case unknownFileExtension(String, file: String)
    /// Two people, or two items, with one ID.
    case duplicateID(String, kind: String)
    /// Graphviz could not be started (no context from libgvc).
    case graphvizUnavailable(String)
    /// More lines than the layout can place in reasonable time (`dot`, `circo`).
    case layoutTooSlow(GraphvizLayout, lines: Int, limit: Int)
    /// Graphviz refused to lay the graph out.
    case layoutFailed(GraphvizLayout, graphvizSays: String)
    /// Graphviz refused to render the laid-out graph.
    case renderFailed(GraphvizFormat, graphvizSays: String)
    /// The picture could not be written.
    case writeFailed(path: String, reason: String)

    /// The sentence the command line prints.
    public var description: String {
        switch self {
        case .unknownLayout(let name):
            return "unknown layout \"\(name)\"; use one of: \(Self.list(GraphvizLayout.allCases))"
        case .unknownFormat(let name):
            return "unknown output format \"\(name)\"; use one of: \(Self.list(GraphvizFormat.allCases))"
        case .unknownFileExtension(let fileExtension, let file):
            let found = fileExtension.isEmpty ? "has no extension" : "has the unknown extension \".\(fileExtension)\""
            return "cannot tell the output format: \"\(file)\" \(found); name it .svg, .png, .pdf or .dot, or give the format explicitly"
        case .duplicateID(let id, let kind):
            return "the drawing lists the \(kind) \"\(id)\" more than once"
        case .graphvizUnavailable(let reason):
            return "Graphviz is not usable: \(reason)"
        case .layoutTooSlow(let layout, let lines, let limit):
            return "the \(layout.rawValue) layout does not finish in reasonable time on \(lines) lines "
                + "(ties and item links; it copes with about \(limit)); use sfdp (the default) or neato"
        case .layoutFailed(let layout, let message):
            return "Graphviz layout \"\(layout.rawValue)\" failed" + Self.suffix(message)
        case .renderFailed(let format, let message):
            return "Graphviz could not render \(format.rawValue)" + Self.suffix(message)
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }

    private static func list<T: RawRepresentable<String>>(_ cases: [T]) -> String {
        cases.map(\.rawValue).joined(separator: ", ")
    }

    private static func suffix(_ message: String) -> String {
        message.isEmpty ? "" : ": \(message)"
    }
}
