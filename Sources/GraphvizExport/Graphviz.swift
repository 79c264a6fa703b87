import CGraphviz
import Foundation
import Synchronization

/// The only place that calls into libgvc/cgraph.
///
/// Graphviz keeps process-wide state (the plugin context, the DOT lexer, the error channel), so every
/// call goes through one lock, and one `GVC_t` is created on first use and kept for the process.
enum Graphviz {
    private static let context = Mutex<OpaquePointer?>(nil)
    /// Any fixed value will do; see `render` for why the C library's generators need one.
    private static let layoutSeed: UInt32 = 20_240_501

    static func render(_ spec: GraphSpec, layout: GraphvizLayout, format: GraphvizFormat) throws(GraphvizExportError) -> Data {
        try context.withLock { (context: inout OpaquePointer?) throws(GraphvizExportError) -> Data in
            let gvc = try openContext(&context)
            GraphvizMessages.reset()
            let graph = build(spec)
            defer { agclose(graph) }

            // sfdp draws from the C library's rand() without seeding it from `start`, so its picture
            // would depend on whatever ran before; neato and fdp seed drand48 themselves.
            srand(layoutSeed)
            srand48(Int(layoutSeed))
            guard gvLayout(gvc, graph, layout.rawValue) == 0 else {
                throw .layoutFailed(layout, graphvizSays: GraphvizMessages.take())
            }
            defer { gvFreeLayout(gvc, graph) }

            var bytes: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(gvc, graph, format.rawValue, &bytes, &length) == 0, let bytes else {
                throw .renderFailed(format, graphvizSays: GraphvizMessages.take())
            }
            defer { gvFreeRenderData(bytes) }
            return Data(bytes: bytes, count: Int(length))
        }
    }

    /// Node and edge counts of a DOT text, or nil if cgraph cannot parse it.
    static func parseDOT(_ text: String) -> (nodes: Int, edges: Int)? {
        context.withLock { context in
            guard (try? openContext(&context)) != nil else { return nil }
            GraphvizMessages.reset()
            guard let graph = agmemread(text) else { return nil }
            defer { agclose(graph) }
            return (Int(agnnodes(graph)), Int(agnedges(graph)))
        }
    }

    private static func openContext(_ context: inout OpaquePointer?) throws(GraphvizExportError) -> OpaquePointer {
        if let context { return context }
        // Graphviz prints warnings and errors to stderr by default; a library should not, so they
        // are collected and reported in the error that a failure throws.
        _ = agseterrf(GraphvizMessages.collect)
        guard let created = gvContext() else {
            throw .graphvizUnavailable("gvContext() returned no context")
        }
        context = created
        return created
    }

    private static func build(_ spec: GraphSpec) -> UnsafeMutablePointer<Agraph_t> {
        let graph = withMutableCString(spec.name) { agopen($0, cgraph_undirected(), nil) }!
        declare(spec.nodeDefaults, kind: AGNODE, on: graph)
        declare(spec.edgeDefaults, kind: AGEDGE, on: graph)
        set(spec.graphAttributes, on: UnsafeMutableRawPointer(graph), in: graph)

        var nodesByName: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        nodesByName.reserveCapacity(spec.nodes.count)
        for node in spec.nodes {
            let created = withMutableCString(node.name) { agnode(graph, $0, 1) }!
            nodesByName[node.name] = created
            set(node.attributes, on: UnsafeMutableRawPointer(created), in: graph)
        }
        for edge in spec.edges {
            // The spec builder only emits edges between nodes it created.
            guard let tail = nodesByName[edge.tail], let head = nodesByName[edge.head] else { continue }
            let created = agedge(graph, tail, head, nil, 1)!
            set(edge.attributes, on: UnsafeMutableRawPointer(created), in: graph)
        }
        return graph
    }

    private static func declare(_ defaults: [GraphSpec.Attribute], kind: Int32, on graph: UnsafeMutablePointer<Agraph_t>) {
        for attribute in defaults {
            withMutableCString(attribute.name) { name in
                withValue(attribute, in: graph) { value in
                    // DOT output leaves out empty defaults unless told to, and reading it back would
                    // then turn `label=""` into the default `\N`.
                    agattr(graph, kind, name, value)?.pointee.print = 1
                }
            }
        }
    }

    private static func set(_ attributes: [GraphSpec.Attribute], on object: UnsafeMutableRawPointer, in graph: UnsafeMutablePointer<Agraph_t>) {
        for attribute in attributes {
            withMutableCString(attribute.name) { name in
                withMutableCString("") { fallback in
                    withValue(attribute, in: graph) { value in _ = agsafeset(object, name, value, fallback) }
                }
            }
        }
    }

    /// HTML-like values must be interned with `agstrdup_html`; cgraph then keeps its own reference.
    private static func withValue(_ attribute: GraphSpec.Attribute, in graph: UnsafeMutablePointer<Agraph_t>, _ body: (UnsafeMutablePointer<CChar>) -> Void) {
        withMutableCString(attribute.value) { value in
            guard attribute.isHTML else { return body(value) }
            let html = agstrdup_html(graph, value)!
            body(html)
            agstrfree(graph, html)
        }
    }

    /// cgraph 2.42 takes `char *` for names and values although it never writes to them.
    private static func withMutableCString<R>(_ string: String, _ body: (UnsafeMutablePointer<CChar>) -> R) -> R {
        var bytes = Array(string.utf8CString)
        return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}

/// Graphviz's error channel is a C callback without a context pointer, hence a global. It is only
/// touched by Graphviz calls made under `Graphviz.context`'s lock.
private enum GraphvizMessages {
    nonisolated(unsafe) private static var collected = ""

    static let collect: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { message in
        if let message { collected += String(cString: message) }
        return 0
    }

    static func reset() { collected = "" }

    static func take() -> String {
        defer { collected = "" }
        return collected.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}
