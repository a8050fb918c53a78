/// Names in file order with a lookup of the first position of each, so resolving a
/// reference costs O(1) however many entities a scenario defines.
struct NameIndex {
    /// The names in file order; "" where an entity has no valid name.
    let names: [String]
    private let first: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var first: [String: Int] = [:]
        first.reserveCapacity(names.count)
        for (index, name) in names.enumerated() where !name.isEmpty && first[name] == nil {
            first[name] = index
        }
        self.first = first
    }

    /// Position of the first entity called `name` (never matches "").
    func index(of name: String) -> Int? { first[name] }

    /// Whether some entity is called `name`.
    func contains(_ name: String) -> Bool { first[name] != nil }

    /// The names that are not empty, in file order (for messages).
    var nonEmpty: [String] { names.filter { !$0.isEmpty } }
}
