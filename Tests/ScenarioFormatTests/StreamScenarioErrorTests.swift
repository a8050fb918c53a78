import Foundation
import Testing
@testable import ScenarioFormat

/// Bad stream, key, consumer-group and fault inputs, each with the path and message it must
/// produce (the same form as `ScenarioErrorTests`).
@Suite("Stream scenario errors")
struct StreamScenarioErrorTests {
    typealias S = Snippet

    static let stream = #"{"name": "events", "type": "stream", "partitions": 6}"#
    static let groupConsumer = S.consumer(consumeFrom: "events", #""group": "g""#)

    /// A document with one stream (plus the queue "jobs"), a producer on the stream and a
    /// group consumer; each part can be replaced.
    static func document(top: String = "", brokers: String? = nil, producer: String = #""count": 10"#,
                         publishTo: String = "events", consumers: String? = nil) -> String {
        S.document(top: top, brokers: brokers ?? #"{"name": "jobs"}, \#(stream)"#,
                   producers: S.producer(publishTo: publishTo, producer),
                   consumers: consumers ?? groupConsumer)
    }

    static func consumer(_ rest: String) -> String {
        document(consumers: S.consumer(consumeFrom: "events", #""group": "g", \#(rest)"#))
    }

    static let brokers: [BadInput] = [
        BadInput("zero partitions", document(brokers: #"{"name": "events", "type": "stream", "partitions": 0}"#),
                 "$.brokers[0].partitions", "expected an integer ≥ 1, found 0"),
        BadInput("fractional partitions", document(brokers: #"{"name": "events", "type": "stream", "partitions": 2.5}"#),
                 "$.brokers[0].partitions", "expected an integer from 1 to 100000, found 2.5"),
        BadInput("unknown partitioner", document(brokers: #"{"name": "events", "type": "stream", "partitioner": "murmur"}"#),
                 "$.brokers[0].partitioner", #"unknown partitioner "murmur" (did you mean "murmur2"?); expected one of: murmur2, roundRobin, sticky"#),
        BadInput("zero retention", document(brokers: #"{"name": "events", "type": "stream", "retention": "0s"}"#),
                 "$.brokers[0].retention", "expected a duration > 0"),
        BadInput("no replicas", document(brokers: #"{"name": "events", "type": "stream", "replicas": 0}"#),
                 "$.brokers[0].replicas", "expected an integer ≥ 1, found 0"),
        BadInput("minInSyncReplicas above replicas",
                 document(brokers: #"{"name": "events", "type": "stream", "replicas": 3, "minInSyncReplicas": 4}"#),
                 "$.brokers[0].minInSyncReplicas", "expected minInSyncReplicas ≤ replicas (3), found 4"),
        BadInput("zero sticky batch", document(brokers: #"{"name": "events", "type": "stream", "stickyBatch": 0}"#),
                 "$.brokers[0].stickyBatch", "expected an integer ≥ 1, found 0"),
        BadInput("negative replication delay", document(brokers: #"{"name": "events", "type": "stream", "replicationDelay": -1}"#),
                 "$.brokers[0].replicationDelay", "expected a duration ≥ 0, found -1"),
        BadInput("tiny lag sample interval", document(brokers: #"{"name": "events", "type": "stream", "lagSampleInterval": "10us"}"#),
                 "$.brokers[0].lagSampleInterval", "expected a duration ≥ 1ms"),
        BadInput("stream key on a queue", S.document(brokers: #"{"name": "jobs", "partitions": 3}"#),
                 "$.brokers[0].partitions", #""partitions" only applies to a broker of type "stream", not "queue""#),
        BadInput("misspelt stream key", document(brokers: #"{"name": "events", "type": "stream", "partitons": 3}"#),
                 "$.brokers[0].partitons", #"unknown key "partitons" (did you mean "partitions"?)"#),
    ]

    static let producers: [BadInput] = [
        BadInput("acks 2", document(producer: #""count": 10, "acks": 2"#),
                 "$.producers[0].acks", #"expected 0, 1 or "all", found 2"#),
        BadInput("acks as a word", document(producer: #""count": 10, "acks": "leader""#),
                 "$.producers[0].acks", #"expected 0, 1 or "all", found "leader""#),
        BadInput("acks on a queue producer", document(producer: #""count": 10, "acks": 1"#, publishTo: "jobs"),
                 "$.producers[0].acks", #""acks" only applies to a producer that publishes to a stream; "jobs" is not a stream"#),
        BadInput("idempotent not a boolean", document(producer: #""count": 10, "idempotent": "yes""#),
                 "$.producers[0].idempotent", #"expected true or false, found "yes""#),
        BadInput("key count 0", document(producer: #""count": 10, "message": {"keys": {"count": 0}}"#),
                 "$.producers[0].message.keys.count", "expected an integer ≥ 1, found 0"),
        BadInput("keys without count or values", document(producer: #""count": 10, "message": {"keys": {"distribution": "zipf"}}"#),
                 "$.producers[0].message.keys.count", #"missing required key "count" (expected an integer)"#),
        BadInput("zipf exponent 0", document(producer: #""count": 10, "message": {"keys": {"count": 5, "distribution": "zipf", "exponent": 0}}"#),
                 "$.producers[0].message.keys.exponent", "expected a Zipf exponent > 0 and ≤ 100, found 0"),
        BadInput("exponent without zipf", document(producer: #""count": 10, "message": {"keys": {"count": 5, "exponent": 1.2}}"#),
                 "$.producers[0].message.keys.exponent", #""exponent" only applies to "distribution": "zipf""#),
        BadInput("unknown key distribution", document(producer: #""count": 10, "message": {"keys": {"count": 5, "distribution": "zpif"}}"#),
                 "$.producers[0].message.keys.distribution", #"unknown key distribution "zpif" (did you mean "zipf"?); expected one of: uniform, zipf"#),
        BadInput("key and keys", document(producer: #""count": 10, "message": {"key": "a", "keys": {"count": 5}}"#),
                 "$.producers[0].message.keys", #"set either "key" (one fixed key) or "keys" (several), not both"#),
        BadInput("empty key list", document(producer: #""count": 10, "message": {"keys": {"values": []}}"#),
                 "$.producers[0].message.keys.values", "expected at least one key, found []"),
        BadInput("number in a key list", document(producer: #""count": 10, "message": {"keys": {"values": ["a", 7]}}"#),
                 "$.producers[0].message.keys.values[1]", "expected a string key, found 7"),
        BadInput("count with values", document(producer: #""count": 10, "message": {"keys": {"values": ["a"], "count": 3}}"#),
                 "$.producers[0].message.keys.count", #""count" does not apply to listed "values" (drawn uniformly)"#),
        BadInput("misspelt message key", document(producer: #""count": 10, "message": {"kyes": {"count": 3}}"#),
                 "$.producers[0].message.kyes", #"unknown key "kyes" (did you mean"#),
    ]

    static let consumers: [BadInput] = [
        BadInput("group on a queue", S.document(consumers: S.consumer(#""group": "g""#)),
                 "$.consumers[0].group", #"consumer groups read streams; "jobs" is a queue"#),
        BadInput("stream without a group", document(consumers: S.consumer(consumeFrom: "events")),
                 "$.consumers[0].consumeFrom", #""events" is a stream: set "group" to read it with a consumer group"#),
        BadInput("group key without a group", S.document(consumers: S.consumer(#""assignor": "range""#)),
                 "$.consumers[0].assignor", #""assignor" only applies to a consumer with a "group" on a stream"#),
        BadInput("unknown assignor", consumer(#""assignor": "rnage""#),
                 "$.consumers[0].assignor", #"unknown assignor "rnage" (did you mean "range"?); expected one of: range, roundRobin"#),
        BadInput("unknown commit mode", consumer(#""commit": "manual""#),
                 "$.consumers[0].commit", #"unknown commit mode "manual""#, "expected one of: auto, afterProcessing"),
        BadInput("auto-commit interval with commit after processing", consumer(#""commit": "afterProcessing", "autoCommitInterval": "1s""#),
                 "$.consumers[0].autoCommitInterval", #""autoCommitInterval" only applies to "commit": "auto""#),
        BadInput("zero auto-commit interval", consumer(#""autoCommitInterval": 0"#),
                 "$.consumers[0].autoCommitInterval", "expected a duration > 0, found 0"),
        BadInput("zero max poll interval", consumer(#""maxPollInterval": "0s""#),
                 "$.consumers[0].maxPollInterval", "expected a duration > 0"),
        BadInput("misspelt start", consumer(#""startAt": "earliset""#),
                 "$.consumers[0].startAt", #"expected "earliest", "latest" or a time since the start such as "2m", found "earliset" (did you mean "earliest"?)"#),
        BadInput("negative start time", consumer(#""startAt": -5"#),
                 "$.consumers[0].startAt", "expected a duration ≥ 0, found -5"),
        BadInput("leave before join", consumer(#""joinAt": "2m", "leaveAt": "1m""#),
                 "$.consumers[0].leaveAt", "expected leaveAt after joinAt (120 s), found 60 s"),
        BadInput("prefetch on a group member", consumer(#""prefetch": 5"#),
                 "$.consumers[0].prefetch", #""prefetch" only applies to queue consumers"#),
        BadInput("group entries disagree",
                 document(consumers: S.consumer(name: "a", consumeFrom: "events", #""group": "g", "assignor": "range""#) + ", "
                          + S.consumer(name: "b", consumeFrom: "events", #""group": "g", "assignor": "roundRobin""#)),
                 "$.consumers[1].assignor", #"group "g" has a different "assignor" at $.consumers[0]; entries of one group must agree"#),
        BadInput("group on two streams",
                 document(brokers: #"{"name": "events", "type": "stream"}, {"name": "other", "type": "stream"}"#,
                          consumers: S.consumer(name: "a", consumeFrom: "events", #""group": "g""#) + ", "
                          + S.consumer(name: "b", consumeFrom: "other", #""group": "g""#)),
                 "$.consumers[1].consumeFrom", #"group "g" already reads another stream"#),
    ]

    static let faults: [BadInput] = [
        BadInput("partition on a queue crash", document(top: #""faults": [{"at": "1m", "crash": "jobs", "partition": 0}]"#),
                 "$.faults[0].partition", #""partition" applies to a stream's leader crash; "jobs" is not a stream"#),
        BadInput("fault on an unknown stream", document(top: #""faults": [{"at": "1m", "crash": "event", "partition": 0}]"#),
                 "$.faults[0].crash", #"no consumer or broker named "event" (did you mean "events"?)"#),
        BadInput("fault partition out of range",
                 document(top: #""faults": [{"at": "1m", "crash": "events", "partition": 6}]"#,
                          brokers: #"{"name": "events", "type": "stream", "partitions": 6, "replicas": 3}"#),
                 "$.faults[0].partition", #"expected a partition of "events" from 0 to 5, found 6"#),
        BadInput("fault without a follower", document(top: #""faults": [{"at": "1m", "crash": "events", "partition": 0}]"#),
                 "$.faults[0].crash", #"a leader failover needs a follower: set "replicas" ≥ 2 on "events" (it has 1)"#),
        BadInput("fault without a time", document(top: #""faults": [{"crash": "events", "partition": 0}]"#,
                                                  brokers: #"{"name": "events", "type": "stream", "replicas": 2}"#),
                 "$.faults[0].at", #"missing required key "at""#),
        BadInput("misspelt fault key", document(top: #""faults": [{"at": 1, "crash": "events", "partition": 0, "partiton": 1}]"#,
                                                brokers: #"{"name": "events", "type": "stream", "replicas": 2}"#),
                 "$.faults[0].partiton", #"unknown key "partiton" (did you mean "partition"?)"#),
    ]

    static let all = brokers + producers + consumers + faults

    @Test("each bad stream input is reported at its path", arguments: all)
    func reportsBadInput(_ input: BadInput) {
        let errors = Snippet.errors(input.data)
        let rendered = errors.map(\.description).joined(separator: "\n")
        let match = errors.first { $0.path == input.path }
        #expect(match != nil, "no error at \(input.path); got:\n\(rendered)")
        for fragment in input.fragments {
            #expect(match?.message.contains(fragment) == true, "\(fragment) not in:\n\(rendered)")
        }
        #expect(errors.count == input.count, "expected \(input.count) error(s), got:\n\(rendered)")
    }

    @Test("the stream bad-input table has unique labels")
    func uniqueLabels() {
        #expect(Set(Self.all.map(\.label)).count == Self.all.count)
    }

    @Test("the base stream document is valid")
    func baseIsValid() {
        #expect(Snippet.errors(Self.document()).isEmpty)
    }
}
