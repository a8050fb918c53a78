import Foundation
import Testing
@testable import Technologies

/// Hand-computed bills. Prices: SQS Standard $0.40 and FIFO $0.50 per million requests (1 million
/// free a month), SNS publishes $0.50 per million, HTTP deliveries $0.60 per million, Storage
/// Queue $0.004 per 10,000 operations, Service Bus Standard $0.0135 an hour and $0.80 per
/// million operations past 13 million a month (https://aws.amazon.com/sqs/pricing/,
/// https://aws.amazon.com/sns/pricing/, https://azure.microsoft.com/pricing/details/service-bus/).
@Suite struct CostModelTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    static func item(_ cost: Cost, _ name: String) -> Cost.Item? { cost.items.first { $0.item == name } }

    /// One consumer for an hour, 360 messages of 1 KiB, idle 3,240 s of the hour.
    static func hour(_ polling: PollingMode) -> RunFigures {
        RunFigures(simulatedSeconds: 3600, published: 360, delivered: 360, acked: 360,
                   consumerInstances: 1, idleInstanceSeconds: 3240, polling: polling)
    }

    @Test func shortPollingBillsAnEmptyReceivePerIdlePollInterval() throws {
        let usage = try CostModel.estimateUsage(Self.hour(.shortPolling(intervalSeconds: 1)), technology: .sqsStandard)
        #expect(usage.emptyReceives == 3240)
        let cost = try CostModel.cost(of: usage, technology: .sqsStandard)
        #expect(cost.items.map(\.item) == ["sends", "receives", "empty receives", "deletes", "visibility changes"])
        #expect(cost.items.map(\.count) == [360, 360, 3240, 360, 0])
        // 4,320 requests × $0.0000004 = $0.001728; × 720 hours in 30 days = $1.24416.
        #expect(Self.close(cost.simulated, 0.001728))
        #expect(Self.close(cost.perMonth, 1.24416))
        // 3,110,400 requests a month less 1,000,000 free = 2,110,400 × $0.0000004.
        #expect(Self.close(cost.perMonthAfterFreeTier, 0.84416))
        #expect(cost.currency == "USD")
    }

    @Test func longPollingBillsOneEmptyReceivePerWait() throws {
        let usage = try CostModel.estimateUsage(Self.hour(.longPolling(waitSeconds: 20)), technology: .sqsStandard)
        #expect(usage.emptyReceives == 162)
        let cost = try CostModel.cost(of: usage, technology: .sqsStandard)
        // 1,242 requests: $0.0004968 for the hour, $0.357696 a month, under the free tier.
        #expect(Self.close(cost.simulated, 0.0004968))
        #expect(Self.close(cost.perMonth, 0.357696))
        #expect(cost.perMonthAfterFreeTier == 0)
        let short = try CostModel.cost(of: CostModel.estimateUsage(Self.hour(.shortPolling(intervalSeconds: 1)), technology: .sqsStandard),
                                       technology: .sqsStandard)
        #expect(Self.item(short, "empty receives")!.count - Self.item(cost, "empty receives")!.count == 3078)
        #expect(Self.close(short.perMonth - cost.perMonth, 0.886464))
    }

    @Test func anAlwaysIdleLongPollerMakes129600RequestsAMonth() throws {
        // 30 days × 86,400 s / 20 s, the figure AWS's pricing examples give for one idle poller.
        let figures = RunFigures(simulatedSeconds: 86_400, published: 0, delivered: 0, acked: 0,
                                 consumerInstances: 1, idleInstanceSeconds: 86_400, polling: .longPolling(waitSeconds: 20))
        let cost = try CostModel.cost(of: CostModel.estimateUsage(figures, technology: .sqsStandard), technology: .sqsStandard)
        #expect(Self.item(cost, "empty receives")!.count * 30 == 129_600)
        #expect(Self.close(cost.perMonth, 129_600 * 0.4e-6))
    }

    @Test func longPollingWaitIsCappedAt20Seconds() throws {
        let usage = try CostModel.estimateUsage(Self.hour(.longPolling(waitSeconds: 60)), technology: .sqsStandard)
        #expect(usage.emptyReceives == 162)
    }

    @Test func pushConsumersMakeNoEmptyReceives() throws {
        let usage = try CostModel.estimateUsage(Self.hour(.push), technology: .rabbitmqClassic)
        #expect(usage.emptyReceives == 0)
    }

    @Test func each64KiBChunkIsARequest() throws {
        // A 256 KiB message is 4 requests to send and 4 to receive; its delete is 1.
        let usage = BillableUsage(simulatedSeconds: 60, messageSizeBytes: 256 * 1024, sends: 100, receives: 100, deletes: 100)
        let cost = try CostModel.cost(of: usage, technology: .sqsStandard)
        #expect(cost.items.map(\.count) == [400, 400, 0, 100, 0])
        #expect(Self.close(cost.simulated, 900 * 0.4e-6))
        // 64 KiB exactly is one request; one byte more is two.
        #expect(CostModel.requests(messages: 1, batchSize: 1, bytesPerMessage: 65_536, chunkBytes: 65_536) == 1)
        #expect(CostModel.requests(messages: 1, batchSize: 1, bytesPerMessage: 65_537, chunkBytes: 65_536) == 2)
        // An empty payload still makes one request.
        #expect(CostModel.requests(messages: 1, batchSize: 1, bytesPerMessage: 0, chunkBytes: 65_536) == 1)
    }

    @Test func aBatchOfUpToTenIsOneRequestChunkedOnItsTotalPayload() throws {
        let usage = BillableUsage(simulatedSeconds: 60, messageSizeBytes: 1024, sends: 1000, sendBatchSize: 10,
                                  receives: 1000, receiveBatchSize: 10, deletes: 1000, deleteBatchSize: 10)
        let cost = try CostModel.cost(of: usage, technology: .sqsStandard)
        #expect(cost.items.map(\.count) == [100, 100, 0, 100, 0])
        // Ten 10 KiB messages are 100 KiB: 2 requests. 25 of them in batches of 10: 2 + 2 + 1.
        #expect(CostModel.requests(messages: 10, batchSize: 10, bytesPerMessage: 10 * 1024, chunkBytes: 65_536) == 2)
        #expect(CostModel.requests(messages: 25, batchSize: 10, bytesPerMessage: 10 * 1024, chunkBytes: 65_536) == 5)
        #expect(CostModel.requests(messages: 25, batchSize: 10, bytesPerMessage: 10 * 1024, chunkBytes: nil) == 3)
    }

    @Test func perMonthScalesTheSimulatedTimeTo30Days() throws {
        let usage = BillableUsage(simulatedSeconds: 60, sends: 200, receives: 200, deletes: 200)
        let cost = try CostModel.cost(of: usage, technology: .sqsStandard)
        // 600 requests = $0.00024 in a minute; 43,200 minutes in 30 days.
        #expect(Self.close(cost.simulated, 0.00024))
        #expect(Self.close(cost.perMonth, 10.368))
        #expect(cost.simulatedSeconds == 60)
        // 25,920,000 requests a month: 24,920,000 after the free million.
        #expect(Self.close(cost.perMonthAfterFreeTier, 9.968))
    }

    @Test func fifoRequestsCostFiftyCentsPerMillion() throws {
        let usage = BillableUsage(simulatedSeconds: 60, sends: 400, receives: 300, deletes: 300)
        let cost = try CostModel.cost(of: usage, technology: .sqsFIFO)
        #expect(Self.close(cost.simulated, 1000 * 0.5e-6))
    }

    @Test func snsBillsPublishesAndDeliveriesByEndpointAndTheSubscriberQueues() throws {
        // 1,000 messages to 3 SQS subscriptions and 1 HTTP endpoint; the queues' consumers
        // receive and delete each of their 3,000 copies.
        let figures = RunFigures(simulatedSeconds: 3600, published: 1000, delivered: 3000, acked: 3000,
                                 consumerInstances: 3, idleInstanceSeconds: 0, polling: .longPolling(waitSeconds: 20),
                                 subscriptions: [.init(.sqs, 3), .init(.http, 1)])
        let usage = try CostModel.estimateUsage(figures, technology: .sns)
        #expect(usage.publishes == 1000 && usage.sends == 0)
        let cost = try CostModel.cost(of: usage, technology: .sns)
        #expect(cost.items.map(\.item) == ["publishes", "deliveries to sqs", "deliveries to http", "sqs sends", "sqs receives",
                                           "sqs empty receives", "sqs deletes", "sqs visibility changes"])
        #expect(cost.items.map(\.count) == [1000, 3000, 1000, 0, 3000, 0, 3000, 0])
        #expect(Self.item(cost, "deliveries to sqs")!.amount == 0)
        // $0.0005 publishes + $0.0006 HTTP + 6,000 × $0.0000004 = $0.0035.
        #expect(Self.close(cost.simulated, 0.0035))
        // A month: 720,000 publishes and 720,000 HTTP deliveries, 4,320,000 SQS requests:
        // publishes free, (720,000 − 100,000) × $0.0000006 = $0.372, 3,320,000 × $0.0000004 = $1.328.
        #expect(Self.close(cost.perMonthAfterFreeTier, 1.7))
    }

    @Test func storageQueueBillsEveryCallAndGetsUpTo32() throws {
        let usage = BillableUsage(simulatedSeconds: 60, sends: 100, receives: 100, receiveBatchSize: 32, emptyReceives: 50,
                                  deletes: 100, visibilityChanges: 4)
        let cost = try CostModel.cost(of: usage, technology: .azureStorageQueue)
        #expect(cost.items.map(\.count) == [100, 4, 50, 100, 4])
        #expect(Self.close(cost.simulated, 258 * 0.004 / 10_000))
        #expect(cost.perMonthAfterFreeTier == cost.perMonth)
    }

    @Test func serviceBusStandardHasABaseChargeAnd13MillionIncludedOperations() throws {
        let usage = BillableUsage(simulatedSeconds: 3600, sends: 1000, receives: 1000, deletes: 1000)
        let cost = try CostModel.cost(of: usage, technology: .azureServiceBus)
        #expect(Self.item(cost, "standard base charge")!.count == 1)
        #expect(Self.close(cost.simulated, 0.0135 + 3000 * 0.8e-6))
        #expect(Self.close(cost.perMonth, 11.448))
        // 2,160,000 operations a month are within the 13 million included.
        #expect(Self.close(cost.perMonthAfterFreeTier, 9.72))
    }

    @Test func serviceBusStandardVolumeTiers() throws {
        // 200 million operations in a month: 13M included, 87M × $0.80, 100M × $0.50 per million.
        let usage = BillableUsage(simulatedSeconds: Cost.secondsPerMonth, sends: 200_000_000)
        let cost = try CostModel.cost(of: usage, technology: .azureServiceBus)
        #expect(Self.close(cost.perMonthAfterFreeTier, 720 * 0.0135 + 69.6 + 50))
    }

    @Test func serviceBusBasicAndPremium() throws {
        let basic = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, sends: 1000, serviceBusTier: .basic),
                                       technology: .azureServiceBus)
        #expect(Self.close(basic.simulated, 1000 * 0.05e-6))
        let premium = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, sends: 1000, brokerInstances: 2, serviceBusTier: .premium),
                                         technology: .azureServiceBus)
        #expect(Self.close(premium.simulated, 2 * 0.9275))
    }

    @Test func selfHostedTechnologiesPriceInstanceHoursOrSayNotPriced() throws {
        let managed = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, sends: 1000, brokerInstances: 3), technology: .kafka)
        #expect(managed.items.map(\.item) == ["MSK kafka.m5.large broker-hours"])
        #expect(Self.close(managed.simulated, 0.63))
        #expect(Self.close(managed.perMonth, 453.6))
        let ec2 = try CostModel.cost(of: BillableUsage(simulatedSeconds: 1800, brokerInstances: 3, hosting: .selfHosted), technology: .rabbitmqQuorum)
        #expect(Self.close(ec2.simulated, 1.5 * 0.096))
        let rabbit = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, brokerInstances: 1), technology: .rabbitmqClassic)
        #expect(Self.close(rabbit.simulated, 0.288))
        let redis = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, brokerInstances: 1), technology: .redisStreams)
        #expect(Self.close(redis.simulated, 0.156))
        let unknown = try CostModel.cost(of: BillableUsage(simulatedSeconds: 3600, sends: 1000), technology: .redisStreams)
        #expect(unknown.items.isEmpty && unknown.simulated == 0)
        #expect(unknown.notes.contains { $0.hasPrefix("self-hosted: not priced") })
    }

    @Test func invalidUsageNamesTheField() {
        #expect(throws: CostModelError(field: "sendBatchSize", expected: "1 to 10 messages per call on sqs-standard", found: "11")) {
            try CostModel.cost(of: BillableUsage(simulatedSeconds: 1, sendBatchSize: 11), technology: .sqsStandard)
        }
        #expect(throws: CostModelError.self) {
            try CostModel.cost(of: BillableUsage(simulatedSeconds: 1, receiveBatchSize: 33), technology: .azureStorageQueue)
        }
        #expect((try? CostModel.cost(of: BillableUsage(simulatedSeconds: 1, receiveBatchSize: 32), technology: .azureStorageQueue)) != nil)
        #expect(throws: CostModelError.self) { try CostModel.cost(of: BillableUsage(simulatedSeconds: 0), technology: .sqsStandard) }
        #expect(throws: CostModelError.self) { try CostModel.cost(of: BillableUsage(simulatedSeconds: 1, sends: -1), technology: .sqsStandard) }
        #expect(throws: CostModelError.self) {
            try CostModel.estimateUsage(Self.hour(.shortPolling(intervalSeconds: 0)), technology: .sqsStandard)
        }
    }

    @Test func jsonShape() throws {
        let cost = try CostModel.cost(of: BillableUsage(simulatedSeconds: 60, sends: 10), technology: .sqsStandard)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(cost)) as? [String: Any])
        #expect(Set(object.keys) == ["currency", "items", "notes", "perMonth", "perMonthAfterFreeTier", "simulated",
                                     "simulatedSeconds", "technology"])
        #expect(object["technology"] as? String == "sqs-standard")
        let first = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["amount", "count", "item", "unit", "unitPrice"])
        #expect(first["item"] as? String == "sends" && first["count"] as? Double == 10)
    }
}
