/// Item metadata: a display name for each item ID (Last.fm's `artists.dat`, for example).
public struct ItemCatalogueReader: Sendable {
    /// Layout of the catalogue file; detected where nil or `.auto`.
    public var format: TableFormat
    /// Columns of the ID and the name (0-based); nil takes `id`/`item` and `name`/`title` from the
    /// header, else the first two columns.
    public var idColumn: Int?
    /// Column of the name (0-based); nil takes `name`/`title`/`label` from the header, else the
    /// second column.
    public var nameColumn: Int?

    /// A reader for catalogues laid out as given; the defaults detect everything.
    /// - Parameters:
    ///   - format: Layout of the file.
    ///   - idColumn: Column of the item ID, or nil to find it.
    ///   - nameColumn: Column of the name, or nil to find it.
    public init(format: TableFormat = TableFormat(), idColumn: Int? = nil, nameColumn: Int? = nil) {
        self.format = format
        self.idColumn = idColumn
        self.nameColumn = nameColumn
    }

    /// Reads names into a dictionary keyed by item index, interning IDs into `items`.
    /// With a whitespace delimiter the name is the rest of the line (names have spaces).
    /// - Parameters:
    ///   - source: The catalogue file.
    ///   - items: The dataset's item IDs; an ID only the catalogue names is added.
    /// - Returns: Each named item's name; an ID listed twice keeps its last name.
    /// - Throws: `InputError` with `file:line` for a line without both the ID and the name column, or with an empty ID;
    ///   and for a file with no data lines.
    public func read(_ source: TextSource, items: inout IDMap) throws -> [Int32: String] {
        let scanner = RecordScanner(source, format: format)
        let header = scanner.headerFields?.map { $0.lowercased() }
        let idAt = idColumn ?? header?.firstIndex(where: ["id", "item", "itemid", "item_id", "artistid"].contains) ?? 0
        let nameAt = nameColumn ?? header?.firstIndex(where: ["name", "title", "label"].contains) ?? 1
        let nameIsRest = scanner.delimiter == .whitespace
        var names: [Int32: String] = [:]
        var lines = 0
        try scanner.forEachRecord { record in
            guard record.count > max(idAt, nameAt) else {
                throw InputError(file: source.path, line: record.line, "expected an ID and a name, found \(record.count) column\(record.count == 1 ? "" : "s")")
            }
            let id = record.field(idAt)
            guard id.count > 0 else { throw InputError(file: source.path, line: record.line, "empty item ID") }
            let item = items.intern(id)
            names[item] = nameIsRest ? record.rest(from: nameAt) : record.string(nameAt)
            lines += 1
        }
        guard lines > 0 else { throw InputError(file: source.path, "no item names: the file has no data lines") }
        return names
    }
}
