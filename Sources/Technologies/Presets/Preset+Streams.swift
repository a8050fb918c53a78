/// Apache Kafka and Redis Streams presets.
extension Preset {
    /// Kafka's brokers: a 3-broker cluster (the benchmark's, and the fewest that hold the
    /// preset's 3 replicas), each leading partitions round-robin.
    static let kafkaBrokers = 3
    /// Kafka's append capacity per broker, shared by the partitions it leads, an assumption
    /// derived from LinkedIn's 2014 benchmark: three producers wrote 2,024,032 records/s of
    /// 100 bytes (3× asynchronous replication) to a topic of 6 partitions on 3 brokers, so
    /// 2,024,032 ÷ 3 = 674,677 records/s and × 100 bytes = 67.5 MB/s per broker (the figure
    /// includes the benchmark's replication traffic and its producers' batching). The test
    /// does not say how much one partition alone could take: the preset sets no per-partition
    /// limit, so one partition may use its leader's whole capacity.
    static let kafkaBrokerRecords = 674_677.0
    static let kafkaBrokerBytes = 67_467_733.0
    /// Kafka's producer batches: `batch.size` 16,384 bytes and `linger.ms` 5 ms (the default
    /// since Kafka 4.0, KIP-1030; 0 before), filled into a producer's `batch` on a Kafka
    /// stream.
    static let kafkaBatchBytes = 16_384
    static let kafkaLingerSeconds = 0.005

    /// Redis Streams' append capacity per stream: 500,000 XADDs per second, the low end of the
    /// documentation's 500,000 … 1,000,000 items/s on an average machine with pipelining.
    static let redisStreamRecords = 500_000.0

