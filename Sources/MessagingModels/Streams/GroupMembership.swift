import SimulationKernel

/// How one consumer entry's instances take part in a group.
public struct GroupMembership: Sendable {
    /// The group its instances join.
    public var group: GroupID
    /// When the instances join the group [s since start].
    public var joinAt: SimTime
    /// When the instances leave the group (a clean shutdown, which commits); nil = never.
    public var leaveAt: SimTime?

    public init(group: GroupID, joinAt: SimTime = .zero, leaveAt: SimTime? = nil) {
        self.group = group
        self.joinAt = joinAt
        self.leaveAt = leaveAt
    }
}
