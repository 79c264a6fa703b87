/// The title and key as one HTML-like graph label: no extra nodes to confuse the layout or anyone
/// counting nodes, and it always sits in the top-left corner.
struct Legend {
    var drawing: PreparedDrawing

    var html: String {
        var rows = [
            row(font("<B>\(GraphvizText.html(drawing.title))</B>", size: 18, colour: Palette.legendText)),
            row(font(GraphvizText.html(sourceSentence), size: 12, colour: Palette.legendText)),
            row(font(GraphvizText.html(countsSentence), size: 10, colour: Palette.legendNote)),
            row(rampSwatch, explain("size and colour: influence, from 0 to \(fixed(drawing.strongestInfluence, 3)) (the strongest shown)")),
            row(glyph("━━ ──", colour: Palette.closeTie), explain("line width: tie strength")),
            row(glyph("◌ ┄", colour: Palette.personOutline), explain("dashed and paler: friend of a friend")),
            row(itemSwatch, explain("recommended item, by rank; orange arrows come from the friends who brought it in")),
        ]
        if drawing.links.contains(where: { !$0.isBroughtBy }) {
            rows.append(row(glyph("┈┈┈", colour: Palette.otherSourceLink), explain("dotted: recommended for another reason than friends")))
        }
        if drawing.omittedPeople > 0 {
            let people = drawing.omittedPeople == 1 ? "person" : "people"
            rows.append(row(font("<B>\(drawing.omittedPeople) more \(people) not shown</B>", size: 11, colour: Palette.omittedNote)))
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
            + rows.joined() + "</TABLE>"
    }

    private var sourceSentence: String {
        switch drawing.influenceSource {
        case .model(let name): "Influence from model \(name)"
        case .personalisedPageRank: "Influence: personalised PageRank (no trained model)"
        }
    }

    private var countsSentence: String {
        let friends = drawing.people.filter { !$0.isFriendOfFriend }.count
        let far = drawing.people.count - friends
        return "\(friends) friends, \(far) friends of friends, \(drawing.items.count) recommendations; "
            + "names shown for the \(min(drawing.people.filter(\.hasVisibleLabel).count, drawing.people.count)) most influential"
    }

    private var rampSwatch: String {
        let cells = stride(from: 0.0, through: 1.0, by: 1.0 / 6).map { position in
            "<TD BGCOLOR=\"\(Palette.influenceRamp.colour(at: position))\" WIDTH=\"10\" HEIGHT=\"10\"></TD>"
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
            + cells.joined() + "</TR></TABLE>"
    }

    private var itemSwatch: String {
        "<TABLE BORDER=\"1\" COLOR=\"\(Palette.itemOutline)\" CELLBORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\" "
            + "FIXEDSIZE=\"TRUE\" WIDTH=\"28\" HEIGHT=\"16\"><TR><TD BGCOLOR=\"\(Palette.itemFill)\" FIXEDSIZE=\"TRUE\" WIDTH=\"26\" HEIGHT=\"14\">"
            + font("#1", size: 9, colour: Palette.legendText) + "</TD></TR></TABLE>"
    }

    private func row(_ wide: String) -> String {
        "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">\(wide)</TD></TR>"
    }

    private func row(_ swatch: String, _ text: String) -> String {
        "<TR><TD ALIGN=\"CENTER\" WIDTH=\"70\">\(swatch)</TD><TD ALIGN=\"LEFT\">\(text)</TD></TR>"
    }

    private func explain(_ text: String) -> String {
        font(GraphvizText.html(text), size: 10, colour: Palette.legendText)
    }

    private func glyph(_ text: String, colour: String) -> String {
        font(GraphvizText.html(text), size: 14, colour: String(colour.prefix(7)))
    }

    private func font(_ markup: String, size: Int, colour: String) -> String {
        "<FONT POINT-SIZE=\"\(size)\" COLOR=\"\(colour)\">\(markup)</FONT>"
    }
}
