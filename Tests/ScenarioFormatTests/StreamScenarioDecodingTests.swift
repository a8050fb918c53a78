import Foundation
import MessagingModels
import SimulationKernel
import Testing
@testable import ScenarioFormat

@Suite("Stream scenario decoding")
struct StreamScenarioDecodingTests {
    static let json = #"""
    {"name": "s", "brokers": [
        {"name": "jobs"},
        {"name": "events", "type": "stream", "partitions": 6, "retention": "1h", "partitioner": "sticky",
         "stickyBatch": 8, "replicas": 3, "minInSyncReplicas": 2, "replicationDelay": "5ms", "lagSampleInterval": "2s"}],
     "producers": [
        {"name": "q", "publishTo": "jobs", "arrivals": {"poisson": {"rate": 1}}, "count": 1},
        {"name": "p", "publishTo": "events", "arrivals": {"poisson": {"rate": 1}}, "count": 1,
         "message": {"keys": {"count": 100, "distribution": "zipf", "exponent": 1.1}}, "acks": 1, "idempotent": false},
        {"name": "r", "publishTo": "events", "arrivals": {"poisson": {"rate": 1}}, "count": 1, "message": {"key": "user-42"}},
        {"name": "v", "publishTo": "events", "arrivals": {"poisson": {"rate": 1}}, "count": 1, "message": {"keys": {"values": ["a", "b"]}}}],
     "consumers": [
        {"name": "w", "consumeFrom": "jobs", "service": {"constant": 1}},
        {"name": "a", "consumeFrom": "events", "group": "g", "instances": 3, "service": {"constant": 1},
         "assignor": "roundRobin", "commit": "auto", "autoCommitInterval": "2s", "rebalanceDelay": "1s",
         "maxPollInterval": "30s", "startAt": "2m"},
        {"name": "b", "consumeFrom": "events", "group": "g", "joinAt": "1m", "leaveAt": "3m", "service": {"constant": 1}},
        {"name": "c", "consumeFrom": "events", "group": "h", "commit": "afterProcessing", "startAt": "earliest", "service": {"constant": 1}}],
     "faults": [{"at": "90s", "crash": "events", "partition": 5}]}
    """#

    @Test("every stream key is read into the model")
    func everyKey() throws {
        let model = try Scenario.decode(Data(Self.json.utf8), file: "s.json").model
        #expect(model.queues.map(\.name) == ["jobs"])
        let stream = try #require(model.streams.first)
        #expect(stream.name == "events")
        #expect(stream.partitions == 6)
        #expect(stream.retention == SimDuration(seconds: 3600))
        #expect(stream.partitioner == .sticky)
        #expect(stream.stickyBatch == 8)
        #expect(stream.replicas == 3 && stream.minInSyncReplicas == 2)
        #expect(stream.replicationDelay == SimDuration(seconds: 0.005))
        #expect(stream.lagSampleInterval == SimDuration(seconds: 2))

        #expect(model.producers[0].streamTarget == nil)
        #expect(model.producers[0].target == QueueID(0))
        let p = try #require(model.producers[1].streamTarget)
        #expect(p.stream == StreamID(0))
        #expect(p.keys == .generated(count: 100, zipfExponent: 1.1))
        #expect(p.acks == .leader && !p.idempotent)
        let r = try #require(model.producers[2].streamTarget)
        #expect(r.keys == .fixed("user-42") && r.acks == .all && r.idempotent)
        #expect(model.producers[3].streamTarget?.keys == .values(["a", "b"]))

        #expect(model.consumers[0].membership == nil)
        #expect(model.consumerGroups.map(\.name) == ["g", "h"])
        let g = model.consumerGroups[0]
        #expect(g.stream == StreamID(0))
        #expect(g.assignor == .roundRobin)
        #expect(g.commit == .auto(interval: SimDuration(seconds: 2)))
        #expect(g.rebalanceDelay == SimDuration(seconds: 1))
        #expect(g.maxPollInterval == SimDuration(seconds: 30))
        #expect(g.startAt == .time(SimTime.zero + SimDuration(seconds: 120)))
        let h = model.consumerGroups[1]
        #expect(h.commit == .afterProcessing && h.startAt == .earliest && h.assignor == .range)
        #expect(h.rebalanceDelay == SimDuration(seconds: 3) && h.maxPollInterval == SimDuration(seconds: 300))
        #expect(model.consumers[1].membership?.group == GroupID(0))
        #expect(model.consumers[2].membership?.group == GroupID(0))
        #expect(model.consumers[2].membership?.joinAt == SimTime.zero + SimDuration(seconds: 60))
        #expect(model.consumers[2].membership?.leaveAt == SimTime.zero + SimDuration(seconds: 180))
        #expect(model.consumers[3].membership?.group == GroupID(1))
        #expect(model.streamFaults.count == 1)
        #expect(model.streamFaults.first?.target == .partitionLeader(stream: StreamID(0), partition: 5))
        #expect(model.streamFaults.first?.at == SimTime.zero + SimDuration(seconds: 90))
    }

    @Test("stream defaults follow Kafka's")
    func defaults() throws {
        let json = #"{"name": "s", "brokers": [{"name": "e", "type": "stream"}], "producers": [{"name": "p", "publishTo": "e", "arrivals": {"poisson": {"rate": 1}}, "count": 1}], "consumers": [{"name": "c", "consumeFrom": "e", "group": "g", "service": {"constant": 1}}]}"#
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        let stream = try #require(model.streams.first)
        #expect(stream.partitions == 1)
        #expect(stream.retention == SimDuration(seconds: 7 * 86_400))
        #expect(stream.partitioner == .murmur2)
        #expect(stream.replicas == 1 && stream.minInSyncReplicas == 1)
        #expect(model.producers[0].streamTarget?.keys == MessageKeys.none)
        #expect(model.producers[0].streamTarget?.acks == .all)
        let group = try #require(model.consumerGroups.first)
        #expect(group.commit == .auto(interval: SimDuration(seconds: 5)))
        #expect(group.startAt == .latest)
        #expect(group.assignor == .range)
    }
}
