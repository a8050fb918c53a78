import Foundation
import MessagingModels
import SimulationKernel
import Testing
@testable import ScenarioFormat

/// The folder of bundled scenarios, `Scenarios/` at the package root.
enum BundledScenarios {
    static let folder = Repository.scenarios

    /// File names of `Scenarios/*.json`, schemas excluded, sorted.
    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
    }
}

@Suite("Scenario decoding")
struct ScenarioDecodingTests {
    typealias S = Snippet

    func decode(_ json: String) throws -> Scenario {
        try Scenario.decode(Data(json.utf8), file: "s.json")
    }

    @Test("a minimal scenario gets every default")
    func defaults() throws {
        let scenario = try decode(S.document())
        let model = scenario.model
        #expect(scenario.name == "s")
        #expect(scenario.description == "")
        #expect(scenario.file == "s.json")
        #expect(model.name == "s")
        #expect(model.seed == 1)
        #expect(model.duration == nil)
        #expect(model.warmup == .zero)
        #expect(model.drainTimeout == SimDuration(nanoseconds: 3_600_000_000_000))
        #expect(model.maxEvents == nil)
        #expect(model.queues.map(\.name) == ["jobs"])
        #expect(model.producers.count == 1)
        #expect(model.producers.first?.instances == 1)
        #expect(model.producers.first?.count == 100)
        #expect(model.producers.first?.duration == nil)
        #expect(model.consumers.count == 1)
        #expect(model.consumers.first?.instances == 1)
        #expect(model.consumers.first?.prefetch == 1)
    }

    @Test("consumers may be left out")
    func noConsumers() throws {
        let json = #"{"name": "s", "brokers": [{"name": "jobs"}], "producers": [\#(S.producer())]}"#
        let model = try decode(json).model
        #expect(model.consumers.isEmpty)
        #expect(model.producers.map(\.name) == ["web"])
    }

