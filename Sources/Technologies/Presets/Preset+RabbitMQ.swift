/// RabbitMQ presets: classic queues, quorum queues and streams.
extension Preset {
    /// Exchange and queue types RabbitMQ does not have, shared by the three presets.
    static let rabbitTopicReason = "RabbitMQ publishes to many queues through an exchange: use a broker of type \"exchange\" (fanout) with a queue per subscriber"

    /// Latency of a classic queue at low load, calibrated so end-to-end (send → consumer →
    /// ack reaches the broker, negligible processing) lands near the published p50 ≈ 1 ms and
    /// p99 ≈ 2 ms (`rabbitAMQPBenchmarks`).
    static let rabbitClassicProfile: [(key: String, value: PresetValue)] = [
        ("profile.publishLatency", .distribution(.lognormal(meanSeconds: 0.000_35, stddevSeconds: 0.000_15))),
        ("profile.messagesPerSecond", .rate(99_413)),
        // 38 MB/s: Confluent's peak for mirrored classic queues (rabbitClassicBytes).
        ("profile.bytesPerSecond", .rate(38_000_000)),
        ("profile.deliverLatency", .distribution(.lognormal(meanSeconds: 0.000_35, stddevSeconds: 0.000_15))),
        ("profile.ackLatency", .distribution(.lognormal(meanSeconds: 0.000_25, stddevSeconds: 0.000_1))),
        ("profile.publishInOrder", .bool(true)),
    ]

    /// The classic queue's capacities: the AMQP 1.0 benchmark's end-to-end rate (12-byte
    /// bodies), and Confluent's peak throughput of RabbitMQ with mirrored classic queues,
    /// 38 MB/s (their 2020 OpenMessaging benchmark; the authors note latencies degrade above
    /// 30 MB/s and unmirrored queues do better) — an assumption: a replicated cluster's figure
    /// used as one queue's bound, binding only for messages larger than about 380 bytes.
    static let rabbitClassicCapacities = [
        ModelledCapacity("brokers[].profile.messagesPerSecond", 99_413, "messages/s", assumed: false,
                         derivation: "the benchmark's end-to-end rate of one durable classic queue (12-byte bodies, one node)", source: PresetSources.rabbitAMQPBenchmarks),
        ModelledCapacity("brokers[].profile.bytesPerSecond", 38_000_000, "bytes/s", assumed: true,
                         derivation: "Confluent's 38 MB/s peak for mirrored classic queues on a replicated cluster, used as one queue's bound", source: PresetSources.confluentBenchmark),
    ]

    static let rabbitConsumerTimeout = PresetFact(
        "consumer_timeout_default", "consumer (delivery acknowledgement) timeout", .number(1_800_000), unit: "ms",
        source: PresetSources.rabbitConsumers, scenarioKey: "brokers[].consumerTimeout")
    static let rabbitPrefetchUnlimited = PresetFact(
        "prefetch_zero_means_unlimited", "prefetch 0 means unlimited", .flag(true), unit: nil,
        source: PresetSources.rabbitPrefetch)
    static let rabbitPrefetchRecommended = PresetFact(
        "prefetch_recommended_range", "recommended prefetch", .range(100, 300), unit: "messages",
        source: PresetSources.rabbitPrefetch, scenarioKey: "consumers[].prefetch")
    static let rabbitRoutingKey = PresetFact(
        "routing_key_max_length", "routing key length", .number(255), unit: "bytes", source: PresetSources.rabbitTopicTutorial)
    static let rabbitRequeue = PresetFact(
        "requeue_position", "requeue position",
        .text("a requeued message goes back to its original position if possible, else closer to the head; redelivered=true"),
        unit: nil, source: PresetSources.rabbitConfirms)

