import Testing
@testable import GraphvizExport

@Suite struct PreparedDrawingTests {
    let prepared = try! PreparedDrawing(Fixtures.smallDrawing(), options: DrawingOptions(labelledPeople: 3))

    @Test func tiesAreMergedAndOnlyDrawnPeopleAreTied() {
        #expect(prepared.ties.count == Fixtures.expectedTieCount)
        let friends = prepared.ties.first { Set([$0.person, $0.otherPerson]) == ["f1", "f2"] }
        #expect(friends?.strength == 0.7)
        #expect(!prepared.ties.contains { $0.person == $0.otherPerson })
        #expect(prepared.ties.filter(\.reachesFriendOfFriend).count == 4)
    }

    @Test func itemsLinkToTheirBringersOrElseToTheCentre() {
        #expect(prepared.links.count == Fixtures.expectedLinkCount)
        #expect(prepared.links.filter { $0.item == "i2" }.map(\.person) == ["f3"])
        #expect(prepared.links.filter { $0.item == "i3" } == [.init(person: "me", item: "i3", isBroughtBy: false)])
    }

    @Test func influenceIsScaledToTheStrongestAndTheTopPeopleAreLabelled() {
        #expect(prepared.strongestInfluence == 0.4)
        #expect(prepared.people.first { $0.person.id == "f1" }?.relativeInfluence == 1)
        #expect(Set(prepared.people.filter(\.hasVisibleLabel).map(\.person.id)) == ["f1", "f2", "f3"])
    }

    @Test func outOfRangeNumbersAreClamped() throws {
        var drawing = Fixtures.smallDrawing()
        drawing.people[0].influence = .nan
        drawing.people[1].influence = 7
        drawing.ties[0].strength = -1
        let clamped = try PreparedDrawing(drawing, options: DrawingOptions())
        #expect(clamped.people.map(\.influence).allSatisfy { (0...1).contains($0) })
        #expect(clamped.ties.allSatisfy { (0...1).contains($0.strength) })
    }

    @Test func colourRampRunsFromPaleToDarkAndPalesTowardsWhite() {
        #expect(Palette.influenceRamp.colour(at: 0) == "#d0d1e6")
        #expect(Palette.influenceRamp.colour(at: 1) == "#023858")
        #expect(Palette.influenceRamp.colour(at: 1, paleness: 1) == "#ffffff")
        #expect(Palette.influenceRamp.colour(at: .nan) == "#d0d1e6")
    }
}
