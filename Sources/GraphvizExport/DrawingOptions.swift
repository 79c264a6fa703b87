/// Choices about readability that a caller may want to tune; the defaults suit ~200 people.
public struct DrawingOptions: Sendable, Hashable {
    /// How many of the most influential people get a visible name; everyone else has a tooltip.
    /// Names of all 200 people would cover the picture.
    public var labelledPeople: Int
    /// Longer names and item titles are cut with "…" in the picture (tooltips keep them whole).
    public var maximumLabelLength: Int

    /// The defaults suit about 200 people.
    /// - Parameters:
    ///   - labelledPeople: how many of the most influential people get a visible name, the centre (always named) not
    ///     counted; 0 or less names nobody else.
    ///   - maximumLabelLength: the most characters of a name or item title shown, "…" included; 1 or less cuts nothing.
    public init(labelledPeople: Int = 20, maximumLabelLength: Int = 28) {
        self.labelledPeople = labelledPeople
        self.maximumLabelLength = maximumLabelLength
    }
}
