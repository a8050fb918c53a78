import Testing
import MessagingModels
import SimulationKernel

/// The assignments Kafka's `RangeAssignor` and `RoundRobinAssignor` produce for one topic.
///
/// - Note: Source: Apache Kafka javadoc of `org.apache.kafka.clients.consumer.RangeAssignor`
///   (two consumers, three partitions per topic: C0 gets p0 and p1, C1 gets p2) and
///   `RoundRobinAssignor` (partitions laid out in order and dealt to the sorted consumers in
///   turn); worked by hand for the other sizes from the algorithms the javadoc states.
@Suite struct PartitionAssignorTests {
    static let cases: [(PartitionAssignor.Strategy, Int, Int, [[Int]])] = [
        (.range, 3, 2, [[0, 1], [2]]),
        (.roundRobin, 3, 2, [[0, 2], [1]]),
        (.range, 6, 3, [[0, 1], [2, 3], [4, 5]]),
        (.roundRobin, 6, 3, [[0, 3], [1, 4], [2, 5]]),
        (.range, 6, 4, [[0, 1], [2, 3], [4], [5]]),
        (.roundRobin, 6, 4, [[0, 4], [1, 5], [2], [3]]),
        (.range, 7, 3, [[0, 1, 2], [3, 4], [5, 6]]),
        (.roundRobin, 7, 3, [[0, 3, 6], [1, 4], [2, 5]]),
        (.range, 10, 4, [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]),
        (.range, 2, 4, [[0], [1], [], []]),
        (.roundRobin, 2, 4, [[0], [1], [], []]),
        (.range, 1, 1, [[0]]),
        (.range, 5, 0, []),
    ]

    @Test("Kafka's range and round-robin assignments", arguments: cases)
    func assignment(_ strategy: PartitionAssignor.Strategy, _ partitions: Int, _ members: Int, _ expected: [[Int]]) {
        #expect(PartitionAssignor.assign(strategy, partitions: partitions, members: members) == expected)
    }

    /// In a run, the members (sorted by name) process exactly the partitions the assignor
    /// gives them, N > P included.
    @Test("a group of N members on P partitions gets the assignor's split",
          arguments: [(PartitionAssignor.Strategy.range, 6, 3), (.range, 6, 4), (.roundRobin, 6, 4), (.roundRobin, 7, 3),
                      (.range, 3, 5), (.roundRobin, 3, 5)])
    func assignmentInARun(_ strategy: PartitionAssignor.Strategy, _ partitions: Int, _ members: Int) {
        let model = StreamModels.model(
            partitions: partitions, partitioner: .roundRobin, count: 200,
            groups: [StreamModels.group("g", assignor: strategy)],
            consumers: [StreamModels.member("c", group: 0, instances: members, service: .constant(0.001))])
        let (result, trace) = StreamModels.run(model)
        let partitionOf = StreamModels.partitions(trace)
        var seen = [Set<Int>](repeating: [], count: members)
        for entry in trace where entry.kind == "start" {
            let member = members == 1 ? 0 : Int(entry.entity.split(separator: "#")[1])!
            seen[member].insert(partitionOf[entry.messageID]!)
        }
        let expected = PartitionAssignor.assign(strategy, partitions: partitions, members: members).map(Set.init)
        #expect(seen == expected)
        #expect(result.metrics.streams[0].groups[0].committed == 200)
    }
}
