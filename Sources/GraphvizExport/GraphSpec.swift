/// A graph as Graphviz will receive it: names and attribute values already encoded for Graphviz
/// (see `GraphvizText`), in the order they are created, so the C wrapper only copies them across.
struct GraphSpec: Equatable, Sendable {
    struct Attribute: Equatable, Sendable {
        var name: String
        var value: String
        /// An HTML-like label: Graphviz parses it as markup instead of as an escape string.
        var isHTML = false
    }

    struct Node: Equatable, Sendable {
        var name: String
        var attributes: [Attribute]
    }

    struct Edge: Equatable, Sendable {
        var tail: String
        var head: String
        var attributes: [Attribute]
    }

    var name: String
    var graphAttributes: [Attribute] = []
    var nodeDefaults: [Attribute] = []
    var edgeDefaults: [Attribute] = []
    var nodes: [Node] = []
    var edges: [Edge] = []
}
