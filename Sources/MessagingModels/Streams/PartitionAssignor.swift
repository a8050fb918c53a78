/// Kafka's client-side partition assignors for a group that reads one topic.
///
/// Members are ordered by their id (here the instance name, compared as a string, as Kafka
/// sorts member ids); partitions by number.
///
/// ```swift
/// PartitionAssignor.assign(.range, partitions: 7, members: 3)
/// // [[0, 1, 2], [3, 4], [5, 6]]
/// PartitionAssignor.assign(.roundRobin, partitions: 7, members: 3)
/// // [[0, 3, 6], [1, 4], [2, 5]]
/// ```
///
/// - Note: Source: Apache Kafka javadoc `org.apache.kafka.clients.consumer.RangeAssignor`
///   ("lay out the available partitions in numeric order and the consumers in lexicographic
///   order … divide the number of partitions by the total number of consumers … the first
///   few consumers will have one extra partition") and
///   `org.apache.kafka.clients.consumer.RoundRobinAssignor` ("lays out all the available
///   partitions and all the available consumers. It then proceeds to do a round-robin
///   assignment from partition to consumer"). `range` is the first entry of the default
///   `partition.assignment.strategy` ([RangeAssignor, CooperativeStickyAssignor]).
public enum PartitionAssignor {
    /// Which assignor a group uses.
    public enum Strategy: String, Sendable, CaseIterable {
        /// `RangeAssignor`: contiguous ranges, the first `partitions % members` members get one
        /// more.
        case range
        /// `RoundRobinAssignor`: partition `i` to member `i % members`.
        case roundRobin
    }

    /// The partitions of each member.
    ///
    /// - Parameters:
    ///   - strategy: The assignor.
    ///   - partitions: Partition count, ≥ 0.
    ///   - members: Member count, ≥ 0 (members already sorted by id).
    /// - Returns: One ascending list of partition numbers per member (`count == members`);
    ///   with more members than partitions the last members get none.
    /// - Complexity: O(partitions + members).
    public static func assign(_ strategy: Strategy, partitions: Int, members: Int) -> [[Int]] {
        guard members > 0 else { return [] }
        var result = [[Int]](repeating: [], count: members)
        guard partitions > 0 else { return result }
        switch strategy {
        case .range:
            let perMember = partitions / members
            let withExtra = partitions % members
            for m in 0..<members {
                let start = perMember * m + min(m, withExtra)
                let length = perMember + (m < withExtra ? 1 : 0)
                result[m] = Array(start..<(start + length))
            }
        case .roundRobin:
            for p in 0..<partitions { result[p % members].append(p) }
        }
        return result
    }
}
