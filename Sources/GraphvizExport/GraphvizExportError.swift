import Foundation

public enum GraphvizExportError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case unknownLayout(String)
    case unknownFormat(String)
    case unknownFileExtension(String, file: String)
    case duplicateID(String, kind: String)
    case graphvizUnavailable(String)
    case layoutTooSlow(GraphvizLayout, lines: Int, limit: Int)
    case layoutFailed(GraphvizLayout, graphvizSays: String)
    case renderFailed(GraphvizFormat, graphvizSays: String)
    case writeFailed(path: String, reason: String)

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
