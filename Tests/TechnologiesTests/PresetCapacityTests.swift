import Testing
@testable import Technologies

/// The capacities a preset models are the defaults it fills, each with a public source; every
/// capacity default is a modelled capacity, with its derivation and source.
@Suite struct PresetCapacityTests {
    static let capacityKeys = ["profile.messagesPerSecond", "profile.bytesPerSecond", "profile.brokers",
                               "profile.brokerMessagesPerSecond", "profile.brokerBytesPerSecond"]

    @Test(arguments: Technology.allCases)
    func everyModelledCapacityIsADefaultTheScenarioGets(_ technology: Technology) {
        let preset = Preset.for(technology)
        let defaults = preset.brokerDefaults.keys.sorted().flatMap { preset.brokerDefaults[$0] ?? [] }
        for capacity in preset.capacities {
            let key = String(capacity.scenarioKey.dropFirst("brokers[].".count))
            let filled = defaults.filter { $0.key == key }.map(\.value)
            // A rate, or a count (the brokers sharing the load).
            #expect(!filled.isEmpty && filled.allSatisfy { $0 == .rate(capacity.value) || $0 == .integer(Int(capacity.value)) },
                    "\(technology.rawValue) \(key)")
            #expect(capacity.source.contains("http") && !capacity.derivation.isEmpty)
        }
        // Every capacity default is in the "Capacities" section of `mqlab presets NAME`, with
        // its derivation and source (a fact alone is not enough).
        for (key, _) in defaults where Self.capacityKeys.contains(key) {
            let explained = preset.capacities.contains { $0.scenarioKey == "brokers[].\(key)" }
            #expect(explained, "\(technology.rawValue): \(key) is not among its capacities")
        }
    }

    @Test func streamPresetsFlagTheirDerivedCapacitiesAsAssumptions() {
        for technology in [Technology.kafka, .rabbitmqStream, .redisStreams] {
            let capacities = Preset.for(technology).capacities
            // Every rate is derived under an assumption; the benchmark's broker count is stated.
            let rates = capacities.filter { $0.unit != "brokers" }
            #expect(!rates.isEmpty && rates.allSatisfy(\.assumed), "\(technology.rawValue)")
        }
        #expect(Preset.for(.kafka).capacities.map(\.value) == [3, 674_677, 67_467_733])
        #expect(Preset.for(.kafka).capacities.map(\.assumed) == [false, true, true])
        #expect(Preset.for(.rabbitmqQuorum).capacities.map(\.assumed) == [false, false])
    }

    /// SQS FIFO's 300 API calls/s are a capacity (counted in calls), not only a default.
    @Test func sqsFIFOsCallRateIsACapacity() throws {
        let capacity = try #require(Preset.for(.sqsFIFO).capacities.first)
        #expect(capacity.scenarioKey == "brokers[].profile.messagesPerSecond" && capacity.value == 300 && capacity.unit == "calls/s")
        #expect(!capacity.assumed && capacity.derivation.contains("3,000 msg/s in batches of 10"))
        #expect(capacity.source == PresetSources.sqsFIFOThrottling)
    }
}
