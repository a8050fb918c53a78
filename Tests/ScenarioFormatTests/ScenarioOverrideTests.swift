import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// `--set PATH=VALUE`: changes made to the document before it is read, validated like the file.
@Suite struct ScenarioOverrideTests {
    typealias S = Snippet

    static let document = S.document(
        top: #""faults": [{"at": "2m", "crash": "workers"}]"#,
        brokers: #"{"name": "jobs", "visibilityTimeout": "30s"}, {"name": "dlq"}"#,
        consumers: S.consumer(#""instances": 2"#))

    static func read(_ sets: [String], _ json: String = document) throws -> SystemModel {
        let overrides = try sets.map { text throws(ScenarioError) in try ScenarioOverride(text) }
        return try Scenario.decode(Data(json.utf8), file: "s.json", overrides: overrides).model
    }

    static func errors(_ sets: [String], _ json: String = document) -> [String] {
        do {
            let overrides = try sets.map { text throws(ScenarioError) in try ScenarioOverride(text) }
            _ = try Scenario.decode(Data(json.utf8), file: "s.json", overrides: overrides)
            return []
        } catch let error as ScenarioErrors {
            return error.errors.map(\.description)
        } catch let error as ScenarioError {
            return [error.description]
        } catch {
            return ["\(error)"]
        }
    }

    @Test func namedElementsNumbersAndStringsAreSet() throws {
        let model = try Self.read(["consumers.workers.instances=6", "producers.web.arrivals.poisson.rate=120",
                                   "consumers.workers.service={\"constant\": \"40ms\"}", "brokers.dlq.visibilityTimeout=5s"])
        #expect(model.consumers[0].instances == 6)
        #expect(model.producers[0].arrivals == .poisson(ratePerSecond: 120))
        #expect(model.consumers[0].service == .constant(0.04))
        #expect(model.queues[1].visibilityTimeout == SimDuration(seconds: 5))
    }

    @Test func indicesMissingObjectsNullAndOrder() throws {
        let model = try Self.read(["faults.0.at=90s", "consumers.workers.retry.maxAttempts=3",
                                   "brokers.jobs.visibilityTimeout=null", "consumers.workers.instances=3",
                                   "consumers.workers.instances=4"])
        #expect(model.faults.count == 1)
        #expect(model.consumers[0].retry?.maxAttempts == 3)
        #expect(model.queues[0].visibilityTimeout == nil)
        #expect(model.consumers[0].instances == 4)
    }

    @Test func badPathsSayWhatIsThere() {
        #expect(Self.errors(["consumers.workerz.instances=6"])
                == [#"error: s.json: --set consumers.workerz.instances=6: no consumer named "workerz" in $.consumers (did you mean "consumers.workers.instances"?)"#])
        #expect(Self.errors(["brokers.queue9.durable=false"])
                == [#"error: s.json: --set brokers.queue9.durable=false: no broker named "queue9" in $.brokers; brokers: jobs, dlq"#])
        #expect(Self.errors(["faults.3.at=1s"]) == ["error: s.json: --set faults.3.at=1s: $.faults has 1 element; index 3 is out of range"])
        #expect(Self.errors(["name.x=1"]) == [#"error: s.json: --set name.x=1: $.name is "s", not an object or an array, so it has no "x""#])
        #expect(Self.errors(["consumers.workers=null"])
                == ["error: s.json: --set consumers.workers=null: cannot remove $.consumers[0] with null: remove an element from the file itself"])
    }

    @Test func malformedArgumentsAreRefused() {
        #expect(throws: ScenarioError.self) { try ScenarioOverride("consumers.workers.instances") }
        #expect(throws: ScenarioError.self) { try ScenarioOverride("consumers..instances=2") }
        #expect(throws: ScenarioError.self) { try ScenarioOverride("=2") }
    }

    @Test func theNewValueIsValidatedAtItsJSONPathAndQuotedAsGiven() {
        // The file's own literal (2) must not appear in the message about the new value.
        #expect(Self.errors(["consumers.workers.instances=-1"])
                == ["error: s.json: $.consumers[0].instances: expected an integer ≥ 1, found -1"])
        // A misspelt key the override adds gets the reader's suggestion.
        #expect(Self.errors(["consumers.workers.retyr.maxAttempts=3"]).first?.contains(#"(did you mean "retry"?)"#) == true)
    }

    @Test func aValueThatIsNotJSONIsAString() {
        #expect(ScenarioOverride.value("40ms") == .string("40ms"))
        #expect(ScenarioOverride.value("6") == .number(6))
        #expect(ScenarioOverride.value("true") == .bool(true))
        #expect(ScenarioOverride.value(#""6""#) == .string("6"))
        #expect(ScenarioOverride.value("null") == nil)
        #expect(ScenarioOverride.value("[1, 2]") == .array([.number(1), .number(2)]))
    }

    /// Brokers `orders` and `orders.eu`, producer `web.1`, consumer `c` of `orders.eu`.
    static let dotted = S.document(
        brokers: #"{"name": "orders"}, {"name": "orders.eu"}"#,
        producers: S.producer(name: "web.1", publishTo: "orders.eu"),
        consumers: S.consumer(name: "c", consumeFrom: "orders.eu"))

    @Test func aNameWithDotsIsMatchedWholeLongestFirst() throws {
        let model = try Self.read(["brokers.orders.eu.messageTTL=5s", "brokers.orders.messageTTL=7s",
                                   "producers.web.1.count=3", "brokers.1.durable=false"], Self.dotted)
        #expect(model.queues.map(\.name) == ["orders", "orders.eu"])
        #expect(model.queues[1].messageTTL == SimDuration(seconds: 5))
        #expect(model.queues[0].messageTTL == SimDuration(seconds: 7))
        #expect(model.queues[1].durable == false)
        #expect(model.producers[0].count == 3)
        // The value at a path is found the same way.
        let document = JSONValue(foundation: try JSONSerialization.jsonObject(with: Data(Self.dotted.utf8)))
        #expect(ScenarioOverride.value(at: ["producers", "web", "1", "count"], in: document) == .number(100))
        #expect(ScenarioOverride.value(at: ["brokers", "orders", "eu", "name"], in: document) == .string("orders.eu"))
        #expect(ScenarioOverride.value(at: ["brokers", "0", "name"], in: document) == .string("orders"))
        #expect(ScenarioOverride.value(at: ["brokers", "orders", "ue"], in: document) == nil)
    }

    @Test func aMisspeltDottedNameGetsAPathThatWorks() {
        #expect(Self.errors(["producers.web.2.count=5"], Self.dotted)
                == [#"error: s.json: --set producers.web.2.count=5: no producer named "web.2" in $.producers (did you mean "producers.web.1.count"?)"#])
        #expect(Self.errors(["producers.wbe.1.count=5"], Self.dotted)
                == [#"error: s.json: --set producers.wbe.1.count=5: no producer named "wbe.1" in $.producers (did you mean "producers.web.1.count"?)"#])
        // The element is found; what follows the name is an unknown key, reported by the reader.
        #expect(Self.errors(["brokers.orders.ue.messageTTL=5s"], Self.dotted).first?
                    .hasPrefix(#"error: s.json: $.brokers[0].ue: unknown key "ue""#) == true)
        #expect(Self.errors(["consumers.cashiers.y.instances=2"], Self.dotted)
                == [#"error: s.json: --set consumers.cashiers.y.instances=2: no consumer named "cashiers" in $.consumers; consumers: c"#])
    }

}
