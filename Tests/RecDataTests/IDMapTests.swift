import Testing
@testable import RecData

@Suite struct IDMapTests {
    @Test func denseIndicesInOrderOfFirstAppearance() {
        var map = IDMap()
        #expect(map.intern("42") == 0)
        #expect(map.intern("alice") == 1)
        #expect(map.intern("42") == 0)
        #expect(map.intern("") == 2)
        #expect(map.count == 3)
        #expect(map.index(of: "alice") == 1)
        #expect(map.index(of: "bob") == nil)
        #expect(map.externalID(1) == "alice")
    }

    @Test func survivesGrowthAndOddIDs() {
        var map = IDMap()
        let ids = (0..<20_000).map { "user-\($0)" } + ["a \"quoted\" <id>", "café", "名前"]
        for (i, id) in ids.enumerated() { #expect(map.intern(id) == Int32(i)) }
        for (i, id) in ids.enumerated() where i % 997 == 0 || i >= 20_000 {
            #expect(map.index(of: id) == Int32(i))
            #expect(map.externalID(Int32(i)) == id)
        }
        #expect(map.count == ids.count)
    }
}
