import Foundation
import Testing
@testable import Technologies

/// Each preset's documented defaults and limits against the facts file they were taken from
/// (copied to `Tests/Fixtures/facts/semantics.json`, with its sources), and its published
/// figures against `Tests/Fixtures/facts/presets.json`.
@Suite struct PresetFactsTests {
    static let folder = Fixtures.facts

    /// The systems of the facts file each technology's facts come from.
    static let systems: [Technology: [String]] = [
        .rabbitmqClassic: ["rabbitmq"], .rabbitmqQuorum: ["rabbitmq"], .rabbitmqStream: ["rabbitmq"],
        .kafka: ["kafka"], .sqsStandard: ["sqs"], .sqsFIFO: ["sqs"], .sns: ["sns"],
        .azureStorageQueue: ["azure_storage_queue", "azure_functions_queue_trigger"],
        .azureServiceBus: ["azure_service_bus"], .redisStreams: ["redis_streams"],
    ]
    /// The technologies of the published-figures file.
    static let families: [Technology: [String]] = [
        .rabbitmqClassic: ["rabbitmq"], .rabbitmqQuorum: ["rabbitmq"], .rabbitmqStream: ["rabbitmq"],
        .kafka: ["kafka"], .sqsStandard: ["sqs", "sqs_standard"], .sqsFIFO: ["sqs", "sqs_fifo"], .sns: [],
        .azureStorageQueue: ["azure_storage_queue"], .azureServiceBus: [], .redisStreams: ["redis_streams"],
    ]

    static func load(_ name: String, _ key: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root[key] as? [[String: Any]])
    }

    @Test(arguments: Technology.allCases)
    func factsEqualTheDocumentedValues(_ technology: Technology) throws {
        let facts = try Self.load("semantics.json", "facts")
        let systems = try #require(Self.systems[technology])
        let preset = Preset.for(technology)
        #expect(preset.technology == technology)
        for fact in preset.facts {
            let entry = try #require(facts.first { systems.contains($0["system"] as? String ?? "") && $0["name"] as? String == fact.name },
                                     "\(technology.rawValue): no documented fact \(fact.name)")
            #expect(entry["unit"] as? String == fact.unit, "\(technology.rawValue) \(fact.name): unit")
            switch fact.value {
            case .number(let n):
                #expect((entry["value"] as? NSNumber)?.doubleValue == n, "\(technology.rawValue) \(fact.name): value")
            case .range(let low, let high):
                let pair = try #require(entry["value"] as? [NSNumber], "\(fact.name) is not a range")
                #expect(pair.map(\.doubleValue) == [low, high], "\(technology.rawValue) \(fact.name): range")
            case .flag(let flag):
                #expect((entry["value"] as? NSNumber)?.boolValue == flag, "\(technology.rawValue) \(fact.name): flag")
            case .text:
                // Rules are paraphrased, not copied; the fact only has to exist.
                #expect(entry["value"] != nil)
            }
            #expect(fact.source.contains("http"), "\(fact.name): a public source URL")
        }
    }

    @Test(arguments: Technology.allCases)
    func publishedFiguresAreTheDocumentedOnes(_ technology: Technology) throws {
        let figures = try Self.load("presets.json", "presets")
        let families = try #require(Self.families[technology])
        for figure in Preset.for(technology).published {
            let found = figures.contains { entry in
                guard families.contains(entry["technology"] as? String ?? "") else { return false }
                // A figure of the same run may be given in the conditions ("same run (p50 18 ms)").
                if let conditions = entry["conditions"] as? String, figure.value == figure.value.rounded(),
                   conditions.contains(" \(Int(figure.value)) \(figure.unit)") { return true }
                if let value = (entry["value"] as? NSNumber)?.doubleValue { return value == figure.value }
                if let range = entry["value"] as? [NSNumber] { return range.first?.doubleValue == figure.value }
                return false
            }
            #expect(found, "\(technology.rawValue) \(figure.metric) = \(figure.value) \(figure.unit) is not a published figure")
        }
    }

    /// The scenario defaults that restate a documented default use its value.
    @Test func scenarioDefaultsUseTheDocumentedValues() {
        func value(_ technology: Technology, _ type: String, _ key: String) -> PresetValue? {
            Preset.for(technology).brokerDefaults[type]?.first { $0.key == key }?.value
        }
        #expect(value(.sqsStandard, "queue", "visibilityTimeout") == .seconds(30))
        #expect(value(.sqsFIFO, "queue", "visibilityTimeout") == .seconds(30))
        #expect(value(.sqsStandard, "queue", "messageTTL") == .seconds(345_600))
        #expect(value(.sqsFIFO, "queue", "profile.messagesPerSecond") == .rate(300))
        #expect(value(.azureStorageQueue, "queue", "visibilityTimeout") == .seconds(30))
        #expect(value(.azureStorageQueue, "queue", "messageTTL") == .seconds(604_800))
        #expect(value(.azureStorageQueue, "queue", "profile.messagesPerSecond") == .rate(2_000))
        #expect(value(.azureServiceBus, "queue", "visibilityTimeout") == .seconds(60))
        #expect(value(.kafka, "stream", "partitions") == .integer(1))
        #expect(value(.kafka, "stream", "retention") == .seconds(604_800))
        #expect(value(.rabbitmqQuorum, "queue", "profile.messagesPerSecond") == .rate(9_983))
        #expect(Preset.for(.sqsStandard).deadLetterMaxReceiveCount == 10)
        #expect(Preset.for(.azureStorageQueue).deadLetterMaxReceiveCount == 5)
        #expect(Preset.for(.azureServiceBus).deadLetterMaxReceiveCount == 10)
        // Delivery limit 20: the 21st delivery's return dead-letters (x-delivery-limit 3 was
        // observed to deliver 4 times), so 21 receives.
        #expect(Preset.for(.rabbitmqQuorum).fact("quorum_delivery_limit_default")?.value == .number(20))
        #expect(Preset.for(.rabbitmqQuorum).deadLetterMaxReceiveCount == 21)
    }

    @Test func everyTechnologyOffersSomethingAndExplainsTheRest() {
        for preset in Preset.all {
            #expect(!preset.brokerTypes.isEmpty)
            #expect(Set(preset.brokerTypes).union(preset.unsupportedTypes.keys) == ["queue", "topic", "stream", "exchange"], "\(preset.technology.rawValue)")
            #expect(Set(preset.brokerTypes).isDisjoint(with: preset.unsupportedTypes.keys))
            #expect(Set(preset.brokerDefaults.keys).isSubset(of: preset.brokerTypes))
            #expect(!preset.modelled.isEmpty && !preset.notModelled.isEmpty)
        }
    }
}
