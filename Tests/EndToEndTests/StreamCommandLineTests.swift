import Foundation
import Testing

/// The stream part of the report contract (design §3), read from the built binary's JSON.
@Suite(.serialized) struct StreamCommandLineTests {
    @Test func streamReportHasPartitionsLagAndGroupLedgers() throws {
        let outcome = try CLIRunner.run(["run", "Scenarios/kafka-consumer-group.json", "--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let events = try #require((report["brokers"] as? [String: Any])?["events"] as? [String: Any])
        #expect(events["type"] as? String == "stream")
        let partitions = try #require(events["partitions"] as? [[String: Any]])
        #expect(partitions.count == 6)
        var total = 0
        for partition in partitions {
            total += try #require(partition["enqueued"] as? Int)
            for group in ["billing", "analytics"] {
                let lag = try #require((partition["lag"] as? [String: Any])?[group] as? [String: Any])
                #expect(lag["final"] is Int && lag["max"] is Int)
                let seconds = try #require((partition["lagSeconds"] as? [String: Any])?[group] as? [String: Any])
                #expect(seconds["final"] is NSNumber && seconds["max"] is NSNumber)
            }
        }
        #expect(total == events["enqueued"] as? Int)
        let billing = try #require((events["groups"] as? [String: Any])?["billing"] as? [String: Any])
        #expect(billing["rebalances"] as? Int == 1)
        #expect(billing["members"] as? Int == 4)
        let series = try #require(billing["lagOverTime"] as? [String: Any])
        #expect((series["messages"] as? [Int])?.isEmpty == false)
        let destinations = try #require((report["ledger"] as? [String: Any])?["destinations"] as? [String: Any])
        let group = try #require(destinations["events/billing"] as? [String: Any])
        #expect(group["kind"] as? String == "group")
        #expect(group["entered"] as? Int == total)
        #expect((destinations["events"] as? [String: Any])?["kind"] as? String == "stream")
    }

    @Test func retentionLossIsReportedByReason() throws {
        let outcome = try CLIRunner.run(["run", "Scenarios/stream-replay.json", "--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let messages = try #require(report["messages"] as? [String: Any])
        let lost = try #require(messages["lost"] as? Int)
        #expect(lost > 0)
        #expect((messages["lostByReason"] as? [String: Any])?["retention"] as? Int == lost)
        #expect((report["ledger"] as? [String: Any])?["balanced"] as? Bool == true)
    }

    @Test func aGroupConsumerOnAQueueIsRejectedWithItsPath() throws {
        let bad = try TemporaryFiles.url(#"{"name": "x", "brokers": [{"name": "q"}, {"name": "s", "type": "stream", "partitions": 0}], "producers": [{"name": "p", "publishTo": "s", "arrivals": {"poisson": {"rate": 1}}, "count": 5}], "consumers": [{"name": "c", "consumeFrom": "q", "group": "g", "service": {"constant": "1s"}}]}"#, name: "bad-group.json")
        let outcome = try CLIRunner.run(["validate", bad.path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("$.brokers[1].partitions: expected an integer ≥ 1, found 0"))
        #expect(outcome.stderr.contains("$.consumers[0].group: consumer groups read streams; \"q\" is a queue"))
    }

    /// A group that joins only at 1 h (reading from the earliest record) keeps every record of a
    /// 100/s producer: with --max-messages 1000 the run stops after the 1,001st record (at
    /// 10.01 s) with exit 3 and says the records retained in the stream count.
    @Test func retainedStreamRecordsStopTheRunAtTheMessageLimit() throws {
        let file = try TemporaryFiles.url(#"{"name": "retained", "duration": "20m", "brokers": [{"name": "s", "type": "stream", "partitions": 2}], "producers": [{"name": "p", "publishTo": "s", "arrivals": {"constant": {"rate": 100}}}], "consumers": [{"name": "late", "consumeFrom": "s", "group": "g", "startAt": "earliest", "joinAt": "1h", "service": {"constant": "1ms"}}]}"#, name: "retained.json")
        let outcome = try CLIRunner.run(["run", file.path, "--format", "json", "--max-messages", "1000"])
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr.contains("run stopped at 10.01 s: more than 1000 messages were in the system at once (1001 of them were records retained in streams"))
        #expect(outcome.stderr.contains("shorten the stream's retention"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(report["stopReason"] as? String == "messageLimit")
        #expect((report["ledger"] as? [String: Any])?["balanced"] as? Bool == true)
    }

    /// 100 records/s into a partition that appends 10/s: from 0.01 s on, 9 of every 10 records
    /// wait for the ingress; with --max-messages 1000 the run stops with exit 3 and says the
    /// records on their way in, not retained ones, fill the system.
    @Test func recordsWaitingForTheIngressStopTheRunAtTheMessageLimit() throws {
        let file = try TemporaryFiles.url(#"{"name": "flooded", "duration": "20m", "brokers": [{"name": "s", "type": "stream", "partitions": 1, "profile": {"messagesPerSecond": 10}}], "producers": [{"name": "p", "publishTo": "s", "arrivals": {"constant": {"rate": 100}}}], "consumers": [{"name": "c", "consumeFrom": "s", "group": "g", "service": {"constant": "1ms"}}]}"#, name: "flooded.json")
        let outcome = try CLIRunner.run(["run", file.path, "--format", "json", "--max-messages", "1000"])
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr.contains("stream records sent but not yet appended, waiting for their partition's or broker's ingress"), "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(report["stopReason"] as? String == "messageLimit")
        #expect((report["ledger"] as? [String: Any])?["balanced"] as? Bool == true)
    }
}
