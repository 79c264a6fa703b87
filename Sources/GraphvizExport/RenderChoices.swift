import Foundation

/// Graphviz layout engines. `sfdp` (the default) and `neato` handle a 200-person neighbourhood in a
/// fraction of a second; `dot` and `circo` only suit small, sparse ones and are refused beyond that.
public enum GraphvizLayout: String, CaseIterable, Sendable {
    /// Scalable force-directed placement: the default.
    case sfdp
    /// Spring model (stress majorisation).
    case neato
    /// Force-directed (Fruchterman–Reingold).
    case fdp
    /// Circular; small neighbourhoods only.
    case circo
    /// Hierarchical; small neighbourhoods only.
    case dot

    /// Parses a user-supplied name such as a command-line option, case-insensitively.
    /// - Parameter name: a layout's raw value, such as "sfdp" or "Neato".
    /// - Throws: `GraphvizExportError.unknownLayout` with the name as given when it is none of the layouts.
    public init(named name: String) throws(GraphvizExportError) {
        guard let layout = GraphvizLayout(rawValue: name.lowercased()) else {
            throw .unknownLayout(name)
        }
        self = layout
    }

    /// Beyond this many lines (ties plus item links) the layout runs for minutes or never ends
    /// (measured on 200 people: dot 1.2 s at 400 lines, 32 s at 600; circo 1.2 s at 250, 18 s at
    /// 400). A Graphviz call cannot be interrupted, so refusing up front is the only safe answer.
    var practicalLineLimit: Int? {
        switch self {
        case .dot: 400
        case .circo: 250
        case .sfdp, .neato, .fdp: nil
        }
    }
}

/// Output formats Graphviz renders to.
public enum GraphvizFormat: String, CaseIterable, Sendable {
    /// Scalable vector graphics, with tooltips: the default.
    case svg
    /// A bitmap.
    case png
    /// A vector document for print.
    case pdf
    /// DOT text with the computed positions, so `neato -n2` redraws the same picture.
    case dot

    /// Parses a user-supplied name such as a command-line option, case-insensitively.
    /// - Parameter name: a format's raw value, such as "svg" or "PNG" (not "gv", which only a file extension may be).
    /// - Throws: `GraphvizExportError.unknownFormat` with the name as given when it is none of the formats.
    public init(named name: String) throws(GraphvizExportError) {
        guard let format = GraphvizFormat(rawValue: name.lowercased()) else {
            throw .unknownFormat(name)
        }
        self = format
    }

    /// The format a file name asks for: `.svg`, `.png`, `.pdf`, `.dot` or `.gv`, in any case.
    /// - Parameter url: the output file; only its extension is read.
    /// - Throws: `GraphvizExportError.unknownFileExtension` with the extension (empty when there is none) and the file's
    ///   name when the extension names no format.
    public init(fileExtensionOf url: URL) throws(GraphvizExportError) {
        let fileExtension = url.pathExtension
        switch fileExtension.lowercased() {
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        default: throw .unknownFileExtension(fileExtension, file: url.lastPathComponent)
        }
    }
}