    static let kafka = Preset(
        technology: .kafka,
        summary: "Apache Kafka: partitioned replicated log, consumer groups (parallelism capped at partitions), offsets committed, retention 7 days",
        brokerTypes: ["stream"],
        unsupportedTypes: [
            "queue": "Kafka has no queues: a topic's partitions are shared by a consumer group's members; use type \"stream\" with a \"group\" on the consumers",
            "topic": "a Kafka topic is a log: use type \"stream\", with one consumer group per subscriber",
            "exchange": "Kafka has no exchanges or bindings: producers write to a topic (type \"stream\"), choosing the partition by key",
        ],
        facts: [
            PresetFact("num_partitions_default", "partitions of a new topic", .number(1), unit: "partitions", source: PresetSources.kafkaBrokerConfigs, scenarioKey: "brokers[].partitions"),
            PresetFact("retention_ms_default", "retention", .number(604_800_000), unit: "ms", source: PresetSources.kafkaTopicConfigs, scenarioKey: "brokers[].retention"),
            PresetFact("max_message_bytes_default", "largest record batch", .number(1_048_588), unit: "bytes", source: PresetSources.kafkaTopicConfigs, scenarioKey: "producers[].message.sizeBytes"),
            PresetFact("segment_bytes_default", "log segment size", .number(1_073_741_824), unit: "bytes", source: PresetSources.kafkaTopicConfigs),
            PresetFact("min_insync_replicas_default", "min.insync.replicas", .number(1), unit: "replicas", source: PresetSources.kafkaBrokerConfigs, scenarioKey: "brokers[].minInSyncReplicas"),
            PresetFact("acks_default", "producer acks", .text("all"), unit: nil, source: PresetSources.kafkaProducerConfigs, scenarioKey: "producers[].acks"),
            PresetFact("enable_idempotence_default", "idempotent producer", .flag(true), unit: nil, source: PresetSources.kafkaProducerConfigs),
            PresetFact("retries_default", "producer retries", .number(2_147_483_647), unit: nil, source: PresetSources.kafkaProducerConfigs),
            PresetFact("delivery_timeout_ms_default", "delivery.timeout.ms", .number(120_000), unit: "ms", source: PresetSources.kafkaProducerConfigs),
            PresetFact("max_in_flight_requests_default", "max.in.flight.requests.per.connection", .number(5), unit: nil, source: PresetSources.kafkaProducerConfigs),
            PresetFact("batch_size_default", "batch.size", .number(16_384), unit: "bytes", source: PresetSources.kafkaProducerConfigs, scenarioKey: "producers[].batch.maxBytes"),
            PresetFact("linger_ms_default", "linger.ms before Kafka 4.0", .number(0), unit: "ms", source: PresetSources.kafkaProducerConfigs),
            PresetFact("linger_ms_default_4_0", "linger.ms from Kafka 4.0", .number(5), unit: "ms", source: PresetSources.kafkaKIP1030, scenarioKey: "producers[].batch.linger"),
            PresetFact("session_timeout_ms_default", "session.timeout.ms", .number(45_000), unit: "ms", source: PresetSources.kafkaConsumerConfigs),
            PresetFact("heartbeat_interval_ms_default", "heartbeat.interval.ms", .number(3_000), unit: "ms", source: PresetSources.kafkaConsumerConfigs),
            PresetFact("max_poll_interval_ms_default", "max.poll.interval.ms", .number(300_000), unit: "ms", source: PresetSources.kafkaConsumerConfigs, scenarioKey: "consumers[].maxPollInterval"),
            PresetFact("max_poll_records_default", "max.poll.records", .number(500), unit: "records", source: PresetSources.kafkaConsumerConfigs),
            PresetFact("auto_offset_reset_default", "auto.offset.reset", .text("latest"), unit: nil, source: PresetSources.kafkaConsumerConfigs, scenarioKey: "consumers[].startAt"),
            PresetFact("enable_auto_commit_default", "enable.auto.commit", .flag(true), unit: nil, source: PresetSources.kafkaConsumerConfigs, scenarioKey: "consumers[].commit"),
            PresetFact("auto_commit_interval_ms_default", "auto.commit.interval.ms", .number(5_000), unit: "ms", source: PresetSources.kafkaConsumerConfigs, scenarioKey: "consumers[].autoCommitInterval"),
            PresetFact("fetch_min_bytes_default", "fetch.min.bytes", .number(1), unit: "bytes", source: PresetSources.kafkaConsumerConfigs),
            PresetFact("fetch_max_wait_ms_default", "fetch.max.wait.ms", .number(500), unit: "ms", source: PresetSources.kafkaConsumerConfigs),
        ],
        brokerDefaults: ["stream": [
            ("partitions", .integer(1)),
            ("retention", .seconds(604_800)),
            // Replication factor 3 with min.insync.replicas 2, the production setting of the
            // benchmarks: a record is readable once followers have it (the high watermark).
            ("replicas", .integer(3)),
            ("minInSyncReplicas", .integer(2)),
            ("replicationDelay", .seconds(0.003)),
            ("profile.brokers", .integer(kafkaBrokers)),
            ("profile.brokerMessagesPerSecond", .rate(kafkaBrokerRecords)),
            ("profile.brokerBytesPerSecond", .rate(kafkaBrokerBytes)),
        ]],
        deadLetterMaxReceiveCount: nil,
        limits: [
            PresetLimit("message.sizeBytes", onProducer: true, .numberRange(1, 1_048_588), reason: "a Kafka record batch is at most max.message.bytes = 1,048,588 bytes by default; \(PresetSources.kafkaTopicConfigs)"),
        ],
        published: [
            PublishedFigure("end-to-end latency p99", 5, "ms", conditions: "at 200 MB/s, replicated, OpenMessaging Benchmark on cloud instances", source: PresetSources.confluentBenchmark),
            PublishedFigure("peak throughput", 605, "MB/s", conditions: "same testbed, headline figure", source: PresetSources.confluentBenchmark),
            PublishedFigure("end-to-end latency p50", 2, "ms", conditions: "LinkedIn 2014 test (p99 3 ms, p99.9 14 ms)", source: PresetSources.linkedInBenchmark),
            PublishedFigure("producer throughput", 786_980, "records/s", conditions: "one producer thread, 100-byte records, 3× asynchronous replication", source: PresetSources.linkedInBenchmark),
            PublishedFigure("producer throughput, three producers", 2_024_032, "records/s", conditions: "three producers, 100-byte records, 3× asynchronous replication, a topic of 6 partitions on 3 brokers", source: PresetSources.linkedInBenchmark),
        ],
        modelled: [
            "partitions, keys and partitioners, consumer groups with assignors and rebalances, auto or manual commits, retention",
            "replication factor 3, min.insync.replicas 2: a record is readable 3 ms after it is appended (the high watermark), giving end-to-end p50 ≈ 3 ms",
            "poison records (producers' poisonFraction): a member retries a failing record where it is, so it blocks its partition for its group — there is no per-message requeue or dead-letter queue unless the consumer writes one",
            "3 brokers leading the partitions round-robin, each appending at most 674,677 records/s and 67.5 MB/s (producers' message.sizeBytes) over the partitions it leads: an assumption derived from LinkedIn's 2,024,032 records/s of 100 bytes on 3 brokers; past it, publishes wait and latency grows, and a topic's capacity stops growing with its partitions once every broker leads one",
            "producer batches when a producer sets \"batch\": one batch per partition, filled to batch.size 16,384 bytes (maxBytes) or for linger.ms 5 ms (Kafka 4.0's default), appended in one hold of the broker's ingress; producers without \"batch\" send each record at once (linger.ms 0, the default before Kafka 4.0)",
        ],
        notModelled: [
            "a consumer that skips or parks failing records itself (a retry topic or dead-letter topic written by the application); random failures (failureRate) of group members",
            "each topic has its own brokers (topics sharing a cluster do not share its capacity); no per-partition limit; the broker capacity comes from LinkedIn's 2014 machines: Confluent's 2020 cluster reached 605 MB/s on 3 brokers, 3 times more per broker",
            "a per-request cost: batching lowers the number of produce requests but not the capacity a record takes (the calibration figure was measured with batching); set profile.ingressUnit \"calls\" to make brokerMessagesPerSecond count requests",
            "consumer fetches (max.poll.records, fetch.max.wait, fetch.min.bytes): a member reads each record as soon as it is readable; the p99.9 tail (14 ms published)",
        ],
        producerOptInDefaults: ["stream": [("batch.maxBytes", .integer(kafkaBatchBytes)), ("batch.linger", .seconds(kafkaLingerSeconds))]],
        sendBatchMaxBytes: (bytes: 1_048_588, reason: "a producer batch is stored as one record batch, at most max.message.bytes = 1,048,588 bytes by default; \(PresetSources.kafkaTopicConfigs)"),
        capacities: [
            ModelledCapacity("brokers[].profile.brokers", Double(kafkaBrokers), "brokers", assumed: false,
                             derivation: "the benchmark's Kafka cluster: 3 machines (the 6-partition topic's leaders, 2 per broker)", source: PresetSources.linkedInBenchmark),
            ModelledCapacity("brokers[].profile.brokerMessagesPerSecond", kafkaBrokerRecords, "records/s", assumed: true,
                             derivation: "2,024,032 records/s (three producers, 100-byte records, 3× asynchronous replication, a topic of 6 partitions) ÷ 3 brokers; assumed: the brokers, not the partitions or the producers, were the limit, and a broker's capacity is shared by the partitions it leads", source: PresetSources.linkedInBenchmark),
            ModelledCapacity("brokers[].profile.brokerBytesPerSecond", kafkaBrokerBytes, "bytes/s", assumed: true,
                             derivation: "the same 674,677 records/s × 100 bytes per broker; assumed: larger records are bound by bytes (1 kB records: 67,468 records/s per broker)", source: PresetSources.linkedInBenchmark),
        ])

