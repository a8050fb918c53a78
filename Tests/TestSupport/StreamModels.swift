import Foundation
import MessagingModels
import ScenarioFormat
import SimulationKernel

/// Builders for stream models in tests.
public enum StreamModels {
    /// One stream, one producer publishing `count` records at a constant `rate` (first at
    /// 1/rate), and the given consumers.
    public static func model(
        partitions: Int = 6, retention: Double? = nil, partitioner: Partitioner = .murmur2, replicas: Int = 1,
        replicationDelay: Double = 0, keys: MessageKeys = .none, acks: Acks = .all, idempotent: Bool = true,
        rate: Double = 10, count: Int = 100, drainTimeout: Double = 3600,
        groups: [ConsumerGroupConfiguration] = [], consumers: [ConsumerConfiguration] = [], faults: [StreamFault] = []
    ) -> SystemModel {
        var producer = ProducerConfiguration(name: "p", target: QueueID(0), arrivals: .constant(ratePerSecond: rate), count: count)
        producer.streamTarget = StreamPublishing(stream: StreamID(0), keys: keys, acks: acks, idempotent: idempotent)
        var model = SystemModel(name: "stream", seed: 1, drainTimeout: SimDuration(seconds: drainTimeout),
                                queues: [], producers: [producer], consumers: consumers)
        var stream = Self.stream("events", partitions: partitions, partitioner: partitioner)
        stream.retention = retention.map(SimDuration.init(seconds:))
        stream.replicas = replicas
        stream.replicationDelay = SimDuration(seconds: replicationDelay)
        model.streams = [stream]
        model.consumerGroups = groups
        model.streamFaults = faults
        return model
    }

    /// A stream with the scenario defaults (`ScenarioDefaults.stream`) but the given keys.
    public static func stream(_ name: String, partitions: Int = ScenarioDefaults.partitions.value,
                              partitioner: Partitioner = ScenarioDefaults.partitioner.value) -> StreamConfiguration {
        var stream = ScenarioDefaults.stream(name)
        stream.partitions = partitions
        stream.partitioner = partitioner
        return stream
    }

    /// A group of stream 0 with the scenario defaults but the given keys; it starts at the
    /// earliest record unless told otherwise (tests publish before the group forms).
    public static func group(_ name: String, commit: CommitPolicy = ScenarioDefaults.groupCommit,
                      assignor: PartitionAssignor.Strategy = ScenarioDefaults.assignor.value, startAt: StartPosition = .earliest,
                      rebalanceDelay: Double = ScenarioDefaults.rebalanceDelay.value,
                      maxPollInterval: Double = ScenarioDefaults.maxPollInterval.value) -> ConsumerGroupConfiguration {
        ConsumerGroupConfiguration(name: name, stream: StreamID(0), assignor: assignor, commit: commit,
                                   rebalanceDelay: SimDuration(seconds: rebalanceDelay),
                                   maxPollInterval: SimDuration(seconds: maxPollInterval), startAt: startAt)
    }

    public static func member(_ name: String, group: Int, instances: Int = 1, service: Distribution = .constant(0.01),
                       joinAt: Double = 0, leaveAt: Double? = nil) -> ConsumerConfiguration {
        var consumer = ConsumerConfiguration(name: name, source: QueueID(0), instances: instances, service: service)
        consumer.membership = GroupMembership(group: GroupID(group), joinAt: SimTime.zero + SimDuration(seconds: joinAt),
                                              leaveAt: leaveAt.map { SimTime.zero + SimDuration(seconds: $0) })
        return consumer
    }

    public static func at(_ seconds: Double) -> SimTime { SimTime.zero + SimDuration(seconds: seconds) }

    /// Runs `model`, returning its result and its trace.
    public static func run(_ model: SystemModel, lag: ((LagSample) -> Void)? = nil) -> (SimulationResult, [TraceEntry]) {
        TestModels.traced(model, lag: lag)
    }

    /// Message id → partition, from the trace's append entries ("events[p]@offset").
    public static func partitions(_ trace: [TraceEntry]) -> [UInt64: Int] {
        var map: [UInt64: Int] = [:]
        for entry in trace where entry.kind == "append" {
            let inside = entry.entity.split(separator: "[")[1].split(separator: "]")[0]
            map[entry.messageID] = Int(inside)
        }
        return map
    }
}
