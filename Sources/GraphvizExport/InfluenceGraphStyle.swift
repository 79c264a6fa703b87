import Foundation

/// Turns a prepared drawing into Graphviz nodes, edges and attributes: what every size, colour and
/// line means is decided here (and explained by `Legend`).
struct InfluenceGraphStyle {
    var options: DrawingOptions

    /// Fixed so that the same drawing lays out identically on every run.
    static let layoutSeed = "20240501"
    static let fontName = "DejaVu Sans,Helvetica,Arial,sans-serif"

    func graphSpec(for drawing: PreparedDrawing) -> GraphSpec {
        var spec = GraphSpec(name: GraphvizText.name(drawing.title))
        spec.graphAttributes = graphAttributes(drawing)
        spec.nodeDefaults = [
            text("shape", "circle"), text("style", "filled"), text("fixedsize", "true"), text("label", ""),
            text("fontname", Self.fontName), text("fontsize", "9"), text("penwidth", "0.6"),
            text("color", Palette.personOutline), text("fontcolor", Palette.personLabel),
        ]
        spec.edgeDefaults = [text("penwidth", "1"), text("color", Palette.closeTie), text("arrowsize", "0.6")]

        spec.nodes.append(centreNode(drawing.centre))
        spec.nodes += drawing.people.map(personNode)
        spec.nodes += drawing.items.map(itemNode)

        let labels = Dictionary(uniqueKeysWithValues: ([drawing.centre] + drawing.people.map(\.person)).map { ($0.id, $0.label) })
        spec.edges += drawing.ties.map { tieEdge($0, labels: labels) }
        let itemLabels = Dictionary(uniqueKeysWithValues: drawing.items.map { ($0.id, $0.label) })
        spec.edges += drawing.links.map { linkEdge($0, personLabel: labels[$0.person] ?? $0.person, itemLabel: itemLabels[$0.item] ?? $0.item) }
        return spec
    }

    private func graphAttributes(_ drawing: PreparedDrawing) -> [GraphSpec.Attribute] {
        [
            text("charset", "UTF-8"),
            text("bgcolor", "white"),
            text("pad", "0.3"),
            text("fontname", Self.fontName),
            text("start", Self.layoutSeed),
            // Removes node overlaps after the force layout, keeping its overall shape.
            text("overlap", "prism"),
            text("sep", "+6"),
            // Curved routing of ~1,500 ties would dominate the time budget and add little.
            text("splines", "line"),
            // Nodes on top of the tangle of ties.
            text("outputorder", "edgesfirst"),
            // Only the top people get names, so there are few enough to place them all.
            text("forcelabels", "true"),
            GraphSpec.Attribute(name: "label", value: Legend(drawing: drawing).html, isHTML: true),
            text("labelloc", "t"),
            text("labeljust", "l"),
        ]
    }

    private func centreNode(_ centre: Person) -> GraphSpec.Node {
        GraphSpec.Node(name: Self.personName(centre.id), attributes: [
            // A double ellipse hugging the name stays compact where a circle around it would not.
            text("shape", "ellipse"),
            text("peripheries", "2"),
            text("fixedsize", "false"),
            text("width", "0.4"),
            text("height", "0.3"),
            text("margin", "0.06,0.03"),
            text("fillcolor", Palette.centreFill),
            text("color", Palette.centreFill),
            text("fontcolor", Palette.centreText),
            text("fontsize", "12"),
            text("penwidth", "1.2"),
            label("label", centre.label),
            tooltip("\(centre.label) (\(centre.id)): the user being recommended to"),
            // Pinned at the origin for the engines that honour it (neato, fdp).
            text("pos", "0,0!"),
            text("pin", "true"),
        ])
    }

