import Foundation
import Testing
@testable import ScenarioFormat

/// Checks that `Scenarios/scenario.schema.json` declares exactly the keys the reader
/// (ScenarioReader.swift, ScenarioReader+Distributions.swift) accepts and requires.
///
/// The accepted keys are not hard-coded here: they are read back from the reader itself, by
/// decoding a scenario with an unknown key in every object and parsing the "valid keys: …"
/// list of each error; required keys come from the "missing required key" errors of a
/// scenario whose objects are empty. So a key added to the code but not to the schema (or the
/// reverse) fails these tests.
@Suite("Scenario JSON Schema")
struct SchemaTests {
    static let schemaURL = BundledScenarios.folder.appendingPathComponent("scenario.schema.json")

    /// An unknown key far (in edit distance) from every real key, so the error lists the valid keys.
    static let probe = "zzzzzzzzzzzz"

    /// A JSON object of the schema.
    typealias Object = [String: Any]

    static func loadSchema() throws -> Object {
        let data = try Data(contentsOf: schemaURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? Object)
    }

    /// The object at `path` (a list of keys and array indices) inside `root`.
    static func object(_ root: Object, _ path: [Any]) throws -> Object {
        var current: Any = root
        for step in path {
            if let key = step as? String {
                current = try #require((current as? Object)?[key], "no \(key) in schema at \(path)")
            } else if let index = step as? Int {
                let array = try #require(current as? [Any], "not an array at \(path)")
                current = array[index]
            }
        }
        return try #require(current as? Object, "not an object at \(path)")
    }

    static func propertyNames(_ root: Object, _ path: [Any]) throws -> Set<String> {
        Set(try object(root, path + ["properties"]).keys)
    }

    static func required(_ root: Object, _ path: [Any]) throws -> Set<String> {
        Set(try object(root, path)["required"] as? [String] ?? [])
    }

    /// The kinds of a one-key-object union (`distribution`, `arrivals`): each branch's key.
    static func kinds(_ root: Object, _ definition: String) throws -> [String] {
        let branches = try #require(try object(root, ["$defs", definition])["oneOf"] as? [Object])
        return branches.compactMap { ($0["required"] as? [String])?.first }
    }

    /// Index of `kind`'s branch in the `oneOf` of `definition`.
    static func branch(_ root: Object, _ definition: String, _ kind: String) throws -> [Any] {
        let index = try #require(try kinds(root, definition).firstIndex(of: kind), "\(definition) has no \(kind)")
        return ["$defs", definition, "oneOf", index, "properties", kind]
    }

    // MARK: What the reader accepts

    static let distributionsWithParameters = ScenarioReader.distributionKinds.filter { $0 != "constant" }

    /// A scenario with `probe` in every object the reader knows, and one consumer per
    /// distribution kind, so each object's error lists its valid keys.
    static var probeDocument: String {
        let z = #""\#(probe)": 1"#
        let consumers = distributionsWithParameters.enumerated().map { index, kind in
            #"{"name": "c\#(index)", "consumeFrom": "jobs", "service": {"\#(kind)": {\#(z)}}, \#(z)}"#
        }
        let producers = [
            #"{"name": "p0", "publishTo": "jobs", "count": 1, "arrivals": {"poisson": {\#(z)}}, "message": {"keys": {\#(z)}, \#(z)}, \#(z)}"#,
            #"{"name": "p1", "publishTo": "jobs", "count": 1, "arrivals": {"constant": {\#(z)}}}"#,
            #"{"name": "p2", "publishTo": "jobs", "count": 1, "arrivals": {"schedule": [{\#(z)}]}}"#,
        ]
        return #"{"name": "s", \#(z), "brokers": [{"name": "jobs", \#(z)}, {"name": "events", "type": "stream", \#(z)}], "producers": [\#(producers.joined(separator: ", "))], "consumers": [\#(consumers.joined(separator: ", "))], "faults": [{\#(z)}], "expect": [{\#(z)}], "report": {\#(z)}}"#
    }

