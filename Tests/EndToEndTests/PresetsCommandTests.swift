import Foundation
import Testing

/// `mqlab presets`: the list, one preset in each format, and bad names; a scenario naming a
/// technology runs and reports it.
@Suite struct PresetsCommandTests {
    static let names = ["rabbitmq-classic", "rabbitmq-quorum", "rabbitmq-stream", "kafka", "sqs-standard",
                        "sqs-fifo", "sns", "azure-storage-queue", "azure-service-bus", "redis-streams"]

    @Test func listNamesEveryTechnology() throws {
        let text = try CLIRunner.run(["presets"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        for name in Self.names { #expect(text.stdout.contains("\n" + name + " "), "\(name)") }
        let json = try CLIRunner.run(["presets", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let list = try #require(object["technologies"] as? [[String: Any]])
        #expect(list.compactMap { $0["name"] as? String } == Self.names)
        #expect(list.first { $0["name"] as? String == "kafka" }?["brokerTypes"] as? [String] == ["stream"])
        let markdown = try CLIRunner.run(["presets", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("| technology | broker types | summary |"))
    }

    @Test func onePresetPrintsEveryDefaultWithItsSource() throws {
        let text = try CLIRunner.run(["presets", "sqs-standard"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("visibility timeout: 30 s  → brokers[].visibilityTimeout"))
        #expect(text.stdout.contains("https://github.com/boto/botocore"))
        #expect(text.stdout.contains("What we model") && text.stdout.contains("What we don't"))
        let json = try CLIRunner.run(["presets", "azure-storage-queue", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let facts = try #require(object["facts"] as? [[String: Any]])
        let size = try #require(facts.first { $0["name"] as? String == "max_message_size" })
        #expect(size["value"] as? Int == 65_536 && size["unit"] as? String == "bytes")
        #expect((size["source"] as? String)?.hasPrefix("https://learn.microsoft.com/") == true)
        #expect(object["deadLetterMaxReceiveCount"] as? Int == 5)
        let markdown = try CLIRunner.run(["presets", "kafka", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## kafka"))
        #expect(markdown.stdout.contains("| max.poll.interval.ms | 300000 ms | `consumers[].maxPollInterval` |"))
    }

    /// Polling defaults with their sources, and Service Bus's limits and its capacity note.
    @Test func pollingDefaultsAndServiceBusLimitsArePrinted() throws {
        let sqs = try CLIRunner.run(["presets", "sqs-standard"])
        #expect(sqs.stdout.contains("shortPollSampling 0.5"))
        #expect(sqs.stdout.contains("consumers of a queue: receiveWait 0s"))
        #expect(sqs.stdout.contains("API_ReceiveMessage.html"))
        let azure = try CLIRunner.run(["presets", "azure-storage-queue"])
        #expect(azure.stdout.contains("consumers of a queue: pollInterval 0.2s, maxPollBackoff 60s, batch.maxMessages 16"))
        #expect(azure.stdout.contains("longest wait between polls of an idle queue (Functions maxPollingInterval): 60 s  → consumers[].maxPollBackoff"))
        let bus = try CLIRunner.run(["presets", "azure-service-bus", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bus.stdout.utf8)) as? [String: Any])
        let facts = try #require(object["facts"] as? [[String: Any]])
        let size = try #require(facts.first { $0["name"] as? String == "max_message_size_standard" })
        #expect(size["value"] as? Int == 262_144 && (size["source"] as? String)?.contains("service-bus-quotas") == true)
        #expect((object["capacityNote"] as? String)?.hasPrefix("no per-queue rate: the Standard tier throttles a whole namespace at 1,000 credits/s") == true)
        let credits = try #require(facts.first { $0["name"] as? String == "standard_credits_per_second" })
        #expect(credits["value"] as? Int == 1_000 && (credits["source"] as? String)?.contains("service-bus-throttling") == true)
        let text = try CLIRunner.run(["presets", "azure-service-bus"])
        #expect(text.stdout.contains("Capacities the defaults give (value, unit, how, source)\n  no per-queue rate"))
    }

    /// The batching and polling keys of SQS FIFO: the calls ingress, and limits on producers
    /// and consumers named with their own paths.
    @Test func sqsFIFOListsItsBatchingDefaultsAndLimits() throws {
        let text = try CLIRunner.run(["presets", "sqs-fifo"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("profile.messagesPerSecond 300/s, profile.ingressUnit \"calls\""))
        #expect(text.stdout.contains("messages per second with batches of 10: 3000 messages/s  → brokers[].profile.ingressUnit"))
        #expect(text.stdout.contains("  producers[].batch.maxMessages: 1 … 10 — SendMessageBatch takes at most 10 messages"))
        #expect(text.stdout.contains("  consumers[].batch.maxMessages: 1 … 10 — ReceiveMessage returns at most 10 messages"))
        #expect(text.stdout.contains("  consumers[].receiveWait: 0 s … 20 s — an SQS long poll waits at most 20 s"))
    }

    /// A preset's capacities: value, unit, whether derived under an assumption, and the source.
    @Test func onePresetPrintsItsCapacitiesAndTheirAssumptions() throws {
        let text = try CLIRunner.run(["presets", "kafka"])
        #expect(text.stdout.contains("Capacities the defaults give (value, unit, how, source)"))
        #expect(text.stdout.contains("  brokers[].profile.brokerMessagesPerSecond: 674677 records/s (assumption) — 2,024,032 records/s"))
        #expect(text.stdout.contains("  brokers[].profile.brokers: 3 brokers — the benchmark's Kafka cluster"))
        #expect(text.stdout.contains("producers of a stream that set batch: batch.maxBytes 16384, batch.linger 0.005s"))
        #expect(text.stdout.contains("engineering.linkedin.com/kafka/benchmarking-apache-kafka"))
        let json = try CLIRunner.run(["presets", "rabbitmq-quorum", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let capacities = try #require(object["capacities"] as? [[String: Any]])
        let bytes = try #require(capacities.first { $0["scenarioKey"] as? String == "brokers[].profile.bytesPerSecond" })
        #expect(bytes["value"] as? Int == 30_000_000 && bytes["unit"] as? String == "bytes/s" && bytes["assumed"] as? Bool == false)
        let markdown = try CLIRunner.run(["presets", "rabbitmq-stream", "--format", "markdown"])
        #expect(markdown.stdout.contains("| `brokers[].profile.messagesPerSecond` | 112196 messages/s | **assumption:** "))
    }

    @Test func badNamesAndFormatsAreUsageErrors() throws {
        let typo = try CLIRunner.run(["presets", "kafak"])
        #expect(typo.exitCode == 2 && typo.stdout.isEmpty)
        #expect(typo.stderr.hasPrefix(#"error: unknown technology "kafak" (did you mean "kafka"?)"#))
        let format = try CLIRunner.run(["presets", "--format", "csv"])
        #expect(format.exitCode == 2 && format.stderr.contains("--format expects text, markdown or json"))
        let help = try CLIRunner.run(["help", "presets"])
        #expect(help.exitCode == 0 && help.stdout.hasPrefix("usage: mqlab presets"))
    }

    @Test func aScenarioOnATechnologyReportsIt() throws {
        let folder = try CLIRunner.temporaryFolder()
        let file = folder.appendingPathComponent("fifo.json")
        try #"""
        {"name": "fifo", "seed": 3, "duration": "10s", "technology": "sqs-fifo",
         "brokers": [{"name": "orders", "messageGroups": false}],
         "producers": [{"name": "shop", "publishTo": "orders", "arrivals": {"poisson": {"rate": 500}}}],
         "consumers": [{"name": "workers", "consumeFrom": "orders", "instances": 20, "service": {"constant": "1ms"}}]}
        """#.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", file.path, "--format", "json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let broker = try #require((report["brokers"] as? [String: Any])?["orders"] as? [String: Any])
        #expect(broker["technology"] as? String == "sqs-fifo")
        let profile = try #require(broker["profile"] as? [String: Any])
        #expect(profile["messagesPerSecond"] as? Int == 300)
        #expect((profile["throttled"] as? Int ?? 0) > 0)
        let text = try CLIRunner.run(["run", file.path])
        #expect(text.stdout.contains("queue (sqs-fifo)"))

        let bad = folder.appendingPathComponent("bad.json")
        try #"""
        {"name": "bad", "duration": "10s",
         "brokers": [{"name": "events", "type": "exchange", "exchangeType": "fanout", "technology": "kafka"}],
         "producers": [{"name": "p", "publishTo": "events", "arrivals": {"poisson": {"rate": 5}}}]}
        """#.write(to: bad, atomically: true, encoding: .utf8)
        let rejected = try CLIRunner.run(["validate", bad.path])
        #expect(rejected.exitCode == 2)
        #expect(rejected.stderr.contains(#"$.brokers[0].type: technology "kafka" has no broker of type "exchange""#))
    }
}