    static let rabbitmqClassic = Preset(
        technology: .rabbitmqClassic,
        summary: "RabbitMQ classic queues behind exchanges: push to consumers with prefetch, nack/requeue at the original position, head-only TTL, priorities",
        brokerTypes: ["queue", "exchange"],
        unsupportedTypes: ["topic": rabbitTopicReason,
                           "stream": "a RabbitMQ stream is a separate technology: use \"rabbitmq-stream\""],
        facts: [
            rabbitConsumerTimeout, rabbitPrefetchUnlimited, rabbitPrefetchRecommended,
            PresetFact("x_max_priority_accepted_range", "x-max-priority accepted", .range(0, 255), unit: nil,
                       source: PresetSources.rabbitPriority, scenarioKey: "brokers[].maxPriority"),
            PresetFact("x_message_ttl", "per-queue and per-message TTL",
                       .text("effective TTL = min(queue, message); expired messages are removed or dead-lettered only when they reach the head"),
                       unit: nil, source: PresetSources.rabbitTTL, scenarioKey: "brokers[].ttlExpiry"),
            rabbitRequeue, rabbitRoutingKey,
        ],
        brokerDefaults: ["queue": [("ttlExpiry", .word("head")), ("consumerTimeout", .seconds(1_800))] + rabbitClassicProfile],
        deadLetterMaxReceiveCount: nil,
        limits: [
            PresetLimit("visibilityTimeout", .forbidden, reason: "RabbitMQ has no visibility timeout: an unacked message returns when its consumer's channel closes, or after the consumer timeout (\"consumerTimeout\", 30 min by default); https://www.rabbitmq.com/docs/consumers"),
            PresetLimit("messageGroups", .forbidden, reason: "RabbitMQ queues have no message groups (single active consumer is not modelled)"),
            PresetLimit("ordering", .notValue(.word("bestEffort")), reason: "a RabbitMQ queue is FIFO (a requeued message returns to its original position); https://www.rabbitmq.com/docs/confirms"),
        ] + rabbitPushLimits,
        published: [
            PublishedFigure("end-to-end latency p50", 1, "ms", conditions: "durable classic queue, AMQP 1.0, 200 link credits, low load", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("end-to-end latency p99", 2, "ms", conditions: "same run (p99.9 2 ms, max 9 ms)", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("throughput", 99_413, "messages/s", conditions: "end-to-end rate, durable classic queue, 12-byte bodies", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("peak throughput", 38, "MB/s", conditions: "mirrored classic queues, Confluent's OpenMessaging testbed (latencies degrade above 30 MB/s)", source: PresetSources.confluentBenchmark),
        ],
        modelled: [
            "push delivery with the consumer's prefetch; nack with requeue returns the message to its place at the head",
            "message TTL expires at the head only (ttlExpiry head), as RabbitMQ 3.x classic queues do",
            "priorities (maxPriority 0 … 255), exchanges (direct, fanout, topic, headers), dead-letter exchanges",
            "publish, deliver and ack latencies and an ingress of 99,413 msg/s calibrated on the AMQP 1.0 benchmark",
            "an ingress of 38 MB/s (bytes of producers' message.sizeBytes): assumed from Confluent's peak for mirrored classic queues, so it binds for messages over about 380 bytes",
            "the 30-minute consumer timeout: a delivery not acked in time closes its consumer's channel and requeues everything the channel holds (the attempt in progress is abandoned)",
        ],
        notModelled: [
            "no x-death history in traces, no single active consumer, no lazy/paged-out storage or memory alarms",
            "capacity does not depend on persistence; the bytes bound is a replicated (mirrored) cluster's figure, where a single unmirrored queue does better",
        ],
        capacities: rabbitClassicCapacities)

    static let rabbitmqQuorum = Preset(
        technology: .rabbitmqQuorum,
        summary: "RabbitMQ quorum queues: replicated (Raft), fsync before confirm, delivery limit 20 then dead-letter, ≈10k msg/s with default flow control",
        brokerTypes: ["queue", "exchange"],
        unsupportedTypes: ["topic": rabbitTopicReason,
                           "stream": "a RabbitMQ stream is a separate technology: use \"rabbitmq-stream\""],
        facts: [
            PresetFact("quorum_delivery_limit_default", "delivery limit (then dead-letter, reason delivery_limit)", .number(20), unit: "deliveries",
                       source: PresetSources.rabbitQuorum, scenarioKey: "brokers[].deadLetter.maxReceiveCount"),
            rabbitConsumerTimeout,
            PresetFact("quorum_queue_prefetch_cap", "prefetch cap of 'unlimited' prefetch", .number(2000), unit: "messages",
                       source: PresetSources.rabbitConfirms, scenarioKey: "consumers[].prefetch"),
            rabbitPrefetchUnlimited, rabbitRequeue, rabbitRoutingKey,
        ],
        brokerDefaults: ["queue": [
            // Publisher confirms after fsync, in send order; calibrated so that near the
            // default-flow capacity end to end lands near the published p50 18 ms, p99 30 ms.
            ("profile.publishLatency", .distribution(.lognormal(meanSeconds: 0.009, stddevSeconds: 0.002))),
            ("profile.messagesPerSecond", .rate(9_983)),
            // 30,000 msg/s of 1 kB messages (one queue, 3-node cluster): 30 MB/s.
            ("profile.bytesPerSecond", .rate(30_000_000)),
            ("profile.deliverLatency", .distribution(.lognormal(meanSeconds: 0.003, stddevSeconds: 0.001))),
            ("profile.ackLatency", .distribution(.lognormal(meanSeconds: 0.003, stddevSeconds: 0.001))),
        ("profile.publishInOrder", .bool(true)),
            ("consumerTimeout", .seconds(1_800)),
        ]],
        // A delivery limit of 20 dead-letters a message returned after its 21st delivery (a
        // limit of 3 was observed to deliver 4 times on RabbitMQ 3.10.8), so 21 receives.
        deadLetterMaxReceiveCount: 21,
        limits: [
            PresetLimit("visibilityTimeout", .forbidden, reason: "RabbitMQ has no visibility timeout: an unacked message returns when its consumer's channel closes, or after the consumer timeout (\"consumerTimeout\", 30 min by default); https://www.rabbitmq.com/docs/consumers"),
            PresetLimit("maxPriority", .forbidden, reason: "quorum queues ignore x-max-priority (4.3+: 32 fixed levels; 4.0–4.2: normal and high); https://www.rabbitmq.com/docs/priority"),
            PresetLimit("messageGroups", .forbidden, reason: "RabbitMQ queues have no message groups (single active consumer is not modelled)"),
            PresetLimit("durable", .notValue(.bool(false)), reason: "quorum queues are always durable; https://www.rabbitmq.com/docs/quorum-queues"),
            PresetLimit("ordering", .notValue(.word("bestEffort")), reason: "a RabbitMQ queue is FIFO; https://www.rabbitmq.com/docs/confirms"),
        ] + rabbitPushLimits,
        published: [
            PublishedFigure("throughput", 9_983, "messages/s", conditions: "default flow control, about 5.9 ms per fsync on that disk", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("end-to-end latency p50", 18, "ms", conditions: "same run, default flow control", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("end-to-end latency p99", 30, "ms", conditions: "same run, default flow control", source: PresetSources.rabbitAMQPBenchmarks),
            PublishedFigure("sustained throughput", 30_000, "messages/s", conditions: "1 kB messages, 1 publisher, 1 queue, 1 consumer, 3-node cluster", source: PresetSources.rabbitQuorumMigration),
        ],
        modelled: [
            "publisher confirms after fsync (publish latency), an ingress of 9,983 msg/s (default flow control), deliver and ack latencies",
            "an ingress of 30 MB/s, derived from the sustained 30,000 msg/s of 1 kB messages on a 3-node cluster (binds only when messagesPerSecond is raised, or for messages over about 3 kB)",
            "a deadLetter policy without maxReceiveCount gets the delivery limit 20 (RabbitMQ 4.0+): 21 deliveries, then dead-lettered with reason deliveryLimit (delivery_limit)",
            "the 30-minute consumer timeout, as on classic queues (each redelivery it causes counts toward the delivery limit, as in 4.0–4.2)",
        ],
        notModelled: [
            "RabbitMQ 3.x quorum queues have no default delivery limit; 4.3 counts only some returns",
            "without a dead-letter target the real queue drops a message past its delivery limit; here it is redelivered without limit",
            "replication, leader elections and memory limits; the two capacity figures come from different setups (one node with a slow disk for msg/s, a 3-node cluster for bytes/s)",
        ],
        capacities: [
            ModelledCapacity("brokers[].profile.messagesPerSecond", 9_983, "messages/s", assumed: false,
                             derivation: "the benchmark's end-to-end rate with default flow control (about 5.9 ms per fsync on that disk, one node)", source: PresetSources.rabbitAMQPBenchmarks),
            ModelledCapacity("brokers[].profile.bytesPerSecond", 30_000_000, "bytes/s", assumed: false,
                             derivation: "30,000 msg/s sustained × 1 kB messages (1 publisher, 1 queue, 1 consumer, 3-node cluster)", source: PresetSources.rabbitQuorumMigration),
        ])

    static let rabbitmqStream = Preset(
        technology: .rabbitmqStream,
        summary: "RabbitMQ streams: an append-only replicated log read by offset; consumers replay, nothing is removed by consumption",
        brokerTypes: ["stream"],
        unsupportedTypes: ["queue": "use \"rabbitmq-classic\" or \"rabbitmq-quorum\" for queues",
                           "topic": rabbitTopicReason,
                           "exchange": "this preset models the stream itself; use \"rabbitmq-classic\" for exchanges"],
        facts: [],
        brokerDefaults: ["stream": [("partitions", .integer(1)), ("profile.messagesPerSecond", .rate(112_196))]],
        deadLetterMaxReceiveCount: nil,
        limits: [],
        published: [
            PublishedFigure("throughput", 112_196, "messages/s", conditions: "end-to-end, stream queue, 5000 credits (sender 136,705 msg/s)", source: PresetSources.rabbitAMQPBenchmarks),
        ],
        modelled: [
            "one log (partitions 1; a super stream is several), read by groups at their own offsets, retention",
            "an append capacity of 112,196 msg/s per stream (each partition of a super stream): assumed from the AMQP 1.0 benchmark's end-to-end rate of one stream (12-byte bodies; the sender alone reached 136,705 msg/s)",
        ],
        notModelled: [
            "no publish or delivery latency for streams; no single active consumer; no server-side offset tracking details",
            "no bytes/s capacity (the benchmark's bodies were 12 bytes); no limit shared by the streams of one node",
        ],
        capacities: [
            ModelledCapacity("brokers[].profile.messagesPerSecond", 112_196, "messages/s", assumed: true,
                             derivation: "the benchmark's end-to-end rate of one stream (5,000 credits, 12-byte bodies; the sender reached 136,705 msg/s) used as the stream's append capacity, per partition", source: PresetSources.rabbitAMQPBenchmarks),
        ])
}

extension Preset {
    /// RabbitMQ pushes messages to its consumers (basic.consume, paced by the prefetch): there is
    /// no long poll, and the pull API (basic.get, a consumer's `pollInterval`) fetches one message
    /// per call and returns at once.
    /// - Note: Source: RabbitMQ documentation, "Consumers" (consumers are pushed to; "Fetching
    ///   Individual Messages ("Pull API")": basic.get fetches one message, is inefficient and
    ///   discouraged), https://www.rabbitmq.com/docs/consumers
    static let rabbitPushLimits = [
        PresetLimit("receiveWait", onConsumer: true, .forbidden, reason: "RabbitMQ pushes messages to its consumers (basic.consume with a prefetch) and has no long poll; a consumer that polls (\"pollInterval\", basic.get) gets an answer at once; https://www.rabbitmq.com/docs/consumers"),
        PresetLimit("batch", onConsumer: true, .forbidden, reason: "RabbitMQ has no batched receive: consumers are pushed up to \"prefetch\" messages, and basic.get (\"pollInterval\") fetches one message per call; https://www.rabbitmq.com/docs/consumers"),
    ]
}
