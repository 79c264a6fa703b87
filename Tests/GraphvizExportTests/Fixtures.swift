import Foundation
@testable import GraphvizExport

/// Small hand-checkable drawings for the tests.
enum Fixtures {
    /// A centre, 4 friends, 4 friends of friends, 3 items; 9 distinct ties among drawn people after
    /// merging, plus deliberate noise that must be dropped.
    static func smallDrawing() -> InfluenceDrawing {
        let people = [
            Person(id: "f1", label: "Ana Costa", hop: 1, influence: 0.40),
            Person(id: "f2", label: "Bram Jansen", hop: 1, influence: 0.25),
            Person(id: "f3", label: "Chloé Dubois", hop: 1, influence: 0.15),
            Person(id: "f4", label: "Dev Ito", hop: 1, influence: 0.05),
            Person(id: "g1", label: "Émile Haas", hop: 2, influence: 0.06),
            Person(id: "g2", label: "Farah Novak", hop: 2, influence: 0.04),
            Person(id: "g3", label: "Gus Rossi", hop: 2, influence: 0.03),
            Person(id: "g4", label: "Hana Silva", hop: 2, influence: 0.02),
        ]
        let ties = [
            Tie(between: "me", and: "f1", strength: 0.9),
            Tie(between: "me", and: "f2", strength: 0.6),
            Tie(between: "me", and: "f3", strength: 0.4),
            Tie(between: "me", and: "f4", strength: 0.2),
            Tie(between: "f1", and: "f2", strength: 0.5),
            Tie(between: "f2", and: "f1", strength: 0.7), // same pair reversed: merged, strongest kept
            Tie(between: "f1", and: "g1", strength: 0.3),
            Tie(between: "f2", and: "g2", strength: 0.3),
            Tie(between: "f3", and: "g3", strength: 0.3),
            Tie(between: "g3", and: "g4", strength: 0.1),
            Tie(between: "f4", and: "f4", strength: 1.0), // self-tie: dropped
            Tie(between: "f4", and: "not-drawn", strength: 1.0), // to someone capped away: dropped
        ]
        let items = [
            RecommendedItem(id: "i1", label: "The Quiet Orbit", rank: 1, score: 0.91, broughtBy: ["f1", "f2"]),
            RecommendedItem(id: "i2", label: "Salt & Iron", rank: 2, score: 0.84, broughtBy: ["f3", "f3", "ghost"]),
            RecommendedItem(id: "i3", label: "Field Notes", rank: 3, score: 0.80, broughtBy: []),
        ]
        return InfluenceDrawing(
            title: "User me — model social-maml (checkpoint 3)",
            centre: Person(id: "me", label: "Zoë K", hop: 0, influence: 1),
            people: people, ties: ties, items: items,
            influenceSource: .model(name: "social-maml (checkpoint 3)"),
            omittedPeople: 12
        )
    }

    static let expectedTieCount = 9
    /// i1 from two friends, i2 from f3 once (duplicate and unknown bringer dropped), i3 from nobody
    /// drawn, so a dotted link to the centre.
    static let expectedLinkCount = 4

    /// Every character class that Graphviz or XML treats specially, plus non-ASCII.
    static let awkwardText = #"Zoë "Z" <b>\N & &amp; \\ Łódź 東京 'q'"#

    static func awkwardDrawing() -> InfluenceDrawing {
        var drawing = smallDrawing()
        drawing.title = "User " + awkwardText
        drawing.people[0] = Person(id: awkwardText, label: awkwardText, hop: 1, influence: 0.9)
        drawing.ties = [Tie(between: "me", and: awkwardText, strength: 0.8)]
        drawing.items = [RecommendedItem(id: "x&<y>", label: awkwardText, rank: 1, score: 0.5, broughtBy: [awkwardText])]
        return drawing
    }
}
