/// Amazon SQS (standard and FIFO) and SNS presets.
extension Preset {
    /// SQS API calls (SendMessage, ReceiveMessage, DeleteMessage) as latency hops. The send is
    /// calibrated on the only published figure, about 16 ms for 1 KB (`sqsBenchmark2012`);
    /// AWS publishes no receive or delete latency, so they are taken as the same round trip.
    static let sqsLatency: [(key: String, value: PresetValue)] = [
        ("profile.publishLatency", .distribution(.lognormal(meanSeconds: 0.016, stddevSeconds: 0.006))),
        ("profile.deliverLatency", .distribution(.lognormal(meanSeconds: 0.016, stddevSeconds: 0.006))),
        ("profile.ackLatency", .distribution(.lognormal(meanSeconds: 0.016, stddevSeconds: 0.006))),
    ]

    static let sqsFacts: [PresetFact] = [
        PresetFact("visibility_timeout_default", "visibility timeout", .number(30), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].visibilityTimeout"),
        PresetFact("visibility_timeout_max", "visibility timeout, most", .number(43_200), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].visibilityTimeout"),
        PresetFact("message_retention_default", "message retention", .number(345_600), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].messageTTL"),
        PresetFact("message_retention_min", "message retention, least", .number(60), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].messageTTL"),
        PresetFact("message_retention_max", "message retention, most", .number(1_209_600), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].messageTTL"),
        PresetFact("max_message_size_current", "largest message", .number(1_048_576), unit: "bytes", source: PresetSources.sqsAPIModel, scenarioKey: "producers[].message.sizeBytes"),
        PresetFact("delay_seconds_max", "delay, most (queue DelaySeconds or message timer)", .number(900), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].delay"),
        PresetFact("receive_wait_time_max", "long-poll wait, most (default 0: short poll)", .number(20), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "consumers[].receiveWait"),
        PresetFact("receive_max_number_of_messages", "messages per ReceiveMessage, most (default 1)", .number(10), unit: "messages", source: PresetSources.sqsAPIModel, scenarioKey: "consumers[].batch.maxMessages"),
        PresetFact("batch_max_entries", "messages per batch call (SendMessageBatch), most", .number(10), unit: "messages", source: PresetSources.sqsQuotas, scenarioKey: "producers[].batch.maxMessages"),
        PresetFact("batch_max_total_payload", "payload of a SendMessageBatch, most", .number(1_048_576), unit: "bytes", source: PresetSources.sqsAPIModel),
        PresetFact("redrive_max_receive_count_default", "redrive maxReceiveCount", .number(10), unit: "receives", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].deadLetter.maxReceiveCount"),
        PresetFact("redrive_max_receive_count_range", "redrive maxReceiveCount range", .range(1, 1000), unit: "receives", source: "https://aws.github.io/modern-data-architecture-accelerator (QueueDlqProps)", scenarioKey: "brokers[].deadLetter.maxReceiveCount"),
    ]

    static let sqsLimits: [PresetLimit] = [
        PresetLimit("visibilityTimeout", .secondsRange(0, 43_200), reason: "an SQS visibility timeout is 0 s … 12 h (43,200 s); \(PresetSources.sqsAPIModel)"),
        PresetLimit("messageTTL", .secondsRange(60, 1_209_600), reason: "SQS message retention is 60 s … 14 days; \(PresetSources.sqsAPIModel)"),
        PresetLimit("delay", .secondsRange(0, 900), reason: "an SQS delay queue delays 0 … 900 s (15 min); \(PresetSources.sqsAPIModel)"),
        PresetLimit("maxPriority", .forbidden, reason: "SQS has no message priorities (use one queue per priority)"),
        PresetLimit("capacity", .forbidden, reason: "SQS queues have no length limit (only about 120,000 in-flight messages); \(PresetSources.sqsAPIModel)"),
        PresetLimit("deadLetterExchange", .forbidden, reason: "SQS has no exchanges: dead-letter to a queue with \"deadLetter\" (a redrive policy)"),
        PresetLimit("message.priority", onProducer: true, .forbidden, reason: "SQS has no message priorities"),
        PresetLimit("message.delay", onProducer: true, .secondsRange(0, 900), reason: "an SQS message timer is 0 … 900 s; \(PresetSources.sqsAPIModel)"),
        PresetLimit("message.sizeBytes", onProducer: true, .numberRange(1, 1_048_576), reason: "an SQS message is at most 1 MiB (256 KiB before 2025); \(PresetSources.sqsAPIModel)"),
        PresetLimit("batch.maxMessages", onProducer: true, .numberRange(1, 10), reason: "SendMessageBatch takes at most 10 messages; \(PresetSources.sqsQuotas)"),
        PresetLimit("batch.maxMessages", onConsumer: true, .numberRange(1, 10), reason: "ReceiveMessage returns at most 10 messages (MaxNumberOfMessages 1 … 10); \(PresetSources.sqsAPIModel)"),
        PresetLimit("receiveWait", onConsumer: true, .secondsRange(0, 20), reason: "an SQS long poll waits at most 20 s (WaitTimeSeconds 0 … 20); \(PresetSources.sqsAPIModel)"),
    ]

