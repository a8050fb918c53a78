import Foundation
import ScenarioFormat

/// Builds scenario documents for tests: a small valid scenario whose parts can be replaced
/// one at a time, so each bad-input case changes exactly one thing.
///
/// The default document is one queue `jobs`, a producer `web` publishing 100 messages at a
/// Poisson rate of 10/s, and a consumer `workers` taking a constant 10 ms each.
public enum Snippet {
    public static let defaultArrivals = #"{"poisson": {"rate": 10}}"#
    public static let defaultService = #"{"constant": "10ms"}"#

    /// A whole document. `top` is spliced in after `"name"`; each list is the raw JSON text of
    /// the array's elements.
    public static func document(
        top: String = "",
        name: String? = #""name": "s""#,
        brokers: String? = #"{"name": "jobs"}"#,
        producers: String? = nil,
        consumers: String? = nil
    ) -> String {
        var fields: [String] = []
        if let name { fields.append(name) }
        if !top.isEmpty { fields.append(top) }
        if let brokers { fields.append(#""brokers": [\#(brokers)]"#) }
        fields.append(#""producers": [\#(producers ?? producer())]"#)
        fields.append(#""consumers": [\#(consumers ?? consumer())]"#)
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One producer object; `rest` is spliced in (e.g. `"count": 5`).
    public static func producer(
        name: String = "web", publishTo: String? = "jobs", arrivals: String? = defaultArrivals,
        _ rest: String = #""count": 100"#
    ) -> String {
        var fields = [#""name": "\#(name)""#]
        if let publishTo { fields.append(#""publishTo": "\#(publishTo)""#) }
        if let arrivals { fields.append(#""arrivals": \#(arrivals)"#) }
        if !rest.isEmpty { fields.append(rest) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One consumer object; `rest` is spliced in (e.g. `"instances": 4`).
    public static func consumer(
        name: String = "workers", consumeFrom: String? = "jobs", service: String? = defaultService,
        _ rest: String = ""
    ) -> String {
        var fields = [#""name": "\#(name)""#]
        if let consumeFrom { fields.append(#""consumeFrom": "\#(consumeFrom)""#) }
        if let service { fields.append(#""service": \#(service)"#) }
        if !rest.isEmpty { fields.append(rest) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A document whose consumer's service time is `distribution`.
    public static func service(_ distribution: String) -> String {
        document(consumers: consumer(service: distribution))
    }

    /// A document whose producer's arrivals are `arrivals`.
    public static func arrivals(_ arrivals: String) -> String {
        document(producers: producer(arrivals: arrivals))
    }

    /// Ten messages 1 s apart (constant rate 1/s) into the queue `jobs` (a second queue `dlq`
    /// stands by), one consumer `workers` taking a constant 0.5 s each: every latency is exact
    /// (end-to-end 0.5 s, queue wait 0). `extra` is spliced in after the consumers; `expect` is
    /// the raw JSON of the `expect` key.
    public static func tenMessages(expect: String, name: String = "small", extra: String = "") -> String {
        """
        {"name": "\(name)", "seed": 1,
         "brokers": [{"name": "jobs", "type": "queue"}, {"name": "dlq"}],
         "producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1}}, "count": 10}],
         "consumers": [{"name": "workers", "consumeFrom": "jobs", "service": {"constant": "500ms"}}]\(extra),
         "expect": \(expect)}
        """
    }

    /// The errors `Scenario.decode` reports for `data` (read as the file `s.json`); empty if
    /// it decodes.
    public static func errors(_ data: Data) -> [ScenarioError] {
        do {
            _ = try Scenario.decode(data, file: "s.json")
            return []
        } catch {
            return error.errors
        }
    }

    /// The errors `Scenario.decode` reports for `json`; empty if it decodes.
    public static func errors(_ json: String) -> [ScenarioError] { errors(Data(json.utf8)) }
}