    private func personNode(_ drawn: PreparedDrawing.DrawnPerson) -> GraphSpec.Node {
        // Area grows with influence, which the eye reads better than diameter.
        let diameter = (0.14 + 0.46 * drawn.relativeInfluence.squareRoot()) * (drawn.isFriendOfFriend ? 0.75 : 1)
        var attributes = [
            text("width", fixed(diameter, 3)),
            text("fillcolor", Palette.influenceRamp.colour(at: drawn.relativeInfluence, paleness: drawn.isFriendOfFriend ? 0.45 : 0)),
            tooltip("\(drawn.person.label) (\(drawn.person.id))\n"
                + "\(drawn.isFriendOfFriend ? "friend of a friend" : "friend"), influence \(fixed(drawn.influence, 3))"),
        ]
        if drawn.isFriendOfFriend {
            attributes.append(text("style", "filled,dashed"))
        }
        if drawn.hasVisibleLabel {
            attributes.append(label("xlabel", drawn.person.label))
        }
        return GraphSpec.Node(name: Self.personName(drawn.person.id), attributes: attributes)
    }

    private func itemNode(_ item: RecommendedItem) -> GraphSpec.Node {
        GraphSpec.Node(name: Self.itemName(item.id), attributes: [
            text("shape", "note"),
            text("fixedsize", "false"),
            text("width", "0.3"),
            text("height", "0.3"),
            text("margin", "0.08,0.04"),
            text("fillcolor", Palette.itemFill),
            text("color", Palette.itemOutline),
            text("penwidth", "1.2"),
            text("fontsize", "10"),
            escaped("label", "#\(item.rank) " + GraphvizText.truncated(item.label, to: options.maximumLabelLength)),
            tooltip("#\(item.rank) \(item.label) (\(item.id))\nscore \(fixed(item.score, 3))"),
        ])
    }

    private func tieEdge(_ tie: PreparedDrawing.DrawnTie, labels: [String: String]) -> GraphSpec.Edge {
        var attributes = [
            text("penwidth", fixed(0.4 + 2.6 * tie.strength, 2)),
            tooltip("\(labels[tie.person] ?? tie.person) – \(labels[tie.otherPerson] ?? tie.otherPerson): tie strength \(fixed(tie.strength, 3))"),
        ]
        if tie.reachesFriendOfFriend {
            attributes += [text("color", Palette.farTie)]
        }
        return GraphSpec.Edge(tail: Self.personName(tie.person), head: Self.personName(tie.otherPerson), attributes: attributes)
    }

    private func linkEdge(_ link: PreparedDrawing.DrawnLink, personLabel: String, itemLabel: String) -> GraphSpec.Edge {
        let attributes: [GraphSpec.Attribute] = link.isBroughtBy
            ? [
                text("color", Palette.broughtByLink), text("penwidth", "1.6"), text("dir", "forward"),
                tooltip("\(personLabel) brought in \(itemLabel)"),
            ]
            : [
                text("color", Palette.otherSourceLink), text("penwidth", "1"), text("style", "dotted"),
                tooltip("\(itemLabel): not brought in by a friend"),
            ]
        return GraphSpec.Edge(tail: Self.personName(link.person), head: Self.itemName(link.item), attributes: attributes)
    }

    /// People and items live in different ID spaces; the prefixes keep "42" the user and "42" the
    /// item apart.
    static func personName(_ id: String) -> String { GraphvizText.name("person:" + id) }
    static func itemName(_ id: String) -> String { GraphvizText.name("item:" + id) }

    private func label(_ name: String, _ value: String) -> GraphSpec.Attribute {
        escaped(name, GraphvizText.truncated(value, to: options.maximumLabelLength))
    }

    private func tooltip(_ value: String) -> GraphSpec.Attribute {
        GraphSpec.Attribute(name: "tooltip", value: GraphvizText.tooltip(value))
    }

    private func escaped(_ name: String, _ value: String) -> GraphSpec.Attribute {
        GraphSpec.Attribute(name: name, value: GraphvizText.escString(value))
    }

    private func text(_ name: String, _ value: String) -> GraphSpec.Attribute {
        GraphSpec.Attribute(name: name, value: value)
    }
}

/// Fixed decimals, independent of locale, so output bytes never depend on the environment.
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value.isFinite ? value : 0)
}