    /// How consumers of an SQS queue receive by default: they poll, and SQS's default is short
    /// polling (a queue's ReceiveMessageWaitTimeSeconds defaults to 0), so `receiveWait` 0.
    /// The poll loop is an assumption, the one SDK consumers and hand-written loops use
    /// (the SDKs poll only when called): call again at once after a receive that returned
    /// messages, and `pollInterval` (mqlab's default 1 s) after an empty one. Long polling
    /// (`"receiveWait": "20s"` on the consumer) is the recommended fix: no false empty
    /// receives, and one empty receive per 20 s of idleness.
    /// - Note: Source: Amazon SQS Developer Guide, "Amazon SQS short and long polling"
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html).
    static let sqsConsumerDefaults: [String: [(key: String, value: PresetValue)]] = ["queue": [("receiveWait", .seconds(0))]]

    /// The chance that a short poll sees each visible message (`shortPollSampling`). AWS
    /// documents the sampling (a weighted random set of servers; with fewer than 1,000
    /// messages a receive may return fewer than requested, or none) but no fraction: 0.5 is
    /// an assumption, so that a queue holding one message answers about every other short
    /// poll empty.
    /// - Note: Source: Amazon SQS API Reference, ReceiveMessage
    ///   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
    static let sqsShortPollSampling = 0.5

    static let sqsPollingModelled = [
        "consumers poll by default (receiveWait 0, SQS's default short polling): after a receive that returned messages an instance calls again at once, after an empty one it waits pollInterval (1 s) — an assumption: the SDKs leave the loop to the application; \(PresetSources.sqsPolling)",
        "short-poll sampling: a short poll sees each visible message with chance shortPollSampling 0.5 (assumption: AWS documents the sampling of servers, not a fraction) while fewer than 1,000 are visible; a poll that sees none is a false empty receive (brokers.<q>.receives.falseEmpty); \(PresetSources.sqsReceiveMessage)",
        "the recommended fix: \"receiveWait\": \"20s\" on the consumer (long polling, as mqlab compare maps SQS consumers): no false empty receives, one empty receive per 20 s of idleness",
    ]

    /// SendMessageBatch carries at most 1 MiB in all.
    /// A producer `batch` that gives only `maxBytes` is cut at SendMessageBatch's 10 entries too.
    static let sqsProducerBatch: [String: [(key: String, value: PresetValue)]] = ["queue": [("batch.maxMessages", .integer(10))]]
    static let sqsBatchBytes = (bytes: 1_048_576, reason: "a SendMessageBatch carries at most 1 MiB (1,048,576 bytes) in all; \(PresetSources.sqsAPIModel)")

    static let sqsStandard = Preset(
        technology: .sqsStandard,
        summary: "Amazon SQS standard queue: at-least-once, best-effort order, 30 s visibility timeout, redrive to a DLQ, nearly unlimited throughput",
        brokerTypes: ["queue"],
        unsupportedTypes: sqsUnsupported,
        facts: sqsFacts + [
            PresetFact("inflight_limit_standard", "in-flight messages, most", .number(120_000), unit: "messages", source: PresetSources.sqsAPIModel),
        ],
        brokerDefaults: ["queue": [
            ("ordering", .word("bestEffort")),
            ("visibilityTimeout", .seconds(30)),
            ("messageTTL", .seconds(345_600)),
            ("shortPollSampling", .fraction(sqsShortPollSampling)),
        ] + sqsLatency],
        deadLetterMaxReceiveCount: 10,
        limits: sqsLimits + [
            PresetLimit("messageGroups", .forbidden, reason: "message groups are a feature of SQS FIFO queues: use \"sqs-fifo\""),
            PresetLimit("deduplication", .forbidden, reason: "an SQS standard queue does not deduplicate (at-least-once delivery): use \"sqs-fifo\"; \(PresetSources.sqsAPIModel)"),
            PresetLimit("ordering", .notValue(.word("fifo")), reason: "an SQS standard queue gives best-effort ordering only: use \"sqs-fifo\" for FIFO"),
        ],
        published: [
            PublishedFigure("send latency", 16, "ms", conditions: "1 KB messages, AWS-provided re-measurement (2012), M1.XLarge in us-east-1", source: PresetSources.sqsBenchmark2012),
        ],
        modelled: [
            "best-effort order with occasional reordering and duplicates (a model, not a measurement)",
            "visibility timeout 30 s, retention 4 days, redrive maxReceiveCount 10 when a deadLetter queue is set",
            "SendMessage, ReceiveMessage and DeleteMessage as latency hops of about 16 ms each",
            "producer batches (SendMessageBatch, up to 10) and consumer receive calls (batch up to 10, receiveWait 0 … 20 s: long or short polling), with receive calls and empty receives counted (brokers.<q>.receives)",
        ] + sqsPollingModelled,
        notModelled: [
            "the in-flight limit (120,000) and throttling; standard queues are treated as unlimited",
            "the weights of SQS's server sampling: every visible message has the same chance",
        ], consumerDefaults: sqsConsumerDefaults, producerOptInDefaults: sqsProducerBatch, sendBatchMaxBytes: sqsBatchBytes)

    static let sqsUnsupported: [String: String] = [
        "topic": "SQS queues do not fan out: publish to an SNS topic (technology \"sns\") with SQS subscriptions",
        "stream": "SQS keeps no log to replay: a message is gone once deleted",
        "exchange": "SQS has no exchanges or bindings: use SNS with filter policies for routing",
    ]

    static let sqsFIFO = Preset(
        technology: .sqsFIFO,
        summary: "Amazon SQS FIFO queue: order per message group, 5-minute deduplication, 300 API calls/s per action without batching",
        brokerTypes: ["queue"],
        unsupportedTypes: sqsUnsupported,
        facts: sqsFacts + [
            PresetFact("fifo_dedup_interval", "deduplication interval", .number(300), unit: "s", source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].deduplication.window"),
            PresetFact("fifo_dedup_scope_values", "deduplication scope", .text("queue or messageGroup"), unit: nil, source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].deduplication.scope"),
            PresetFact("fifo_tps_per_api_action_non_ht", "API calls per action per queue (no high-throughput mode)", .number(300), unit: "requests/s", source: PresetSources.sqsFIFOThrottling, scenarioKey: "brokers[].profile.messagesPerSecond"),
            PresetFact("fifo_msgs_per_s_with_batching_non_ht", "messages per second with batches of 10", .number(3000), unit: "messages/s", source: PresetSources.sqsFIFOThrottling, scenarioKey: "brokers[].profile.ingressUnit"),
            PresetFact("fifo_message_group_ordering", "message groups",
                       .text("within one MessageGroupId messages are delivered one at a time in order; different groups may interleave"),
                       unit: nil, source: PresetSources.sqsAPIModel, scenarioKey: "brokers[].messageGroups"),
            PresetFact("inflight_limit_fifo", "in-flight messages, most", .number(120_000), unit: "messages", source: PresetSources.sqsAPIModel),
        ],
        brokerDefaults: ["queue": [
            ("ordering", .word("fifo")),
            ("messageGroups", .bool(true)),
            ("deduplication.window", .seconds(300)),
            ("visibilityTimeout", .seconds(30)),
            ("messageTTL", .seconds(345_600)),
            ("profile.messagesPerSecond", .rate(300)),
            // 300 API calls per second per action: a SendMessageBatch of 10 is one call.
            ("profile.ingressUnit", .word("calls")),
            // SQS FIFO orders a group by the time the service receives each message; a
            // producer sending one group's messages in sequence keeps their order.
            ("profile.publishInOrder", .bool(true)),
            ("shortPollSampling", .fraction(sqsShortPollSampling)),
        ] + sqsLatency],
        deadLetterMaxReceiveCount: 10,
        limits: sqsLimits.filter { $0.key != "message.delay" } + [
            PresetLimit("ordering", .notValue(.word("bestEffort")), reason: "an SQS FIFO queue delivers in order within each message group"),
            PresetLimit("deduplication.window", .secondsRange(300, 300), reason: "the SQS FIFO deduplication interval is fixed at 5 minutes; \(PresetSources.sqsAPIModel)"),
            PresetLimit("message.delay", onProducer: true, .forbidden, reason: "SQS FIFO queues allow a delay only on the queue (DelaySeconds), not per message; \(PresetSources.sqsAPIModel)"),
        ],
        published: [
            PublishedFigure("API calls per action", 300, "requests/s", conditions: "per queue, no high-throughput mode, no batching (3,000 msg/s with batches of 10)", source: PresetSources.sqsFIFOThrottling),
            PublishedFigure("send latency", 16, "ms", conditions: "1 KB messages, AWS-provided re-measurement (2012) of standard queues", source: PresetSources.sqsBenchmark2012),
        ],
        modelled: [
            "message groups (the message key is the MessageGroupId; no key = one group): one message of a group in flight at a time",
            "an ingress of 300 send calls/s (profile.ingressUnit \"calls\"): 300 msg/s unbatched, 3,000 msg/s with producer batches of 10; past it publishes wait (the SDK retrying a throttled send) and the calls count as throttled",
            "producer batches (SendMessageBatch, up to 10) and consumer receive calls (batch up to 10, receiveWait 0 … 20 s), with receive calls and empty receives counted (brokers.<q>.receives)",
            "visibility timeout 30 s, retention 4 days, redrive maxReceiveCount 10 when a deadLetter queue is set",
            "the 5-minute deduplication interval: a copy re-sent within it (producers' publishTimeouts) is accepted but not delivered",
        ] + sqsPollingModelled,
        notModelled: [
            "message bodies (deduplication keys on the message id, as an explicit MessageDeduplicationId) and high-throughput mode",
            "receive and delete calls do not take capacity; a throttled send is delayed, never refused",
            "sends are stored in the order they were sent, on every queue of the preset (per queue, not per producer)",
        ], consumerDefaults: sqsConsumerDefaults, producerOptInDefaults: sqsProducerBatch, sendBatchMaxBytes: sqsBatchBytes,
        capacities: [
            ModelledCapacity("brokers[].profile.messagesPerSecond", 300, "calls/s", assumed: false,
                             derivation: "300 API calls per second per action per queue without high-throughput mode, as published; counted in calls (profile.ingressUnit \"calls\"): a SendMessageBatch of up to 10 is one call, so 300 msg/s sent one by one and 3,000 msg/s in batches of 10; past it the service answers ThrottlingException, counted as throttled",
                             source: PresetSources.sqsFIFOThrottling),
        ])

    static let sns = Preset(
        technology: .sns,
        summary: "Amazon SNS topic: every subscription whose filter policy accepts a message gets its own copy",
        brokerTypes: ["topic"],
        unsupportedTypes: [
            "queue": "SNS stores nothing: subscribe SQS queues (technology \"sqs-standard\") to the topic",
            "stream": "SNS keeps no log to replay",
            "exchange": "SNS routes with subscription filter policies: use a broker of type \"topic\"",
        ],
        facts: [
            PresetFact("filter_max_keys", "keys per filter policy, most", .number(5), unit: "keys", source: PresetSources.snsFilterConstraints),
            PresetFact("filter_max_value_combinations", "value combinations per filter policy, most", .number(150), unit: "combinations", source: PresetSources.snsFilterConstraints),
            PresetFact("filter_policies_per_topic", "filter policies per topic, most", .number(200), unit: "policies", source: PresetSources.snsFilterConstraints),
            PresetFact("filter_string_case_sensitive", "string matching is case-sensitive", .flag(true), unit: nil, source: PresetSources.snsFilterConstraints),
            PresetFact("filter_policy_propagation_delay_max", "filter policy change takes effect within", .number(900), unit: "s", source: PresetSources.snsFilterPolicies),
        ],
        brokerDefaults: [:],
        deadLetterMaxReceiveCount: nil,
        limits: [],
        published: [],
        modelled: ["fan-out to every subscription, filter policies (AND across keys, OR across values)"],
        notModelled: ["no latency or capacity figure is published: the topic is instant and unlimited; HTTP/Lambda subscriptions and delivery retries are not modelled"])
}
