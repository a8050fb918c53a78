/// The partitions one group member owns when the run ends.
public struct MemberAssignment: Sendable, Equatable {
    /// The member's instance name (`name` or `name#i`).
    public var member: String
    /// Partitions it owns, ascending; empty for a member that joined during a rebalance still
    /// under way, or one left without partitions (more members than partitions).
    public var partitions: [Int]

    public init(member: String, partitions: [Int]) {
        self.member = member
        self.partitions = partitions
    }
}
