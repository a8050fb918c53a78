/// Azure Storage Queue and Azure Service Bus presets.
extension Preset {
    /// How consumers of an Azure Storage Queue receive by default: as the Azure Functions
    /// queue trigger does, with gets of up to 16 messages (`batchSize`) and polls that back
    /// off while the queue stays empty, from about 200 ms after the first empty poll, doubling
    /// up to `maxPollingInterval` (1 minute). Simplified: the back-off's random spread is left
    /// out (waits are exactly 0.2, 0.4, 0.8 … 51.2, 60, 60 … s), and an instance with credit
    /// calls again at once after a get that returned messages (the trigger waits 100 ms).
    /// - Note: Source: Azure Functions, "Azure Queue storage trigger", section "Polling
    ///   algorithm" (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#polling-algorithm).
    static let azureQueueConsumerDefaults: [String: [(key: String, value: PresetValue)]] = ["queue": [
        ("pollInterval", .seconds(0.2)),
        ("maxPollBackoff", .seconds(60)),
        ("batch.maxMessages", .integer(16)),
    ]]

    static let azureStorageQueue = Preset(
        technology: .azureStorageQueue,
        summary: "Azure Storage Queue: no FIFO guarantee, 30 s invisibility on get, poison queue after 5 dequeues (Functions trigger), 64 KiB messages, ≈2,000 msg/s per queue",
        brokerTypes: ["queue"],
        unsupportedTypes: [
            "topic": "Azure Storage Queue has no publish/subscribe: use \"azure-service-bus\" topics",
            "stream": "Azure Storage Queue keeps no log to replay",
            "exchange": "Azure Storage Queue has no exchanges or routing",
        ],
        facts: [
            PresetFact("get_visibility_timeout_default", "invisibility after Get Messages", .number(30), unit: "s", source: PresetSources.azureGetMessages, scenarioKey: "brokers[].visibilityTimeout"),
            PresetFact("put_visibility_timeout_default", "invisibility on Put Message", .number(0), unit: "s", source: PresetSources.azurePutMessage, scenarioKey: "brokers[].delay"),
            PresetFact("message_ttl_default", "message time to live", .number(604_800), unit: "s", source: PresetSources.azurePutMessage, scenarioKey: "brokers[].messageTTL"),
            PresetFact("max_message_size", "largest message", .number(65_536), unit: "bytes", source: PresetSources.azurePutMessage, scenarioKey: "producers[].message.sizeBytes"),
            PresetFact("get_max_messages", "messages per Get Messages, most (default 1)", .number(32), unit: "messages", source: PresetSources.azureGetMessages, scenarioKey: "consumers[].batch.maxMessages"),
            PresetFact("fifo_guarantee", "FIFO guarantee", .flag(false), unit: nil, source: PresetSources.azureQueueAPI, scenarioKey: "brokers[].ordering"),
            PresetFact("max_dequeue_count_default", "dequeues before the poison queue (Functions queue trigger)", .number(5), unit: "dequeues", source: PresetSources.azureFunctionsQueueTrigger, scenarioKey: "brokers[].deadLetter.maxReceiveCount"),
            PresetFact("batch_size_default", "messages per get of the Functions queue trigger", .number(16), unit: "messages", source: PresetSources.azureFunctionsQueueTrigger, scenarioKey: "consumers[].batch.maxMessages"),
            PresetFact("first_empty_poll_wait", "wait after an empty poll of the Functions queue trigger (about)", .number(0.2), unit: "s", source: PresetSources.azureFunctionsPolling, scenarioKey: "consumers[].pollInterval"),
            PresetFact("max_polling_interval_default", "longest wait between polls of an idle queue (Functions maxPollingInterval)", .number(60), unit: "s", source: PresetSources.azureFunctionsPolling, scenarioKey: "consumers[].maxPollBackoff"),
        ],
        brokerDefaults: ["queue": [
            ("ordering", .word("bestEffort")),
            ("visibilityTimeout", .seconds(30)),
            ("messageTTL", .seconds(604_800)),
            ("profile.messagesPerSecond", .rate(2_000)),
        ]],
        deadLetterMaxReceiveCount: 5,
        limits: [
            PresetLimit("visibilityTimeout", .secondsRange(1, 604_800), reason: "an Azure Storage Queue visibility timeout is 1 s … 7 days; \(PresetSources.azureGetMessages)"),
            PresetLimit("delay", .secondsRange(0, 604_800), reason: "an initial invisibility is at most 7 days; \(PresetSources.azurePutMessage)"),
            PresetLimit("ordering", .notValue(.word("fifo")), reason: "Azure Storage Queue gives no FIFO guarantee; \(PresetSources.azureQueueAPI)"),
            PresetLimit("messageGroups", .forbidden, reason: "Azure Storage Queue has no message groups or sessions: use \"azure-service-bus\" sessions"),
            PresetLimit("maxPriority", .forbidden, reason: "Azure Storage Queue has no priorities"),
            PresetLimit("capacity", .forbidden, reason: "an Azure Storage Queue has no length limit (up to 500 TiB); \(PresetSources.azureQueueScalability)"),
            PresetLimit("deadLetterExchange", .forbidden, reason: "Azure Storage Queue has no exchanges: a poison queue is a \"deadLetter\" queue"),
            PresetLimit("message.priority", onProducer: true, .forbidden, reason: "Azure Storage Queue has no priorities"),
            PresetLimit("message.sizeBytes", onProducer: true, .numberRange(1, 65_536), reason: "an Azure Storage Queue message is at most 64 KiB; \(PresetSources.azurePutMessage)"),
            PresetLimit("batch", onProducer: true, .forbidden, reason: "Azure Storage Queue has no batched send: Put Message stores one message per call; \(PresetSources.serviceBusComparison)"),
            PresetLimit("batch.maxMessages", onConsumer: true, .numberRange(1, 32), reason: "Get Messages returns at most 32 messages (numofmessages 1 … 32); \(PresetSources.azureGetMessages)"),
            PresetLimit("receiveWait", onConsumer: true, .secondsRange(0, 0), reason: "Azure Storage Queue has no long polling: Get Messages returns at once (poll with \"pollInterval\"); \(PresetSources.serviceBusComparison)"),
        ],
        published: [
            PublishedFigure("single queue target throughput", 2_000, "messages/s", conditions: "1 KiB messages", source: PresetSources.azureQueueScalability),
            PublishedFigure("account request rate", 20_000, "messages/s", conditions: "1 KiB messages, whole storage account", source: PresetSources.azureQueueScalability),
        ],
        modelled: [
            "best-effort order, 30 s invisibility after a get, 7-day TTL, poison queue after 5 dequeues when a deadLetter queue is set",
            "an ingress of 2,000 msg/s per queue; past it publishes wait (the SDK retrying a 503 Server Busy) and count as throttled",
            "consumers poll as the Functions queue trigger does (there is no long polling): gets of up to 16 messages (batch.maxMessages, within the consumer's prefetch), and while the queue stays empty a wait that doubles from 200 ms (pollInterval) up to 1 minute (maxPollBackoff); empty gets are counted (brokers.<q>.receives); \(PresetSources.azureFunctionsPolling)",
        ],
        notModelled: [
            "no published latency: publishes and deliveries take no time",
            "the back-off's random spread (waits are exact doublings) and the trigger's 100 ms pause after a get that returned messages; the trigger's newBatchThreshold (model its parallelism with prefetch and instances)",
            "the account limit of 20,000 msg/s across queues",
        ],
        consumerDefaults: azureQueueConsumerDefaults,
        capacities: [
            ModelledCapacity("brokers[].profile.messagesPerSecond", 2_000, "messages/s", assumed: false,
                             derivation: "the scalability target of a single queue (1 KiB messages); past it the service answers 503 Server Busy, counted as throttled", source: PresetSources.azureQueueScalability),
        ])