    @Test("null counts as absent")
    func nullIsAbsent() throws {
        let model = try decode(S.document(top: #""seed": null, "warmup": null, "description": null"#)).model
        #expect(model.seed == 1)
        #expect(model.warmup == .zero)
    }

    @Test("every key is read into the model")
    func everyKey() throws {
        let json = """
            {
              "version": 1,
              "name": "task-queue",
              "description": "Web tier and workers.",
              "seed": 42,
              "duration": "10m",
              "warmup": "30s",
              "drainTimeout": "2h",
              "brokers": [{ "name": "jobs", "type": "queue" }],
              "producers": [{ "name": "web", "publishTo": "jobs", "arrivals": { "poisson": { "rate": 80 } },
                              "count": 1000, "duration": "5m", "instances": 3 }],
              "consumers": [{ "name": "workers", "consumeFrom": "jobs", "instances": 4, "prefetch": 10,
                              "service": { "exponential": { "mean": "250ms" } } }]
            }
            """
        let scenario = try decode(json)
        let model = scenario.model
        #expect(scenario.name == "task-queue")
        #expect(scenario.description == "Web tier and workers.")
        #expect(model.seed == 42)
        #expect(model.duration == SimDuration(nanoseconds: 600_000_000_000))
        #expect(model.warmup == SimDuration(nanoseconds: 30_000_000_000))
        #expect(model.drainTimeout == SimDuration(nanoseconds: 7_200_000_000_000))
        let producer = try #require(model.producers.first)
        #expect(producer.name == "web")
        #expect(producer.target == QueueID(0))
        #expect(producer.arrivals == .poisson(ratePerSecond: 80))
        #expect(producer.count == 1000)
        #expect(producer.duration == SimDuration(nanoseconds: 300_000_000_000))
        #expect(producer.instances == 3)
        let consumer = try #require(model.consumers.first)
        #expect(consumer.name == "workers")
        #expect(consumer.source == QueueID(0))
        #expect(consumer.instances == 4)
        #expect(consumer.prefetch == 10)
        #expect(consumer.service == .exponential(mean: 0.25))
    }

    @Test("a top-level duration alone stops a producer")
    func topLevelDurationStopsProducers() throws {
        let model = try decode(S.document(top: #""duration": 60"#, producers: S.producer(""))).model
        #expect(model.duration == SimDuration(nanoseconds: 60_000_000_000))
        #expect(model.producers.first?.count == nil)
        #expect(model.producers.first?.duration == nil)
    }

    @Test("a producer's own duration alone stops it")
    func producerDurationStopsIt() throws {
        let model = try decode(S.document(producers: S.producer(#""duration": "1.5s""#))).model
        #expect(model.duration == nil)
        #expect(model.producers.first?.duration == SimDuration(nanoseconds: 1_500_000_000))
    }

    static let durations: [(text: String, nanoseconds: Int64)] = [
        (#""250ms""#, 250_000_000),
        (#""1.5s""#, 1_500_000_000),
        (#""2m""#, 120_000_000_000),
        (#""1h""#, 3_600_000_000_000),
        (#""7d""#, 604_800_000_000_000),
        (#""500us""#, 500_000),
        (#""500µs""#, 500_000),
        (#""10ns""#, 10),
        (#""30""#, 30_000_000_000),
        (#"" 2m ""#, 120_000_000_000),
        (#""2m30s""#, 150_000_000_000),
        (#""1h 30m""#, 5_400_000_000_000),
        (#""1e3""#, 1_000_000_000_000),
        (#""1.2e2s""#, 120_000_000_000),
        (#""5E-1ms""#, 500_000),
        (#""1e+1m""#, 600_000_000_000),
        (#""0.5h""#, 1_800_000_000_000),
        ("3", 3_000_000_000),
        ("0.25", 250_000_000),
        ("0", 0),
    ]

    @Test("durations in every unit decode to nanoseconds", arguments: durations)
    func durationUnits(_ text: String, _ nanoseconds: Int64) throws {
        let model = try decode(S.document(top: #""warmup": \#(text)"#)).model
        #expect(model.warmup == SimDuration(nanoseconds: nanoseconds))
    }

    static let durationSyntax: [(text: String, seconds: Double?)] = [
        ("250ms", 0.25), ("1.5s", 1.5), ("2m", 120), ("1h", 3600), ("7d", 604_800),
        ("500us", 0.0005), ("500µs", 0.0005), ("10ns", 1e-8), ("3", 3), ("3s", 3), ("  4h ", 14_400),
        ("2m30s", 150), ("1h30m", 5400), ("1d 2h 3m 4s", 93_784), ("1.5m500ms", 90.5), ("1e-3", 0.001),
        ("-5s", -5), ("-5", -5), ("0", 0), (".5s", 0.5),
        ("", nil), ("ms", nil), ("10 parsecs", nil), ("5 sec", nil), ("5S", nil), ("1e", nil),
        ("abc", nil), ("1.2.3s", nil), ("1e400", nil), ("s5", nil), ("2m30", nil), ("1h30min", nil), ("-", nil),
    ]

    @Test("DurationSyntax.seconds parses a number with an optional unit", arguments: durationSyntax)
    func durationSyntaxTable(_ text: String, _ seconds: Double?) throws {
        if let seconds {
            let parsed = try #require(DurationSyntax.seconds(text), "\(text) should parse")
            #expect(abs(parsed - seconds) <= abs(seconds) * 1e-12, "\(text) → \(parsed)")
        } else {
            #expect(DurationSyntax.seconds(text) == nil)
        }
    }

    @Test("DurationSyntax lists each unit once, in increasing length")
    func durationUnitsTable() {
        #expect(DurationSyntax.units.map(\.suffix) == ["ns", "us", "µs", "ms", "s", "m", "h", "d"])
        #expect(DurationSyntax.units.map(\.seconds) == [1e-9, 1e-6, 1e-6, 1e-3, 1, 60, 3600, 86400])
    }

    static let distributions: [(json: String, expected: Distribution)] = [
        (#"{"constant": "250ms"}"#, .constant(0.25)),
        (#"{"constant": 0}"#, .constant(0)),
        (#"{"exponential": {"mean": "500ms"}}"#, .exponential(mean: 0.5)),
        (#"{"uniform": {"min": "250ms", "max": 2}}"#, .uniform(min: 0.25, max: 2)),
        (#"{"uniform": {"min": 1, "max": 1}}"#, .uniform(min: 1, max: 1)),
        (#"{"normal": {"mean": 0.04, "stddev": 0.01}}"#, .normal(mean: 0.04, stddev: 0.01)),
        (#"{"normal": {"mean": "2s", "stddev": 0}}"#, .normal(mean: 2, stddev: 0)),
        (#"{"lognormal": {"mean": "1.5s", "stddev": "500ms"}}"#, .lognormal(mean: 1.5, stddev: 0.5)),
        (#"{"erlang": {"k": 3, "mean": "1.5s"}}"#, .erlang(k: 3, mean: 1.5)),
        (#"{"erlang": {"k": 2.0, "mean": 6}}"#, .erlang(k: 2, mean: 6)),
        (#"{"empirical": {"values": ["250ms", 0.5, "2s", 0]}}"#, .empirical([0.25, 0.5, 2, 0])),
    ]

    @Test("each distribution kind decodes to its Distribution", arguments: distributions)
    func distribution(_ json: String, _ expected: Distribution) throws {
        let model = try decode(S.service(json)).model
        #expect(model.consumers.first?.service == expected)
    }

    static let arrivals: [(json: String, expected: ArrivalProcess)] = [
        (#"{"poisson": {"rate": 80}}"#, .poisson(ratePerSecond: 80)),
        (#"{"poisson": {"rate": 1e9}}"#, .poisson(ratePerSecond: 1e9)),
        (#"{"constant": {"rate": 0.5}}"#, .constant(ratePerSecond: 0.5)),
        (#"{"interarrival": {"uniform": {"min": "250ms", "max": "500ms"}}}"#, .interarrival(.uniform(min: 0.25, max: 0.5))),
        (#"{"interarrival": {"constant": 2}}"#, .interarrival(.constant(2))),
        (#"{"schedule": [{"at": 0, "rate": 5}, {"at": "2m", "rate": 50}, {"at": "150s", "rate": 0}]}"#,
         .schedule([
            .init(at: SimTime(nanoseconds: 0), ratePerSecond: 5),
            .init(at: SimTime(nanoseconds: 120_000_000_000), ratePerSecond: 50),
            .init(at: SimTime(nanoseconds: 150_000_000_000), ratePerSecond: 0),
         ])),
        (#"{"schedule": [{"at": "1m", "rate": 2}]}"#,
         .schedule([.init(at: SimTime(nanoseconds: 60_000_000_000), ratePerSecond: 2)])),
    ]

    @Test("each arrival kind decodes to its ArrivalProcess", arguments: arrivals)
    func arrival(_ json: String, _ expected: ArrivalProcess) throws {
        let model = try decode(S.arrivals(json)).model
        #expect(model.producers.first?.arrivals == expected)
    }

    @Test("entities keep file order and references resolve to file positions")
    func fileOrder() throws {
        let json = S.document(
            brokers: #"{"name": "zeta"}, {"name": "alpha"}, {"name": "mid", "type": "queue"}"#,
            producers: [
                S.producer(name: "p2", publishTo: "mid"),
                S.producer(name: "p1", publishTo: "zeta"),
                S.producer(name: "p3", publishTo: "alpha"),
            ].joined(separator: ", "),
            consumers: [
                S.consumer(name: "c9", consumeFrom: "alpha"),
                S.consumer(name: "c1", consumeFrom: "mid"),
            ].joined(separator: ", "))
        let model = try decode(json).model
        #expect(model.queues.map(\.name) == ["zeta", "alpha", "mid"])
        #expect(model.producers.map(\.name) == ["p2", "p1", "p3"])
        #expect(model.producers.map(\.target?.index) == [2, 0, 1])
        #expect(model.consumers.map(\.name) == ["c9", "c1"])
        #expect(model.consumers.map(\.source.index) == [1, 2])
    }

    @Test("a UTF-8 name and description survive decoding")
    func unicodeText() throws {
        let scenario = try decode(S.document(top: #""description": "µ-services → 🐇""#, name: #""name": "file d’attente ✓""#))
        #expect(scenario.name == "file d’attente ✓")
        #expect(scenario.description == "µ-services → 🐇")
    }

    @Test("Scenario.load reads a file from disk")
    func loadFromDisk() throws {
        let url = try TemporaryFiles.url(S.document(top: #""seed": 7"#))
        defer { try? FileManager.default.removeItem(at: url) }
        let scenario = try Scenario.load(path: url.path)
        #expect(scenario.file == url.path)
        #expect(scenario.model.seed == 7)
    }

    @Test("there is at least one bundled scenario")
    func bundledScenariosExist() {
        #expect(BundledScenarios.files.contains("task-queue.json"), "looked in \(BundledScenarios.folder.path)")
    }

    @Test("every bundled scenario decodes without error and describes itself", arguments: BundledScenarios.files)
    func bundledScenario(_ name: String) {
        let path = BundledScenarios.folder.appendingPathComponent(name).path
        do {
            let scenario = try Scenario.load(path: path)
            #expect(!scenario.name.isEmpty)
            #expect(!scenario.description.isEmpty, "\(name) has no description")
            #expect(!scenario.model.queues.isEmpty || !scenario.model.streams.isEmpty)
            #expect(!scenario.model.producers.isEmpty)
        } catch {
            Issue.record("\(name):\n\(error.description)")
        }
    }

    @Test("the task-queue scenario decodes to the documented model")
    func taskQueue() throws {
        let model = try Scenario.load(path: BundledScenarios.folder.appendingPathComponent("task-queue.json").path).model
        #expect(model.name == "task-queue")
        #expect(model.seed == 42)
        #expect(model.duration == SimDuration(nanoseconds: 600_000_000_000))
        #expect(model.warmup == SimDuration(nanoseconds: 30_000_000_000))
        #expect(model.drainTimeout == SimDuration(nanoseconds: 3_600_000_000_000))
        #expect(model.producers.first?.arrivals == .poisson(ratePerSecond: 80))
        #expect(model.consumers.first?.instances == 4)
        #expect(model.consumers.first?.service == .exponential(mean: 0.04))
    }
}