    static let redisStreams = Preset(
        technology: .redisStreams,
        summary: "Redis Streams: one log per key, consumer groups with a pending entries list, delivery counters, XAUTOCLAIM, MAXLEN trimming",
        brokerTypes: ["stream", "queue"],
        unsupportedTypes: [
            "topic": "Redis Streams fan out by giving each subscriber its own consumer group: use type \"stream\"",
            "exchange": "Redis has no exchanges",
        ],
        facts: [
            PresetFact("xclaim_min_idle", "claiming pending entries", .text("XCLAIM/XAUTOCLAIM take only entries idle for at least min-idle-time, and increment their delivery counter"),
                       unit: nil, source: PresetSources.redisXAutoClaim, scenarioKey: "brokers[].claim.minIdle"),
            PresetFact("xautoclaim_count_default", "entries per XAUTOCLAIM", .number(100), unit: "entries", source: PresetSources.redisXAutoClaim),
            PresetFact("xautoclaim_increments_delivery_count", "XAUTOCLAIM increments the delivery counter", .flag(true), unit: nil, source: PresetSources.redisXAutoClaim),
            PresetFact("stream_node_max_entries_default", "stream-node-max-entries", .number(100), unit: "entries", source: PresetSources.redisConf),
            PresetFact("noack", "XREADGROUP NOACK", .text("does not add entries to the pending entries list"), unit: nil, source: PresetSources.redisStreams, scenarioKey: "consumers[].ack"),
        ],
        brokerDefaults: [
            "stream": [("partitions", .integer(1)), ("profile.messagesPerSecond", .rate(redisStreamRecords))],
            // One consumer group read as a work queue: the time from XADD until a blocked
            // XREADGROUP consumer has the entry, calibrated so that about 85% arrive within
            // 1 ms and 99.9% within 2 ms (published: 74% and 99.9%, `redisStreams`).
            "queue": [("profile.deliverLatency", .distribution(.lognormal(meanSeconds: 0.000_75, stddevSeconds: 0.000_25))),
                      ("profile.messagesPerSecond", .rate(redisStreamRecords))],
        ],
        deadLetterMaxReceiveCount: nil,
        limits: [
            PresetLimit("maxPriority", .forbidden, reason: "Redis Streams have no priorities"),
            PresetLimit("message.priority", onProducer: true, .forbidden, reason: "Redis Streams have no priorities"),
            PresetLimit("messageGroups", .forbidden, reason: "Redis Streams have no message groups"),
            PresetLimit("ordering", .notValue(.word("bestEffort")), reason: "a Redis stream delivers entries in ID order"),
        ],
        published: [
            PublishedFigure("deliveries within 2 ms", 0.999, "fraction", conditions: "blocking XREADGROUP consumers, Ruby clients, COUNT up to 10,000, old hardware; 74.11% within 1 ms", source: PresetSources.redisStreams),
            PublishedFigure("XADD rate", 500_000, "items/s", conditions: "an average machine with pipelining (500,000 … 1,000,000)", source: PresetSources.redisStreams),
        ],
        modelled: [
            "type \"queue\": one consumer group as competing consumers (each entry goes to one consumer), delivered in about 0.75 ms",
            "\"claim\": {\"minIdle\": D} on a queue: entries not XACKed within D are claimed and delivered again, their delivery counter incremented (a visibility timeout of D)",
            "type \"stream\": one log (partitions 1) that several groups read at their own positions",
            "an XADD capacity of 500,000 entries/s per stream (either type): assumed, the low end of the documented 500,000 … 1,000,000 items/s of an average machine with pipelining",
        ],
        notModelled: [
            "a Redis group shares one stream among its consumers, which mqlab's partitioned groups cannot (a group on type \"stream\" has one active member)",
            "without \"claim\", a failed or crashed consumer's pending entries come back at once as on a queue (in Redis they stay pending until claimed); claims happen the moment an entry has been idle minIdle, not on a consumer's XAUTOCLAIM schedule",
            "MAXLEN trimming; no bytes/s capacity, and one Redis server's single thread shared by all its streams and commands (XREADGROUP, XACK) is not modelled",
        ],
        capacities: [
            ModelledCapacity("brokers[].profile.messagesPerSecond", redisStreamRecords, "entries/s", assumed: true,
                             derivation: "the low end of the documented 500,000 … 1,000,000 XADDs/s of an average machine with pipelining, per stream (either broker type)", source: PresetSources.redisStreams),
        ])
}