    static let azureServiceBus = Preset(
        technology: .azureServiceBus,
        summary: "Azure Service Bus: peek-lock (60 s lock), dead-letter sub-queue after 10 deliveries, sessions for FIFO, topics with subscriptions",
        brokerTypes: ["queue", "topic"],
        unsupportedTypes: [
            "stream": "Service Bus keeps no log to replay (Event Hubs does, and is not modelled)",
            "exchange": "Service Bus routes with topic subscriptions and filters: use a broker of type \"topic\"",
        ],
        facts: [
            PresetFact("lock_duration_default", "peek-lock duration", .number(60), unit: "s", source: PresetSources.serviceBusLockDuration, scenarioKey: "brokers[].visibilityTimeout"),
            PresetFact("lock_duration_max", "peek-lock duration, most", .number(300), unit: "s", source: PresetSources.serviceBusLockDurationMax, scenarioKey: "brokers[].visibilityTimeout"),
            PresetFact("max_delivery_count_default", "deliveries before the dead-letter sub-queue", .number(10), unit: "deliveries", source: PresetSources.serviceBusMaxDelivery, scenarioKey: "brokers[].deadLetter.maxReceiveCount"),
            PresetFact("duplicate_detection_window_default_arm", "duplicate detection window (ARM default)", .number(600), unit: "s", source: PresetSources.serviceBusDuplicateARM, scenarioKey: "brokers[].deduplication.window"),
            PresetFact("duplicate_detection_window_default_sdk", "duplicate detection window (data-plane SDK default; conflicts with ARM)", .number(60), unit: "s", source: PresetSources.serviceBusDuplicateSDK),
            PresetFact("duplicate_detection_window_range", "duplicate detection window range", .range(20, 604_800), unit: "s", source: PresetSources.serviceBusDuplicateSDK, scenarioKey: "brokers[].deduplication.window"),
            PresetFact("fifo_via_sessions", "FIFO", .text("ordered delivery is guaranteed only with message sessions, each locked to one receiver"), unit: nil, source: PresetSources.serviceBusComparison, scenarioKey: "brokers[].messageGroups"),
            PresetFact("max_message_size_standard", "largest message (Standard tier, the one modelled)", .number(262_144), unit: "bytes", source: PresetSources.serviceBusQuotas, scenarioKey: "producers[].message.sizeBytes"),
            PresetFact("max_message_size_premium", "largest message (Premium tier, AMQP)", .number(104_857_600), unit: "bytes", source: PresetSources.serviceBusQuotas),
            PresetFact("queue_size_standard", "queue or topic size (set at creation)", .range(1, 5), unit: "GB", source: PresetSources.serviceBusQuotas),
            PresetFact("queue_size_premium", "queue or topic size, most (Premium; Standard with partitioning)", .number(80), unit: "GB", source: PresetSources.serviceBusQuotas),
            PresetFact("standard_credits_per_second", "throttling credits per second per namespace (Standard tier): 1 per message sent, received or peeked, 1 per subscription filter evaluation, 10 per management call", .number(serviceBusCreditsPerSecond), unit: "credits/s", source: PresetSources.serviceBusThrottling),
            PresetFact("concurrent_receive_requests", "concurrent receive requests per queue, topic or subscription, most", .number(5_000), unit: "requests", source: PresetSources.serviceBusQuotas),
        ],
        brokerDefaults: ["queue": [
            ("ordering", .word("fifo")),
            ("visibilityTimeout", .seconds(60)),
        ]],
        deadLetterMaxReceiveCount: 10,
        limits: [
            PresetLimit("visibilityTimeout", .secondsRange(0, 300), reason: "a Service Bus lock duration is at most 5 minutes (renew the lock for longer work); \(PresetSources.serviceBusLockDurationMax)"),
            PresetLimit("maxPriority", .forbidden, reason: "Service Bus has no message priorities"),
            PresetLimit("deadLetterExchange", .forbidden, reason: "Service Bus dead-letters to a sub-queue: use \"deadLetter\""),
            PresetLimit("deduplication.window", .secondsRange(20, 604_800), reason: "a duplicate detection history window is 20 s … 7 days; \(PresetSources.serviceBusDuplicateSDK)"),
            PresetLimit("deduplication.scope", .notValue(.word("messageGroup")), reason: "Service Bus duplicate detection is per entity (queue or topic), not per session"),
            PresetLimit("message.priority", onProducer: true, .forbidden, reason: "Service Bus has no message priorities"),
            PresetLimit("message.sizeBytes", onProducer: true, .numberRange(1, 262_144), reason: "a Service Bus message is at most 256 KB on the Standard tier (100 MB on Premium over AMQP, not modelled); \(PresetSources.serviceBusQuotas)"),
        ],
        published: [],
        modelled: [
            "peek-lock as a 60 s visibility timeout; dead-lettering after 10 deliveries when a deadLetter queue is set",
            "sessions as message groups (messageGroups: true with message keys as session ids)",
            "the processors' automatic lock renewal (consumers' lockRenewal, MaxAutoLockRenewalDuration 5 min; https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusprocessoroptions.maxautolockrenewalduration): a message in progress keeps its lock that long; prefetched ones are not renewed",
            "duplicate detection when enabled (\"deduplication\": {} on a queue; off by default, as RequiresDuplicateDetection), with the ARM default window of 10 min (the data-plane SDK documents 1 min)",
            "receivers as push with prefetch, not polls: the processor (and the Functions trigger) keeps an AMQP receive link open and the service sends messages as they arrive, up to the prefetch count (the consumer's prefetch), so there are no empty receives (a consumer may still set batch or receiveWait to model explicit receive calls); \(PresetSources.serviceBusPrefetch)",
            "the Standard tier's limits: messages of at most 256 KB (\(PresetSources.serviceBusQuotas)), a lock duration of at most 5 minutes (\(PresetSources.serviceBusLockDurationMax)), a duplicate detection window of 20 s … 7 days (\(PresetSources.serviceBusDuplicateSDK))",
        ],
        notModelled: [
            "no published latency figure: the broker is instant; the Standard tier's namespace-wide throttle (1,000 credits/s) is not applied, only warned about (serviceBusThrottling); Premium throughput depends on messaging units and is not published as a figure",
            "the queue size limit (1 … 5 GB on Standard, 80 GB on Premium): queues are unbounded; the 5,000 concurrent receive requests per entity",
            "the automatic dead-letter sub-queue (name a deadLetter queue), scheduled messages",
        ],
        consumerDefaults: ["queue": [("lockRenewal.maxDuration", .seconds(300))]],
        optInDefaults: ["queue": [("deduplication.window", .seconds(600))]],
        sendBatchMaxBytes: (bytes: 262_144, reason: "a batch sent at once is at most the largest message, 256 KB on the Standard tier (\(PresetSources.serviceBusQuotas); ServiceBusMessageBatch.MaxSizeInBytes, https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusmessagebatch)"),
        capacityNote: "no per-queue rate: the Standard tier throttles a whole namespace at 1,000 credits/s (a credit per message sent, received or peeked and per subscription filter evaluation, so about 500 messages/s sent and received through one queue), which is shared by every entity of the namespace and so is not a per-queue ingress; the preset sets no ingress limit (profile.messagesPerSecond) and the report warns (serviceBusThrottling) when the run's Service Bus brokers use more than 1,000 credits/s on average; Premium scales with messaging units without a published rate; \(PresetSources.serviceBusThrottling)")

    /// Credits per second of a Standard-tier namespace (Service Bus throttling page).
    public static let serviceBusCreditsPerSecond = 1_000.0
}
