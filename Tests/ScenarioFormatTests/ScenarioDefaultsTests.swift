import Foundation
import MessagingModels
import SimulationKernel
import Testing
@testable import ScenarioFormat

/// The reader's table of defaults (`ScenarioDefaults`), the schema's `default`s and the README's
/// scenario reference state the same values, and the models' own defaults for the keys the
/// reader leaves to them agree with the table.
@Suite struct ScenarioDefaultsTests {
    static let root = Repository.root

    /// The schema's `default` values by location (`consumer.prefetch`,
    /// `consumer.retry.jitter`): each `$defs` type's properties, nested properties joined by dots.
    static func schemaDefaults() throws -> [(location: String, value: Any)] {
        let data = try Data(contentsOf: root.appendingPathComponent("Scenarios/scenario.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        var found: [(String, Any)] = []
        func walk(_ node: [String: Any], _ location: String) {
            if let value = node["default"] { found.append((location, value)) }
            for (name, child) in (node["properties"] as? [String: Any]) ?? [:] {
                if let child = child as? [String: Any] { walk(child, location + "." + name) }
            }
        }
        for (name, definition) in definitions {
            if let definition = definition as? [String: Any] { walk(definition, name) }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Whether a schema `default` (as JSONSerialization reads it) states `value`.
    static func matches(_ json: Any, _ value: ScenarioDefaults.Value) -> Bool {
        switch value {
        case .bool(let flag):
            guard let number = json as? NSNumber, String(cString: number.objCType) == "c" else { return false }
            return number.boolValue == flag
        case .integer(let integer): return (json as? NSNumber)?.doubleValue == Double(integer)
        case .number(let number), .seconds(let number): return (json as? NSNumber)?.doubleValue == number
        case .string(let text): return json as? String == text
        }
    }

    @Test func everySchemaDefaultIsTheTables() throws {
        let table = Dictionary(ScenarioDefaults.all.compactMap { entry in entry.schema.map { ($0, entry.value) } }, uniquingKeysWith: { a, _ in a })
        let defaults = try Self.schemaDefaults()
        #expect(defaults.count >= 35)
        for (location, value) in defaults {
            guard let expected = table[location] else {
                Issue.record("the schema's default of \(location) is not in ScenarioDefaults")
                continue
            }
            #expect(Self.matches(value, expected), "\(location): schema \(value), table \(expected)")
        }
        // And every entry that names a schema location has a default there.
        let locations = Set(defaults.map(\.location))
        for entry in ScenarioDefaults.all {
            if let schema = entry.schema { #expect(locations.contains(schema), "\(entry.key): no default at \(schema) in the schema") }
        }
    }

    /// The value as the README writes it: durations with their largest whole unit (`1h`, `5s`),
    /// numbers without a trailing `.0`.
    static func readmeText(_ value: ScenarioDefaults.Value) -> String {
        func plain(_ number: Double) -> String {
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        switch value {
        case .integer(let integer): return String(integer)
        case .number(let number): return plain(number)
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .seconds(let seconds):
            for (unit, size) in [("d", 86_400.0), ("h", 3600), ("m", 60)] where seconds > 0 && seconds.truncatingRemainder(dividingBy: size) == 0 {
                return plain(seconds / size) + unit
            }
            return seconds == 0 ? "0" : plain(seconds) + "s"
        }
    }

    /// The README's scenario reference: the key cell and the default cell of each row, with
    /// backticks and double quotes removed from the default.
    static func readmeRows() throws -> [(keys: String, value: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> (String, String)? in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { return nil }
            let value = cells[cells.count - 2].replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "\"", with: "")
            return (cells[1], value)
        }
    }

    /// The row that documents `key`, and the key's position among the row's keys: the key
    /// itself (`consumers[].prefetch`), a later key of a shared row (`.minInSyncReplicas` in
    /// the row of `brokers[].replicas`), or the object it belongs to (`brokers[].deduplication`
    /// for `brokers[].deduplication.scope`).
    static func row(of key: String, in rows: [(keys: String, value: String)]) -> (value: String, position: Int)? {
        for row in rows {
            let keys = row.keys.components(separatedBy: ", ")
            if let position = keys.firstIndex(of: "`\(key)`") { return (row.value, position) }
            if let dot = key.lastIndex(of: "."), keys.count > 1, row.keys.hasPrefix("`" + key[..<dot] + "."),
               let position = keys.firstIndex(of: "`" + key[dot...] + "`") {
                return (row.value, position)
            }
        }
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return row(of: String(key[..<dot]), in: rows).map { ($0.value, -1) }
    }

    @Test func theReadmeStatesTheTablesDefaults() throws {
        let rows = try Self.readmeRows()
        var checked = 0
        for entry in ScenarioDefaults.all {
            guard let before = entry.readme else { continue }
            let expected = Self.readmeText(entry.value)
            guard let (cell, position) = Self.row(of: entry.key, in: rows) else {
                Issue.record("\(entry.key): no row in the README's scenario reference")
                continue
            }
            checked += 1
            if !before.isEmpty {
                #expect(cell.contains(before + " " + expected), "\(entry.key): README says \"\(cell)\", table \(expected)")
                continue
            }
            // The default opens the cell (before any "; range"); a shared row lists one per key.
            let stated = cell.components(separatedBy: "; ")[0]
            let values = position < 0 ? [stated] : stated.components(separatedBy: ", ")
            let value = position >= 0 && position < values.count ? values[position] : stated
            #expect(value == expected || value.hasPrefix(expected + " "), "\(entry.key): README says \"\(cell)\", table \(expected)")
        }
        #expect(checked >= 30)
    }

    /// Defaults some models still declare for their own callers (the reader passes the
    /// table's value): they agree with the table.
    @Test func modelDefaultsAreTheTables() {
        #expect(DeduplicationPolicy().scope == ScenarioDefaults.deduplicationScope.value)
        #expect(DeduplicationPolicy().window == SimDuration(seconds: ScenarioDefaults.deduplicationWindow.value))
        #expect(QueueOrdering.defaultReorderProbability == ScenarioDefaults.reorderProbability.value)
        #expect(QueueOrdering.defaultDuplicateProbability == ScenarioDefaults.duplicateProbability.value)
        #expect(BrokerProfile().publishInOrder == ScenarioDefaults.publishInOrder.value)
        #expect(BrokerProfile().ingressUnit == ScenarioDefaults.ingressUnit.value)
        #expect(ProducerBatching(maxMessages: 2).linger == SimDuration(seconds: ScenarioDefaults.linger.value))
        #expect(SystemModel(name: "m", seed: 1, queues: [], producers: [], consumers: []).drainTimeout == SimDuration(seconds: ScenarioDefaults.drainTimeout.value))
    }

    /// A stream, a group, an autoscaler, a circuit breaker, send batches, deduplication and a
    /// profile that set nothing optional read as the table says.
    @Test func emptyStreamsGroupsAndControlsTakeTheTable() throws {
        let json = #"""
        {"name": "d", "brokers": [{"name": "s", "type": "stream"}, {"name": "q", "deduplication": {}, "profile": {"messagesPerSecond": 10}}],
         "producers": [{"name": "p", "publishTo": "s", "arrivals": {"constant": {"rate": 1}}, "count": 1},
                       {"name": "b", "publishTo": "q", "arrivals": {"constant": {"rate": 1}}, "count": 1, "batch": {"maxMessages": 2}}],
         "consumers": [{"name": "c", "consumeFrom": "s", "group": "g", "service": {"constant": "1s"}},
                       {"name": "w", "consumeFrom": "q", "service": {"constant": "1s"}, "downstream": {},
                        "circuitBreaker": {"window": "10s", "openFor": "30s"}, "autoscale": {"min": 1, "max": 4, "targetDepthPerInstance": 10}}]}
        """#
        let model = try Scenario.decode(Data(json.utf8), file: "s.json").model
        func s(_ seconds: Double) -> SimDuration { SimDuration(seconds: seconds) }
        let stream = try #require(model.streams.first)
        #expect(stream.partitions == ScenarioDefaults.partitions.value)
        #expect(stream.retention == s(ScenarioDefaults.retention.value))
        #expect(stream.partitioner == ScenarioDefaults.partitioner.value)
        #expect(stream.stickyBatch == ScenarioDefaults.stickyBatch.value)
        #expect(stream.replicas == ScenarioDefaults.replicas.value)
        #expect(stream.minInSyncReplicas == ScenarioDefaults.minInSyncReplicas.value)
        #expect(stream.replicationDelay == s(ScenarioDefaults.replicationDelay.value))
        #expect(stream.lagSampleInterval == s(ScenarioDefaults.lagSampleInterval.value))
        let group = try #require(model.consumerGroups.first)
        #expect(group.assignor == ScenarioDefaults.assignor.value)
        #expect(group.commit == .auto(interval: s(ScenarioDefaults.autoCommitInterval.value)))
        #expect(ScenarioDefaults.commit.value == "auto" && ScenarioDefaults.startAt.value == "latest")
        #expect(group.startAt == .latest)
        #expect(group.rebalanceDelay == s(ScenarioDefaults.rebalanceDelay.value))
        #expect(group.maxPollInterval == s(ScenarioDefaults.maxPollInterval.value))
        let worker = try #require(model.consumers.first { $0.name == "w" })
        #expect(worker.autoscale == AutoscalePolicy(min: 1, max: 4, initial: nil, targetDepthPerInstance: 10,
                                                    cooldown: s(ScenarioDefaults.autoscaleCooldown.value),
                                                    startupDelay: s(ScenarioDefaults.autoscaleStartupDelay.value),
                                                    interval: s(ScenarioDefaults.autoscaleInterval.value)))
        #expect(worker.circuitBreaker == CircuitBreakerPolicy(failureThreshold: ScenarioDefaults.failureThreshold.value, window: s(10), openFor: s(30),
                                                              halfOpenProbes: ScenarioDefaults.halfOpenProbes.value,
                                                              minimumCalls: ScenarioDefaults.minimumCalls.value))
        #expect(worker.downstream?.failureRate == ScenarioDefaults.downstreamFailureRate.value)
        let queue = try #require(model.queues.first { $0.name == "q" })
        #expect(queue.deduplication == DeduplicationPolicy(window: s(ScenarioDefaults.deduplicationWindow.value), scope: ScenarioDefaults.deduplicationScope.value))
        #expect(queue.profile?.publishInOrder == ScenarioDefaults.publishInOrder.value)
        #expect(model.producers.first { $0.name == "b" }?.batch?.linger == s(ScenarioDefaults.linger.value))
    }

    /// A scenario that sets nothing optional reads as the table says.
    @Test func anEmptyScenarioTakesTheTable() throws {
        let json = #"{"name": "d", "brokers": [{"name": "q"}], "producers": [{"name": "p", "publishTo": "q", "arrivals": {"constant": {"rate": 1}}, "count": 1}], "consumers": [{"name": "c", "consumeFrom": "q", "service": {"constant": "1s"}}]}"#
        let scenario = try Scenario.decode(Data(json.utf8), file: "s.json")
        #expect(scenario.model.seed == UInt64(ScenarioDefaults.seed.value))
        #expect(scenario.model.drainTimeout == SimDuration(seconds: ScenarioDefaults.drainTimeout.value))
        #expect(scenario.model.warmup == SimDuration(seconds: ScenarioDefaults.warmup.value))
        #expect(scenario.model.consumers[0].instances == ScenarioDefaults.consumerInstances.value)
        #expect(scenario.model.consumers[0].prefetch == ScenarioDefaults.prefetch.value)
        #expect(scenario.model.consumers[0].ack == ScenarioDefaults.ack.value)
        #expect(scenario.description == ScenarioDefaults.description.value)
    }
}