    /// The reader's valid keys of the object at JSON path `objectPath`, parsed from its
    /// unknown-key error.
    static func acceptedKeys(_ errors: [ScenarioError], _ objectPath: String) throws -> Set<String> {
        let error = try #require(errors.first { $0.path == "\(objectPath).\(probe)" }, "no unknown-key error in \(objectPath)")
        let marker = try #require(error.message.range(of: "valid keys: "), "\(error.message)")
        return Set(error.message[marker.upperBound...].components(separatedBy: ", "))
    }

    /// The keys the reader reports missing in the object at `objectPath`.
    static func requiredKeys(_ errors: [ScenarioError], _ objectPath: String) -> Set<String> {
        Set(errors.compactMap { error -> String? in
            guard error.message.hasPrefix("missing required key"), error.path.hasPrefix(objectPath + ".") else { return nil }
            let key = error.path.dropFirst(objectPath.count + 1)
            return key.contains(".") || key.contains("[") ? nil : String(key)
        })
    }

    // MARK: Tests

    @Test("the schema is a draft 2020-12 schema of an object that forbids unknown keys")
    func header() throws {
        let schema = try Self.loadSchema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["type"] as? String == "object")
        #expect(schema["additionalProperties"] as? Bool == false)
    }

    @Test("top level, broker, producer and consumer declare the keys the reader accepts")
    func entityKeys() throws {
        let schema = try Self.loadSchema()
        let errors = Snippet.uncappedErrors(Self.probeDocument)
        #expect(try Self.propertyNames(schema, []) == Self.acceptedKeys(errors, "$"))
        // The schema's broker declares every type's keys; a stream accepts them all, a queue
        // only some.
        #expect(try Self.propertyNames(schema, ["$defs", "broker"]) == Self.acceptedKeys(errors, "$.brokers[1]"))
        #expect(try Self.acceptedKeys(errors, "$.brokers[0]").isSubset(of: Self.propertyNames(schema, ["$defs", "broker"])))
        #expect(try Self.propertyNames(schema, ["$defs", "message"]) == Self.acceptedKeys(errors, "$.producers[0].message"))
        #expect(try Self.propertyNames(schema, ["$defs", "messageKeys"]) == Self.acceptedKeys(errors, "$.producers[0].message.keys"))
        #expect(try Self.propertyNames(schema, ["$defs", "fault"]) == Self.acceptedKeys(errors, "$.faults[0]"))
        #expect(try Self.propertyNames(schema, ["$defs", "expectation", "oneOf", 1]) == Self.acceptedKeys(errors, "$.expect[0]"))
        #expect(try Self.propertyNames(schema, ["$defs", "producer"]) == Self.acceptedKeys(errors, "$.producers[0]"))
        #expect(try Self.propertyNames(schema, ["$defs", "consumer"]) == Self.acceptedKeys(errors, "$.consumers[0]"))
        #expect(try Self.propertyNames(schema, ["properties", "report"]) == Self.acceptedKeys(errors, "$.report"))
    }

    @Test("distribution and arrival parameters declare the keys the reader accepts")
    func parameterKeys() throws {
        let schema = try Self.loadSchema()
        let errors = Snippet.uncappedErrors(Self.probeDocument)
        for (index, kind) in Self.distributionsWithParameters.enumerated() {
            #expect(try Self.propertyNames(schema, Self.branch(schema, "distribution", kind))
                == Self.acceptedKeys(errors, "$.consumers[\(index)].service.\(kind)"), "\(kind)")
        }
        #expect(try Self.propertyNames(schema, Self.branch(schema, "arrivals", "poisson"))
            == Self.acceptedKeys(errors, "$.producers[0].arrivals.poisson"))
        #expect(try Self.propertyNames(schema, Self.branch(schema, "arrivals", "constant"))
            == Self.acceptedKeys(errors, "$.producers[1].arrivals.constant"))
        #expect(try Self.propertyNames(schema, ["$defs", "scheduleStep"])
            == Self.acceptedKeys(errors, "$.producers[2].arrivals.schedule[0]"))
    }

    @Test("required keys are the ones the reader reports missing")
    func requiredKeys() throws {
        let schema = try Self.loadSchema()
        let top = Snippet.errors("{}")
        #expect(try Self.required(schema, []) == Self.requiredKeys(top, "$"))
        let entities = Snippet.errors(#"{"brokers": [{}], "producers": [{}], "consumers": [{}], "faults": [{}]}"#)
        #expect(try Self.required(schema, ["$defs", "fault"]) == Self.requiredKeys(entities, "$.faults[0]"))
        #expect(try Self.required(schema, ["$defs", "broker"]) == Self.requiredKeys(entities, "$.brokers[0]"))
        #expect(try Self.required(schema, ["$defs", "producer"]) == Self.requiredKeys(entities, "$.producers[0]"))
        #expect(try Self.required(schema, ["$defs", "consumer"]) == Self.requiredKeys(entities, "$.consumers[0]"))
        // Spot-check that the derivation sees something.
        #expect(Self.requiredKeys(entities, "$.consumers[0]") == ["name", "consumeFrom", "service"])

        let services = Self.distributionsWithParameters.map { #"{"name": "c", "consumeFrom": "q", "service": {"\#($0)": {}}}"# }
        let parameters = Snippet.errors(#"{"consumers": [\#(services.joined(separator: ", "))], "producers": [{"arrivals": {"poisson": {}}}, {"arrivals": {"schedule": [{}]}}]}"#)
        for (index, kind) in Self.distributionsWithParameters.enumerated() {
            #expect(try Self.required(schema, Self.branch(schema, "distribution", kind))
                == Self.requiredKeys(parameters, "$.consumers[\(index)].service.\(kind)"), "\(kind)")
        }
        #expect(try Self.required(schema, Self.branch(schema, "arrivals", "poisson"))
            == Self.requiredKeys(parameters, "$.producers[0].arrivals.poisson"))
        #expect(try Self.required(schema, ["$defs", "scheduleStep"])
            == Self.requiredKeys(parameters, "$.producers[1].arrivals.schedule[0]"))
    }

    @Test("distribution kinds, arrival kinds and broker types match the reader's lists")
    func enumerations() throws {
        let schema = try Self.loadSchema()
        #expect(try Set(Self.kinds(schema, "distribution")) == Set(ScenarioReader.distributionKinds))
        #expect(try Set(Self.kinds(schema, "arrivals")) == Set(ScenarioReader.arrivalKinds))
        let type = try Self.object(schema, ["$defs", "broker", "properties", "type"])
        #expect(type["enum"] as? [String] == ScenarioReader.brokerTypes)
        let description = try #require(type["description"] as? String)
        #expect(description.contains("Runs in this version of mqlab: " + ScenarioReader.implementedBrokerTypes.joined(separator: ", ") + ";"))
        #expect(try Self.object(schema, ["$defs", "broker", "properties", "partitioner"])["enum"] as? [String] == ScenarioReader.partitioners)
    }

    @Test("every declared key has a description and every object forbids unknown keys")
    func everyKeyDocumented() throws {
        let schema = try Self.loadSchema()
        var undocumented: [String] = []
        var open: [String] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? Object {
                if let properties = object["properties"] as? Object {
                    // `if` conditions test a key's value and must stay open to the others.
                    if object["additionalProperties"] as? Bool != false && !path.hasSuffix("/then") && !path.hasSuffix("/if") {
                        open.append(path)
                    }
                    for (key, property) in properties {
                        let p = property as? Object ?? [:]
                        if p["description"] == nil && !path.contains("/then") && !path.hasSuffix("/if") { undocumented.append("\(path)/\(key)") }
                    }
                }
                for (key, child) in object { walk(child, "\(path)/\(key)") }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { walk(child, "\(path)/\(index)") }
            }
        }
        walk(schema, "#")
        #expect(undocumented.isEmpty, "\(undocumented.sorted())")
        #expect(open.isEmpty, "\(open.sorted())")
    }

    /// A scenario with `probe` in every routing object: subscription, binding, message,
    /// weighted choice, request and publish action.
    static var routingProbeDocument: String {
        let z = #""\#(probe)": 1"#
        return """
        {"name": "s", "brokers": [{"name": "q"}, {"name": "r"},
          {"name": "t", "type": "topic", "subscriptions": [{"name": "a", "queue": "q", \(z)}]},
          {"name": "x", "type": "exchange", "exchangeType": "direct", "bindings": [{"queue": "q", \(z)}]}],
         "producers": [{"name": "p", "publishTo": "x", "count": 1, "arrivals": {"poisson": {"rate": 1}},
           "message": {"routingKey": {"oneOf": ["a"], \(z)}, \(z)}, "request": {"replyTo": "r", "timeout": 1, \(z)}}],
         "consumers": [{"name": "c", "consumeFrom": "q", "service": {"constant": 1}, "onSuccess": [{"publishTo": "q", \(z)}]}]}
        """
    }

    static let routingObjects: [(definition: String, path: String)] = [
        ("subscription", "$.brokers[2].subscriptions[0]"), ("binding", "$.brokers[3].bindings[0]"),
        ("message", "$.producers[0].message"), ("weightedChoice", "$.producers[0].message.routingKey"),
        ("request", "$.producers[0].request"), ("publishAction", "$.consumers[0].onSuccess[0]"),
    ]

    @Test("routing objects declare the keys the reader accepts and requires")
    func routingKeys() throws {
        let schema = try Self.loadSchema()
        let errors = Snippet.uncappedErrors(Self.routingProbeDocument)
        for (definition, path) in Self.routingObjects {
            #expect(try Self.propertyNames(schema, ["$defs", definition]) == Self.acceptedKeys(errors, path), "\(definition)")
        }
        let empty = Snippet.errors("""
            {"brokers": [{"name": "t", "type": "topic", "subscriptions": [{}]}, {"name": "x", "type": "exchange", "exchangeType": "direct", "bindings": [{}]}],
             "producers": [{"message": {"routingKey": {}}, "request": {}}], "consumers": [{"onSuccess": [{}]}]}
            """)
        let emptyPaths = ["$.brokers[0].subscriptions[0]", "$.brokers[1].bindings[0]", "$.producers[0].message",
                          "$.producers[0].message.routingKey", "$.producers[0].request", "$.consumers[0].onSuccess[0]"]
        for ((definition, _), path) in zip(Self.routingObjects, emptyPaths) {
            #expect(try Self.required(schema, ["$defs", definition]) == Self.requiredKeys(empty, path), "\(definition)")
        }
        #expect(Self.requiredKeys(empty, "$.producers[0].request") == ["replyTo", "timeout"])
        let exchangeTypes = try Self.object(schema, ["$defs", "broker", "properties", "exchangeType"])
        #expect(exchangeTypes["enum"] as? [String] == ScenarioReader.exchangeTypes)
    }

    /// Duration strings and whether the reader accepts them as a warmup (≥ 0).
    static let durationExamples: [(text: String, valid: Bool)] = [
        ("250ms", true), ("1.5s", true), ("2m", true), ("1h", true), ("7d", true), ("500us", true),
        ("500µs", true), ("10ns", true), ("30", true), ("1e3", true), ("+5", true), (" 2m ", true),
        ("2m30s", true), ("1h 30m", true), (".5s", true), ("5.s", true), ("0s", true),
        ("10 parsecs", false), ("5 sec", false), ("5S", false), ("ms", false), ("", false), ("2 mins", false),
        ("-5s", false), ("2m30", false), ("1.2.3s", false), ("s5", false),
    ]

    @Test("the schema's duration pattern accepts exactly the strings the reader accepts", arguments: durationExamples)
    func durationPattern(_ text: String, _ valid: Bool) throws {
        let schema = try Self.loadSchema()
        let branches = try #require(try Self.object(schema, ["$defs", "duration"])["oneOf"] as? [Object])
        let pattern = try #require(branches.compactMap { $0["pattern"] as? String }.first)
        let regex = try NSRegularExpression(pattern: pattern)
        let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(matches == valid)
        let errors = Snippet.errors(Snippet.document(top: #""warmup": "\#(text)""#))
        #expect(errors.isEmpty == valid, "\(errors)")
    }
}
