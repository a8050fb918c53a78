import Foundation
import Testing
@testable import Technologies

/// The price table compiled into mqlab equals the fact file it was transcribed from
/// (`Tests/Fixtures/facts/pricing.json`, a copy of the project's compiled price facts).
@Suite struct PriceListTests {
    struct FactFile: Decodable {
        var facts: [PriceFact]
    }

    static func fixture() throws -> [PriceFact] {
        let url = Fixtures.facts.appendingPathComponent("pricing.json")
        return try JSONDecoder().decode(FactFile.self, from: Data(contentsOf: url)).facts
    }

    @Test func tableEqualsTheFactFileEntryByEntry() throws {
        let expected = try Self.fixture()
        #expect(PriceList.facts.count == expected.count)
        for (index, (ours, theirs)) in zip(PriceList.facts, expected).enumerated() {
            #expect(ours == theirs, "entry \(index): \(theirs.system) \(theirs.name)")
        }
    }

    @Test func everyPriceTheCostModelUsesCitesAPublicAddress() {
        for key in PriceKey.allCases {
            #expect(PriceList.fact(key).source.contains("https://"), "\(key)")
        }
    }

    @Test func everyPriceTheCostModelUsesIsInTheTable() {
        for key in PriceKey.allCases {
            #expect(PriceList.fact(key.system, key.name) != nil, "\(key)")
        }
    }

    @Test func lookupFindsByNameAndSystem() {
        #expect(PriceList.fact("AWS SQS", "standard_price_per_million_requests")?.value == 0.4)
        #expect(PriceList.fact("AWS SQS", "fifo_price_per_million_requests")?.value == 0.5)
        #expect(PriceList.fact("AWS SNS", "billing_chunk_size")?.value == 64)
        #expect(PriceList.fact("AWS SQS", "no_such_fact") == nil)
    }
}

@Suite struct PriceListPerTechnologyTests {
    @Test func everyTechnologyHasPricesAndEveryFactBelongsToOne() {
        var covered = Set<String>()
        for technology in Technology.allCases {
            let facts = PriceList.facts(for: technology)
            #expect(!facts.isEmpty, "\(technology)")
            for fact in facts { covered.insert(fact.system + "|" + fact.name) }
        }
        // The only facts no technology lists are those of a product mqlab does not model.
        let left = PriceList.facts.filter { !covered.contains($0.system + "|" + $0.name) }.map(\.system)
        #expect(Set(left) == ["Amazon MQ (ActiveMQ)"])
        #expect(PriceList.facts(for: .kafka).contains { $0.name == "kafka.m5.large_broker_hour" })
        #expect(PriceList.facts(for: .sqsFIFO).contains { $0.name == "fifo_price_per_million_requests" })
        #expect(!PriceList.facts(for: .azureServiceBus).contains { $0.system != "Azure Service Bus" })
    }
}
