import Foundation
import MessagingModels
import SimulationKernel
import Testing
@testable import ScenarioFormat

extension Snippet {
    /// Every error with every valid key listed (no caps), for tests that read the reader's
    /// valid keys from its messages.
    static func uncappedErrors(_ json: String) -> [ScenarioError] {
        do {
            _ = try Scenario.decode(Data(json.utf8), file: "s.json", limits: .unlimited)
            return []
        } catch {
            return error.errors
        }
    }
}

@Suite("Scenario errors")
struct ScenarioErrorTests {
    typealias S = Snippet

    static let syntax: [BadInput] = [
        BadInput("missing comma", "{\n  \"name\": \"s\"\n  \"brokers\": []\n}", "$",
                 "invalid JSON at line 3, column 3", "missing comma"),
        BadInput("missing comma in an array", "{\"name\": \"s\",\n \"brokers\": [{\"name\": \"a\"} {\"name\": \"b\"}]}", "$",
                 "invalid JSON at line 2, column 28"),
        BadInput("missing value", #"{"name": }"#, "$", "invalid JSON at line 1, column 10"),
        BadInput("single quotes", "{'name': 's'}", "$", "invalid JSON at line 1, column 2"),
        BadInput("comment", "{\n// a comment\n\"name\": \"s\"}", "$", "invalid JSON at line 2, column 1"),
        BadInput("number too large", #"{"name": "s", "seed": 1e400}"#, "$", "invalid JSON", "1e400 is not representable"),
        BadInput("control character in a string", "{\"name\": \"a\u{1}b\"}", "$", "invalid JSON"),
        BadInput("lone surrogate escape", #"{"name": "\ud800"}"#, "$", "invalid JSON"),
        BadInput("two top-level values", #"{"name": "s"} {}"#, "$", "invalid JSON at line 1, column 15"),
        BadInput("truncated", #"{"name": "s", "brokers": [{"name": "#, "$",
                 "invalid JSON: unexpected end of file"),
        BadInput("truncated after key", #"{"name""#, "$", "unexpected end of file"),
        BadInput("not UTF-8", Data([0x7B, 0x0A, 0x20, 0x22, 0xFF, 0x22, 0x7D]), "$",
                 ["not valid UTF-8", "invalid byte 0xFF at line 2, column 3 (byte 4)"]),
        BadInput("UTF-16 byte order mark", Data([0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00]), "$",
                 ["not valid UTF-8", "invalid byte 0xFF at line 1, column 1 (byte 0)"]),
        BadInput("empty file", "", "$", "the file is empty; expected a JSON object"),
        BadInput("blank file", " \n\t\r\n", "$", "the file is empty"),
        BadInput("top level array", #"[{"name": "s"}]"#, "$", "expected an object, found an array of 1"),
        BadInput("top level string", #""task-queue""#, "$", #"expected an object, found "task-queue""#),
        BadInput("top level number", "42", "$", "expected an object, found 42"),
        BadInput("top level null", "null", "$", "expected an object, found null"),
    ]

    static let types: [BadInput] = [
        BadInput("string for an integer", S.document(top: #""seed": "42""#), "$.seed",
                 #"expected an integer from 0 to 9007199254740991, found "42""#),
        BadInput("fraction for an integer", S.document(top: #""seed": 1.5"#), "$.seed",
                 "expected an integer from 0 to 9007199254740991, found 1.5"),
        BadInput("seed beyond 2^53 - 1", S.document(top: #""seed": 9007199254740992"#), "$.seed",
                 "expected an integer ≤ 9007199254740991, found 9007199254740992"),
        BadInput("string for a count", S.document(producers: S.producer(#""count": "100""#)),
                 "$.producers[0].count", #"expected an integer ≥ 1, found "100""#),
        BadInput("number for a string", S.document(name: #""name": 5"#), "$.name",
                 "expected a string, found 5"),
        BadInput("number for a description", S.document(top: #""description": 5"#), "$.description",
                 "expected a string, found 5"),
        BadInput("number for a broker reference", S.document(producers: #"{"name": "web", "publishTo": 1, "arrivals": {"poisson": {"rate": 1}}, "count": 1}"#),
                 "$.producers[0].publishTo", "expected a string, found 1"),
        BadInput("object for an array",
                 #"{"name": "s", "brokers": [{"name": "jobs"}], "producers": [\#(S.producer())], "consumers": {"name": "w"}}"#,
                 "$.consumers", "expected an array, found an object"),
        BadInput("string for an array", #"{"name": "s", "brokers": "jobs", "producers": []}"#,
                 "$.brokers", #"expected an array, found "jobs""#, count: 2),
        BadInput("array for an object", S.document(producers: S.producer(arrivals: "[]")),
                 "$.producers[0].arrivals", "expected an object, found []"),
        BadInput("string for a broker", S.document(brokers: #""jobs""#), "$.brokers[0]",
                 #"expected an object, found "jobs""#, count: 3),
        BadInput("boolean for a rate", S.arrivals(#"{"poisson": {"rate": true}}"#),
                 "$.producers[0].arrivals.poisson.rate", "expected a rate per second > 0 and ≤ 1e9, found true"),
        BadInput("string for a rate", S.arrivals(#"{"constant": {"rate": "10/s"}}"#),
                 "$.producers[0].arrivals.constant.rate", #"found "10/s""#),
        BadInput("boolean for a duration", S.document(top: #""warmup": false"#), "$.warmup",
                 "expected a duration ≥ 0 such as \"250ms\" or a number of seconds, found false"),
        BadInput("object for a duration", S.service(#"{"constant": {"value": "1ms"}}"#),
                 "$.consumers[0].service.constant", "expected a duration ≥ 0 such as \"250ms\" or a number of seconds, found an object"),
        BadInput("number for a distribution", S.document(consumers: S.consumer(service: "0.04")),
                 "$.consumers[0].service", "expected an object, found 0.04"),
        BadInput("string for distribution parameters", S.service(#"{"exponential": "40ms"}"#),
                 "$.consumers[0].service.exponential", #"expected an object, found "40ms""#),
        BadInput("object for an empirical list", S.service(#"{"empirical": {"values": {"a": 1}}}"#),
                 "$.consumers[0].service.empirical.values", "expected an array, found an object"),
        BadInput("string in an empirical list", S.service(#"{"empirical": {"values": ["1ms", true]}}"#),
                 "$.consumers[0].service.empirical.values[1]", "found true"),
        BadInput("object for a schedule", S.arrivals(#"{"schedule": {"at": 0, "rate": 1}}"#),
                 "$.producers[0].arrivals.schedule", "expected an array, found an object"),
        BadInput("number for a schedule step", S.arrivals(#"{"schedule": [5]}"#),
                 "$.producers[0].arrivals.schedule[0]", "expected an object, found 5"),
    ]

    static let unknownKeys: [BadInput] = [
        BadInput("top level near miss", S.document(top: #""sede": 4"#), "$.sede",
                 #"unknown key "sede" (did you mean "seed"?)"#),
        BadInput("top level near miss, camel case", S.document(top: #""drainTimout": "1m""#), "$.drainTimout",
                 #"unknown key "drainTimout" (did you mean "drainTimeout"?)"#),
        BadInput("top level, no near key", S.document(top: #""expectations": {}"#), "$.expectations",
                 #"unknown key "expectations"; valid keys: $schema, version, name, description, seed, duration, warmup, drainTimeout, brokers"#),
        BadInput("top level, odd key name", S.document(top: #""$ref": "x""#), #"$["$ref"]"#,
                 #"unknown key "$ref""#),
        BadInput("broker near miss", S.document(brokers: #"{"name": "jobs", "tpye": "queue"}"#),
                 "$.brokers[0].tpye", #"unknown key "tpye" (did you mean "type"?)"#),
        BadInput("broker, no near key", S.document(brokers: #"{"name": "jobs", "shards": 3}"#),
                 "$.brokers[0].shards", #"unknown key "shards"; valid keys: name, type"#),
        BadInput("producer near miss", S.document(producers: S.producer(#""count": 1, "instnces": 2"#)),
                 "$.producers[0].instnces", #"unknown key "instnces" (did you mean "instances"?)"#),
        BadInput("producer, no near key", S.document(producers: S.producer(#""count": 1, "sizeBytes": 2"#)),
                 "$.producers[0].sizeBytes", "valid keys: name, publishTo, arrivals, count, duration, instances"),
        BadInput("consumer near miss", S.document(consumers: #"{"name": "w", "consumFrom": "jobs", "service": {"constant": 1}}"#),
                 "$.consumers[0].consumFrom", #"unknown key "consumFrom" (did you mean "consumeFrom"?)"#, count: 2),
        BadInput("consumer near miss, optional key", S.document(consumers: S.consumer(#""prefech": 2"#)),
                 "$.consumers[0].prefech", #"unknown key "prefech" (did you mean "prefetch"?)"#),
        BadInput("consumer, no near key", S.document(consumers: S.consumer(#""ackMode": "auto""#)),
                 "$.consumers[0].ackMode", "valid keys: name, consumeFrom, instances, service, prefetch"),
        BadInput("arrival kind near miss", S.arrivals(#"{"posson": {"rate": 10}}"#),
                 "$.producers[0].arrivals.posson", #"unknown arrival process "posson" (did you mean "poisson"?)"#,
                 "expected one of: poisson, constant, interarrival, schedule"),
        BadInput("arrival parameter near miss", S.arrivals(#"{"poisson": {"rate": 10, "rtae": 3}}"#),
                 "$.producers[0].arrivals.poisson.rtae", #"unknown key "rtae" (did you mean "rate"?)"#),
        BadInput("arrival parameter, no near key", S.arrivals(#"{"constant": {"rate": 10, "jitter": "1ms"}}"#),
                 "$.producers[0].arrivals.constant.jitter", #"unknown key "jitter"; valid keys: rate"#),
        BadInput("schedule step parameter", S.arrivals(#"{"schedule": [{"at": 0, "rate": 1, "rampTo": 2}]}"#),
                 "$.producers[0].arrivals.schedule[0].rampTo", #"unknown key "rampTo"; valid keys: at, rate"#),
        BadInput("distribution kind near miss", S.service(#"{"exponental": {"mean": "40ms"}}"#),
                 "$.consumers[0].service.exponental", #"unknown distribution "exponental" (did you mean "exponential"?)"#,
                 "expected one of: constant, exponential, uniform, normal, lognormal, erlang, empirical"),
        BadInput("distribution kind, no near key", S.service(#"{"pareto": {"mean": "40ms"}}"#),
                 "$.consumers[0].service.pareto", #"unknown distribution "pareto"; expected one of"#),
        BadInput("distribution parameter near miss", S.service(#"{"exponential": {"mean": "40ms", "maen": 1}}"#),
                 "$.consumers[0].service.exponential.maen", #"unknown key "maen" (did you mean "mean"?)"#),
        BadInput("distribution parameter, no near key", S.service(#"{"uniform": {"min": 0, "max": 1, "shape": 2}}"#),
                 "$.consumers[0].service.uniform.shape", #"unknown key "shape"; valid keys: min, max"#),
        BadInput("inter-arrival distribution parameter", S.arrivals(#"{"interarrival": {"erlang": {"k": 2, "mean": 1, "rate": 1}}}"#),
                 "$.producers[0].arrivals.interarrival.erlang.rate", #"unknown key "rate"; valid keys: k, mean"#),
    ]

    static let ranges: [BadInput] = [
        BadInput("rate 0", S.arrivals(#"{"poisson": {"rate": 0}}"#),
                 "$.producers[0].arrivals.poisson.rate", "expected a rate per second > 0 and ≤ 1e9, found 0"),
        BadInput("negative rate", S.arrivals(#"{"constant": {"rate": -5}}"#),
                 "$.producers[0].arrivals.constant.rate", "expected a rate per second > 0 and ≤ 1e9, found -5"),
        BadInput("rate above 1e9", S.arrivals(#"{"poisson": {"rate": 2e9}}"#),
                 "$.producers[0].arrivals.poisson.rate", "expected a rate per second > 0 and ≤ 1e9, found 2000000000"),
        BadInput("negative schedule rate", S.arrivals(#"{"schedule": [{"at": 0, "rate": -1}]}"#),
                 "$.producers[0].arrivals.schedule[0].rate", "expected a rate per second from 0 to 1e9, found -1"),
        BadInput("count 0", S.document(producers: S.producer(#""count": 0"#)),
                 "$.producers[0].count", "expected an integer ≥ 1, found 0"),
        BadInput("producer instances 0", S.document(producers: S.producer(#""count": 1, "instances": 0"#)),
                 "$.producers[0].instances", "expected an integer ≥ 1, found 0"),
        BadInput("consumer instances 0", S.document(consumers: S.consumer(#""instances": 0"#)),
                 "$.consumers[0].instances", "expected an integer ≥ 1, found 0"),
        BadInput("negative instances", S.document(consumers: S.consumer(#""instances": -3"#)),
                 "$.consumers[0].instances", "expected an integer ≥ 1, found -3"),
        BadInput("instances above 100000", S.document(consumers: S.consumer(#""instances": 100001"#)),
                 "$.consumers[0].instances", "expected an integer ≤ 100000, found 100001"),
        BadInput("huge instances", S.document(consumers: S.consumer(#""instances": 1e300"#)),
                 "$.consumers[0].instances", "expected an integer ≤ 100000, found 1e+300"),
        BadInput("prefetch 0", S.document(consumers: S.consumer(#""prefetch": 0"#)),
                 "$.consumers[0].prefetch", "expected an integer ≥ 1, found 0"),
        BadInput("negative seed", S.document(top: #""seed": -1"#), "$.seed", "expected an integer ≥ 0, found -1"),
        BadInput("negative warmup", S.document(top: #""warmup": "-5s""#), "$.warmup",
                 #"expected a duration ≥ 0, found "-5s""#),
        BadInput("negative drain timeout", S.document(top: #""drainTimeout": -1"#), "$.drainTimeout",
                 "expected a duration ≥ 0, found -1"),
        BadInput("duration 0", S.document(top: #""duration": 0"#), "$.duration",
                 "expected a duration > 0, found 0"),
        BadInput("duration \"0s\"", S.document(top: #""duration": "0s""#), "$.duration",
                 #"expected a duration > 0, found "0s""#),
        BadInput("producer duration 0", S.document(producers: S.producer(#""duration": "0ms""#)),
                 "$.producers[0].duration", #"expected a duration > 0, found "0ms""#),
        BadInput("duration beyond the clock", S.document(top: #""duration": "1000y""#), "$.duration",
                 #"unknown unit "y""#),
        BadInput("duration above 9e9 s", S.document(top: #""duration": "200000d""#), "$.duration",
                 #"expected a duration > 0 of at most 9e9 s (about 285 years), found "200000d""#),
        BadInput("duration + drainTimeout beyond the clock", S.document(top: #""duration": "100000d", "drainTimeout": "10000d""#),
                 "$.drainTimeout", "expected a drain timeout that ends within the simulation clock's range",
                 "found 864000000 s after a duration of 8640000000 s"),
        BadInput("producer duration + drainTimeout beyond the clock",
                 S.document(top: #""drainTimeout": "10000d""#, producers: S.producer(#""duration": "100000d""#)),
                 "$.producers[0].duration", "ends within the simulation clock's range (≤ 9e9 s, about 285 years), found 8640000000 s"),
        BadInput("rate of one event per 1e12 s", S.arrivals(#"{"poisson": {"rate": 1e-12}}"#),
                 "$.producers[0].arrivals.poisson.rate",
                 "expected a rate per second of at least 1.2e-10 (one per 9e9 s, about 285 years, the simulation clock's range), found 1e-12"),
        BadInput("exponential mean 0", S.service(#"{"exponential": {"mean": 0}}"#),
                 "$.consumers[0].service.exponential.mean", "expected a duration > 0, found 0"),
        BadInput("negative constant", S.service(#"{"constant": "-1ms"}"#),
                 "$.consumers[0].service.constant", #"expected a duration ≥ 0, found "-1ms""#),
        BadInput("negative normal stddev", S.service(#"{"normal": {"mean": 1, "stddev": -1}}"#),
                 "$.consumers[0].service.normal.stddev", "expected a duration ≥ 0, found -1"),
        BadInput("uniform max < min", S.service(#"{"uniform": {"min": "50ms", "max": "10ms"}}"#),
                 "$.consumers[0].service.uniform.max", "expected max ≥ min (0.05 s), found 0.01 s"),
        BadInput("erlang k 0", S.service(#"{"erlang": {"k": 0, "mean": "1ms"}}"#),
                 "$.consumers[0].service.erlang.k", "expected an integer ≥ 1, found 0"),
        BadInput("erlang k fractional", S.service(#"{"erlang": {"k": 2.5, "mean": "1ms"}}"#),
                 "$.consumers[0].service.erlang.k", "expected an integer from 1 to 10000, found 2.5"),
        BadInput("empirical []", S.service(#"{"empirical": {"values": []}}"#),
                 "$.consumers[0].service.empirical.values", "expected at least one duration, found []"),
        BadInput("negative empirical value", S.service(#"{"empirical": {"values": [1, "-2ms"]}}"#),
                 "$.consumers[0].service.empirical.values[1]", #"expected a duration ≥ 0, found "-2ms""#),
        BadInput("inter-arrival gaps of mean 0", S.arrivals(#"{"interarrival": {"constant": 0}}"#),
                 "$.producers[0].arrivals.interarrival", "expected inter-arrival times with a mean > 0"),
        BadInput("no brokers", #"{"name": "s", "brokers": [], "producers": []}"#, "$.brokers",
                 "expected at least one broker, found []", count: 2),
        BadInput("no producers", #"{"name": "s", "brokers": [{"name": "jobs"}], "producers": []}"#,
                 "$.producers", "expected at least one producer, found []"),
        BadInput("empty name", S.document(name: #""name": """#), "$.name", #"expected a non-empty string, found """#),
        BadInput("version 0", S.document(top: #""version": 0"#), "$.version", "expected an integer ≥ 1, found 0"),
        BadInput("version 2", S.document(top: #""version": 2"#), "$.version",
                 "this build reads scenario format versions up to 1, found 2; upgrade mqlab"),
        BadInput("version Int.max, quoted as written", S.document(top: #""version": 9223372036854775807"#), "$.version",
                 "this build reads scenario format versions up to 1, found 9223372036854775807; upgrade mqlab"),
        BadInput("version beyond Int64", S.document(top: #""version": 123456789012345678901234567890"#), "$.version",
                 "versions up to 1, found 123456789012345678901234567890; upgrade mqlab"),
        BadInput("version 1.5", S.document(top: #""version": 1.5"#), "$.version", "expected an integer ≥ 1, found 1.5"),
        BadInput("seed one past 2⁵³, quoted as written", S.document(top: #""seed": 9007199254740993"#), "$.seed",
                 "expected an integer ≤ 9007199254740991, found 9007199254740993"),
        BadInput("count with 17 digits, quoted as written", S.document(producers: S.producer(#""count": 12345678901234567"#)),
                 "$.producers[0].count", "found 12345678901234567"),
        BadInput("duration with 20 digits, quoted as written", S.document(top: #""duration": 12345678901234567890"#), "$.duration",
                 "at most 9e9 s (about 285 years), found 12345678901234567890"),
    ]

    static let durationUnits: [BadInput] = [
        BadInput("unit parsecs", S.document(top: #""warmup": "10 parsecs""#), "$.warmup",
                 #"unknown unit "parsecs"; expected a duration ≥ 0 such as "250ms""#,
                 #"(units: ns, us, ms, s, m, h, d) or a number of seconds, found "10 parsecs""#),
        BadInput("unit sec", S.document(top: #""warmup": "5 sec""#), "$.warmup",
                 #"unknown unit "sec" (did you mean "s"?)"#),
        BadInput("unit mins", S.document(top: #""duration": "2 mins""#), "$.duration",
                 #"unknown unit "mins""#, "expected a duration > 0"),
        BadInput("upper-case unit", S.document(top: #""warmup": "5S""#), "$.warmup",
                 #"unknown unit "S" (did you mean "s"?)"#),
        BadInput("unit without number", S.document(top: #""warmup": "ms""#), "$.warmup",
                 #"found "ms""#),
        BadInput("empty duration", S.document(top: #""warmup": """#), "$.warmup",
                 #"expected a duration ≥ 0 such as "250ms", "1.5s""#, #"found """#),
        BadInput("compound duration without a last unit", S.document(top: #""warmup": "2m30""#), "$.warmup",
                 #"expected a duration ≥ 0 such as "250ms""#, #"found "2m30""#),
        BadInput("compound duration with an unknown unit", S.document(top: #""warmup": "1h30min""#), "$.warmup",
                 #"unknown unit "min""#, #"found "1h30min""#),
        BadInput("plain negative string", S.document(top: #""drainTimeout": "-1""#), "$.drainTimeout",
                 #"expected a duration ≥ 0, found "-1""#),
        BadInput("unit in a distribution", S.service(#"{"exponential": {"mean": "40 msec"}}"#),
                 "$.consumers[0].service.exponential.mean", #"unknown unit "msec" (did you mean "ms"?)"#),
        BadInput("unit in a schedule", S.arrivals(#"{"schedule": [{"at": "2 minutes", "rate": 1}]}"#),
                 "$.producers[0].arrivals.schedule[0].at", #"unknown unit "minutes""#),
    ]

    static let references: [BadInput] = [
        BadInput("publishTo near miss", S.document(producers: S.producer(publishTo: "job")),
                 "$.producers[0].publishTo", #"no broker named "job" (did you mean "jobs"?); brokers: jobs"#),
        BadInput("publishTo, no near name", S.document(brokers: #"{"name": "jobs"}, {"name": "mail"}"#,
                                                      producers: S.producer(publishTo: "billing")),
                 "$.producers[0].publishTo", #"no broker named "billing"; brokers: jobs, mail"#),
        BadInput("consumeFrom near miss", S.document(consumers: S.consumer(consumeFrom: "jbos")),
                 "$.consumers[0].consumeFrom", #"no queue named "jbos" (did you mean "jobs"?)"#),
        BadInput("reference is case-sensitive", S.document(consumers: S.consumer(consumeFrom: "Jobs")),
                 "$.consumers[0].consumeFrom", #"no queue named "Jobs" (did you mean "jobs"?)"#),
        BadInput("duplicate broker", S.document(brokers: #"{"name": "jobs"}, {"name": "jobs", "type": "queue"}"#),
                 "$.brokers[1].name", #"duplicate broker name "jobs"; broker names must be unique"#),
        BadInput("duplicate producer", S.document(producers: S.producer() + ", " + S.producer()),
                 "$.producers[1].name", #"duplicate producer name "web"; producer names must be unique"#),
        BadInput("duplicate consumer", S.document(consumers: S.consumer() + ", " + S.consumer()),
                 "$.consumers[1].name", #"duplicate consumer name "workers"; consumer names must be unique"#),
        BadInput("producer never stops", S.document(producers: S.producer("")), "$.producers[0]",
                 #"producer "web" never stops: set "count" or "duration" on it, or a top-level "duration""#),
        BadInput("unknown broker type", S.document(brokers: #"{"name": "jobs", "type": "queu"}"#),
                 "$.brokers[0].type", #"unknown broker type "queu" (did you mean "queue"?); expected one of: queue, topic, stream, exchange"#),
    ]

    static let missingKeys: [BadInput] = [
        BadInput("missing name", S.document(name: nil), "$.name", #"missing required key "name" (expected a string)"#),
        BadInput("missing brokers", S.document(brokers: nil), "$.brokers",
                 #"missing required key "brokers" (expected an array)"#, count: 3),
        BadInput("missing producers", #"{"name": "s", "brokers": [{"name": "jobs"}]}"#, "$.producers",
                 #"missing required key "producers" (expected an array)"#),
        BadInput("missing broker name", S.document(brokers: #"{"name": "jobs"}, {"type": "queue"}"#),
                 "$.brokers[1].name", #"missing required key "name" (expected a string)"#),
        BadInput("missing producer name", S.document(producers: #"{"publishTo": "jobs", "arrivals": {"poisson": {"rate": 1}}, "count": 1}"#),
                 "$.producers[0].name", #"missing required key "name""#),
        BadInput("missing publishTo", S.document(producers: S.producer(publishTo: nil)),
                 "$.producers[0].publishTo", #"missing required key "publishTo" (expected a string)"#),
        BadInput("missing arrivals", S.document(producers: S.producer(arrivals: nil)),
                 "$.producers[0].arrivals", #"missing required key "arrivals" (expected an object)"#),
        BadInput("missing consumer name", S.document(consumers: #"{"consumeFrom": "jobs", "service": {"constant": 1}}"#),
                 "$.consumers[0].name", #"missing required key "name""#),
        BadInput("missing consumeFrom", S.document(consumers: S.consumer(consumeFrom: nil)),
                 "$.consumers[0].consumeFrom", #"missing required key "consumeFrom" (expected a string)"#),
        BadInput("missing service", S.document(consumers: S.consumer(service: nil)),
                 "$.consumers[0].service", #"missing required key "service" (expected an object)"#),
        BadInput("missing rate", S.arrivals(#"{"poisson": {}}"#), "$.producers[0].arrivals.poisson.rate",
                 #"missing required key "rate" (expected a rate per second > 0 and ≤ 1e9)"#),
        BadInput("missing mean", S.service(#"{"exponential": {}}"#), "$.consumers[0].service.exponential.mean",
                 #"missing required key "mean" (expected a duration such as "250ms")"#),
        BadInput("missing uniform max", S.service(#"{"uniform": {"min": 1}}"#), "$.consumers[0].service.uniform.max",
                 #"missing required key "max""#),
        BadInput("missing erlang k", S.service(#"{"erlang": {"mean": 1}}"#), "$.consumers[0].service.erlang.k",
                 #"missing required key "k" (expected an integer)"#),
        BadInput("missing empirical values", S.service(#"{"empirical": {}}"#), "$.consumers[0].service.empirical.values",
                 #"missing required key "values" (expected an array)"#),
        BadInput("missing schedule at", S.arrivals(#"{"schedule": [{"rate": 1}]}"#), "$.producers[0].arrivals.schedule[0].at",
                 #"missing required key "at""#),
    ]

    static let shapes: [BadInput] = [
        BadInput("distribution with two keys", S.service(#"{"constant": "1ms", "exponential": {"mean": "1ms"}}"#),
                 "$.consumers[0].service",
                 "distribution with exactly one key (one of: constant, exponential, uniform, normal, lognormal, erlang, empirical), found keys constant, exponential"),
        BadInput("distribution with no key", S.service("{}"), "$.consumers[0].service",
                 "distribution with exactly one key", "found {}"),
        BadInput("arrivals with two keys", S.arrivals(#"{"poisson": {"rate": 1}, "constant": {"rate": 1}}"#),
                 "$.producers[0].arrivals",
                 "arrival process with exactly one key (one of: poisson, constant, interarrival, schedule), found keys constant, poisson"),
        BadInput("arrivals with no key", S.arrivals("{}"), "$.producers[0].arrivals",
                 "arrival process with exactly one key", "found {}"),
        BadInput("schedule out of order", S.arrivals(#"{"schedule": [{"at": "1m", "rate": 5}, {"at": "30s", "rate": 10}]}"#),
                 "$.producers[0].arrivals.schedule[1].at", "expected steps in increasing time order, found 30 s after 60 s"),
        BadInput("schedule with a repeated time", S.arrivals(#"{"schedule": [{"at": 0, "rate": 5}, {"at": "0ms", "rate": 10}]}"#),
                 "$.producers[0].arrivals.schedule[1].at", "expected steps in increasing time order"),
        BadInput("schedule all zero", S.arrivals(#"{"schedule": [{"at": 0, "rate": 0}, {"at": "1m", "rate": 0}]}"#),
                 "$.producers[0].arrivals.schedule", "expected at least one step with a rate > 0"),
        BadInput("empty schedule", S.arrivals(#"{"schedule": []}"#), "$.producers[0].arrivals.schedule",
                 #"expected at least one {"at", "rate"} step, found []"#),
    ]

    /// Brokers with these extra brokers after "jobs".
    static func withBrokers(_ extra: String, producers: String? = nil, consumers: String? = nil) -> String {
        S.document(brokers: #"{"name": "jobs"}, "# + extra, producers: producers, consumers: consumers)
    }

    static func exchange(_ rest: String) -> String {
        withBrokers(#"{"name": "x", "type": "exchange", \#(rest)}"#)
    }

    static let routing: [BadInput] = [
        BadInput("unknown exchange type", exchange(#""exchangeType": "topc""#), "$.brokers[1].exchangeType",
                 #"unknown exchange type "topc" (did you mean "topic"?); expected one of: direct, fanout, topic, headers"#),
        BadInput("missing exchange type", exchange(#""bindings": []"#), "$.brokers[1].exchangeType",
                 #"missing required key "exchangeType""#),
        BadInput("binding to a missing queue", exchange(#""exchangeType": "direct", "bindings": [{"queue": "jbos"}]"#),
                 "$.brokers[1].bindings[0].queue", #"no queue named "jbos" (did you mean "jobs"?); queues: jobs"#),
        BadInput("binding to an exchange that is a queue", exchange(#""exchangeType": "fanout", "bindings": [{"exchange": "jobs"}]"#),
                 "$.brokers[1].bindings[0].exchange", #"expected an exchange, but "jobs" is a queue; bind the queue with "queue" instead"#),
        BadInput("binding to both", exchange(#""exchangeType": "fanout", "bindings": [{"queue": "jobs", "exchange": "x"}]"#),
                 "$.brokers[1].bindings[0]", #"expected one of "queue" or "exchange", found both"#),
        BadInput("binding to nothing", exchange(#""exchangeType": "fanout", "bindings": [{"bindingKey": "a"}]"#),
                 "$.brokers[1].bindings[0]", #"missing required key "queue" or "exchange""#),
        BadInput("alternate exchange missing", exchange(#""exchangeType": "direct", "alternateExchange": "unrouted""#),
                 "$.brokers[1].alternateExchange", #"no exchange named "unrouted"; exchanges: x"#),
        BadInput("alternate exchange is a queue", exchange(#""exchangeType": "direct", "alternateExchange": "jobs""#),
                 "$.brokers[1].alternateExchange", #"expected an exchange, but "jobs" is a queue"#),
        BadInput("invalid x-match", exchange(#""exchangeType": "headers", "bindings": [{"queue": "jobs", "arguments": {"x-match": "some", "a": 1}}]"#),
                 "$.brokers[1].bindings[0].arguments.x-match", #"invalid x-match value "some"; expected all, any, all-with-x or any-with-x"#),
        BadInput("x-match of the wrong type", exchange(#""exchangeType": "headers", "bindings": [{"queue": "jobs", "arguments": {"x-match": 23}}]"#),
                 "$.brokers[1].bindings[0].arguments.x-match", "invalid x-match type integer (value 23); expected a string"),
        BadInput("headers binding without arguments", exchange(#""exchangeType": "headers", "bindings": [{"queue": "jobs"}]"#),
                 "$.brokers[1].bindings[0].arguments", #"missing required key "arguments""#),
        BadInput("arguments on a direct exchange", exchange(#""exchangeType": "direct", "bindings": [{"queue": "jobs", "arguments": {"a": 1}}]"#),
                 "$.brokers[1].bindings[0].arguments", #"binding arguments apply to headers exchanges only; this exchange's type is "direct""#),
        BadInput("binding key longer than 255 bytes", exchange(#""exchangeType": "topic", "bindings": [{"queue": "jobs", "bindingKey": "\#(String(repeating: "a", count: 256))"}]"#),
                 "$.brokers[1].bindings[0].bindingKey", "expected a routing key of at most 255 bytes (AMQP shortstr), found 256 bytes"),
        BadInput("exchange keys on a queue", S.document(brokers: #"{"name": "jobs", "bindings": []}"#),
                 "$.brokers[0].bindings", #""bindings" applies to brokers of type "exchange" only; this broker's type is "queue""#),
        BadInput("subscriptions on an exchange", exchange(#""exchangeType": "fanout", "subscriptions": []"#),
                 "$.brokers[1].subscriptions", #""subscriptions" applies to brokers of type "topic" only; this broker's type is "exchange""#),
        BadInput("subscription queue missing", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "emails"}]}"#),
                 "$.brokers[1].subscriptions[0].queue", #"no queue named "emails"; queues: jobs"#),
        BadInput("subscription to a topic", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "t"}]}"#),
                 "$.brokers[1].subscriptions[0].queue", #"expected a queue, but "t" is a topic"#),
        BadInput("duplicate subscription", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "jobs"}, {"name": "s", "queue": "jobs"}]}"#),
                 "$.brokers[1].subscriptions[1].name", #"duplicate subscription name "s""#),
        BadInput("filter operator near miss", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "jobs", "filter": {"r": [{"prefx": "eu"}]}}]}"#),
                 "$.brokers[1].subscriptions[0].filter.r[0].prefx", #"unknown filter operator "prefx" (did you mean "prefix"?)"#),
        BadInput("filter numeric range reversed", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "jobs", "filter": {"p": [{"numeric": ["<", 5, ">", 1]}]}}]}"#),
                 "$.brokers[1].subscriptions[0].filter.p[0].numeric", "with low < high"),
        BadInput("filter number beyond the SNS range", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "jobs", "filter": {"p": [2e9]}}]}"#),
                 "$.brokers[1].subscriptions[0].filter.p[0]", "expected a number from -1e9 to 1e9 (an SNS limit), found 2000000000"),
        BadInput("filter with six keys", withBrokers(#"{"name": "t", "type": "topic", "subscriptions": [{"name": "s", "queue": "jobs", "filter": {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}}]}"#),
                 "$.brokers[1].subscriptions[0].filter", "expected at most 5 attribute names in a filter policy (an SNS limit), found 6"),
        BadInput("topic as consumeFrom", withBrokers(#"{"name": "t", "type": "topic"}"#, consumers: S.consumer(consumeFrom: "t")),
                 "$.consumers[0].consumeFrom", #"expected a queue, but "t" is a topic; a topic stores nothing: subscribe a queue to it ("subscriptions") and use that queue"#),
        BadInput("exchange as consumeFrom", withBrokers(#"{"name": "x", "type": "exchange", "exchangeType": "fanout"}"#, consumers: S.consumer(consumeFrom: "x")),
                 "$.consumers[0].consumeFrom", #"expected a queue, but "x" is an exchange; an exchange stores nothing: bind a queue to it"#),
        BadInput("weights length mismatch", S.document(producers: S.producer(#""count": 1, "message": {"routingKey": {"oneOf": ["a", "b"], "weights": [1]}}"#)),
                 "$.producers[0].message.routingKey.weights", #"expected one weight per value of "oneOf" (2), found 1"#),
        BadInput("negative weight", S.document(producers: S.producer(#""count": 1, "message": {"headers": {"r": {"oneOf": ["eu", "us"], "weights": [1, -1]}}}"#)),
                 "$.producers[0].message.headers.r.weights[1]", "expected a weight ≥ 0, found -1"),
        BadInput("all weights zero", S.document(producers: S.producer(#""count": 1, "message": {"routingKey": {"oneOf": ["a"], "weights": [0]}}"#)),
                 "$.producers[0].message.routingKey.weights", "expected at least one weight > 0"),
        BadInput("empty oneOf", S.document(producers: S.producer(#""count": 1, "message": {"routingKey": {"oneOf": []}}"#)),
                 "$.producers[0].message.routingKey.oneOf", "expected at least one value, found []"),
        BadInput("routing key not a string", S.document(producers: S.producer(#""count": 1, "message": {"routingKey": 5}"#)),
                 "$.producers[0].message.routingKey", "expected a routing key (a string), found 5"),
        BadInput("header value an array", S.document(producers: S.producer(#""count": 1, "message": {"headers": {"tags": ["a"]}}"#)),
                 "$.producers[0].message.headers.tags", "expected a header value (a string, number or boolean), found an array of 1"),
        BadInput("message key near miss", S.document(producers: S.producer(#""count": 1, "message": {"routingkey": "a"}"#)),
                 "$.producers[0].message.routingkey", #"unknown key "routingkey" (did you mean "routingKey"?)"#),
        BadInput("mandatory on a queue publish", S.document(producers: S.producer(#""count": 1, "mandatory": true"#)),
                 "$.producers[0].mandatory", #""mandatory" applies to publishes to an exchange; "jobs" is a queue"#),
        BadInput("mandatory not a boolean", S.document(producers: S.producer(#""count": 1, "mandatory": "yes""#)),
                 "$.producers[0].mandatory", #"expected true or false, found "yes""#),
        BadInput("replyTo not a queue", withBrokers(#"{"name": "x", "type": "exchange", "exchangeType": "fanout"}"#,
                                                    producers: S.producer(#""count": 1, "request": {"replyTo": "x", "timeout": "1s"}"#)),
                 "$.producers[0].request.replyTo", #"expected a queue, but "x" is an exchange"#),
        BadInput("replyTo missing", S.document(producers: S.producer(#""count": 1, "request": {"replyTo": "replies", "timeout": "1s"}"#)),
                 "$.producers[0].request.replyTo", #"no queue named "replies"; queues: jobs"#),
        BadInput("request timeout 0", withBrokers(#"{"name": "r"}"#, producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": 0}"#)),
                 "$.producers[0].request.timeout", "expected a duration > 0, found 0"),
        BadInput("reply queue consumed", withBrokers(#"{"name": "r"}"#, producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#),
                                                     consumers: S.consumer(consumeFrom: "r")),
                 "$.consumers[0].consumeFrom", #"queue "r" is the reply queue of producer "web" (request.replyTo), whose replies the requester consumes itself"#),
        BadInput("reply queue bound to an exchange",
                 withBrokers(#"{"name": "r"}, {"name": "x", "type": "exchange", "exchangeType": "fanout", "bindings": [{"queue": "r"}]}"#,
                             producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#)),
                 "$.producers[0].request.replyTo", #"queue "r" also receives messages from a binding of exchange "x"; a reply queue must receive only replies"#),
        BadInput("reply queue published to by a later producer",
                 withBrokers(#"{"name": "r"}"#, producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#) + ", "
                             + S.producer(name: "other", publishTo: "r")),
                 "$.producers[1].publishTo", #"queue "r" is the reply queue of producer "web" (request.replyTo) and receives only replies"#),
        BadInput("reply queue published to by an earlier producer",
                 withBrokers(#"{"name": "r"}"#, producers: S.producer(name: "other", publishTo: "r") + ", "
                             + S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#)),
                 "$.producers[1].request.replyTo", #"queue "r" also receives the messages of producer "other""#),
        BadInput("two requesters share a reply queue",
                 withBrokers(#"{"name": "r"}"#, producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#) + ", "
                             + S.producer(name: "web2", #""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#)),
                 "$.producers[1].request.replyTo", #"queue "r" is already the reply queue of producer "web"; give each requester its own"#),
        BadInput("onSuccess to a reply queue",
                 withBrokers(#"{"name": "r"}"#, producers: S.producer(#""count": 1, "request": {"replyTo": "r", "timeout": "1s"}"#),
                             consumers: S.consumer(#""onSuccess": [{"publishTo": "r"}]"#)),
                 "$.consumers[0].onSuccess[0].publishTo", #"queue "r" is the reply queue of producer "web" (request.replyTo) and receives only replies"#),
        BadInput("onSuccess publishTo unknown", S.document(consumers: S.consumer(#""onSuccess": [{"publishTo": "paymnts"}]"#)),
                 "$.consumers[0].onSuccess[0].publishTo", #"no broker named "paymnts"; brokers: jobs"#),
        BadInput("onFailure without publishTo", S.document(consumers: S.consumer(#""onFailure": [{"routingKey": "a"}]"#)),
                 "$.consumers[0].onFailure[0].publishTo", #"missing required key "publishTo""#),
        BadInput("failure rate above 1", S.document(consumers: S.consumer(#""failureRate": 1.5"#)),
                 "$.consumers[0].failureRate", "expected a probability from 0 to 1, found 1.5"),
        BadInput("saga outcome near miss", S.document(consumers: S.consumer(#""endsSaga": "complete""#)),
                 "$.consumers[0].endsSaga", #"unknown saga outcome "complete" (did you mean "completed"?); expected one of: completed, compensated"#),
    ]

    static let all = syntax + types + unknownKeys + ranges + durationUnits + references + missingKeys + shapes + routing

    @Test("each bad input is reported at its path", arguments: all)
    func reportsBadInput(_ input: BadInput) {
        let errors = Snippet.errors(input.data)
        let rendered = errors.map(\.description).joined(separator: "\n")
        #expect(errors.count == input.count, "\(rendered)")
        let match = errors.first { $0.path == input.path }
        #expect(match != nil, "no error at \(input.path); got:\n\(rendered)")
        for fragment in input.fragments {
            #expect(match?.message.contains(fragment) == true, "expected \"\(fragment)\" in:\n\(rendered)")
        }
        #expect(errors.allSatisfy { $0.file == "s.json" })
    }

    @Test("a trailing comma is reported with its line and column", arguments: [
        "{\n  \"name\": \"s\",\n}",
        #"{"name": "s", "brokers": [{"name": "jobs"},], "producers": [\#(Snippet.producer())]}"#,
    ])
    func trailingComma(_ json: String) {
        // swift-corelibs-foundation's JSONSerialization (Linux) accepts trailing commas and
        // Darwin's rejects them; the scenario reader rejects them on every platform.
        expectSyntaxError(json)
        #expect(Snippet.errors(json).first?.message.contains("trailing comma") == true)
    }

    private func expectSyntaxError(_ json: String) {
        let errors = Snippet.errors(json)
        #expect(errors.map(\.path) == ["$"])
        #expect(errors.first?.message.hasPrefix("invalid JSON") == true)
    }

    @Test("the bad-input table covers every group and has unique labels")
    func tableIsWellFormed() {
        #expect(Set(Self.all.map(\.label)).count == Self.all.count)
        #expect(Self.all.count > 100)
    }

    @Test("independent problems are all reported, array elements in document order")
    func reportsEveryProblem() {
        let json = Snippet.document(
            producers: [
                Snippet.producer(name: "a", arrivals: #"{"poisson": {"rate": 0}}"#),
                Snippet.producer(name: "b", #""count": 0"#),
            ].joined(separator: ", "),
            consumers: [
                Snippet.consumer(name: "c", #""instances": 0"#),
                Snippet.consumer(name: "d", #""prefetch": 0"#),
            ].joined(separator: ", "))
        let errors = Snippet.errors(json)
        #expect(errors.map(\.path) == [
            "$.producers[0].arrivals.poisson.rate",
            "$.producers[1].count",
            "$.consumers[0].instances",
            "$.consumers[1].prefetch",
        ])
        #expect(errors.map(\.message) == [
            "expected a rate per second > 0 and ≤ 1e9, found 0",
            "expected an integer ≥ 1, found 0",
            "expected an integer ≥ 1, found 0",
            "expected an integer ≥ 1, found 0",
        ])
    }

    @Test("problems in several sections and nesting levels are all reported")
    func reportsProblemsAcrossSections() {
        let json = Snippet.document(
            top: #""seed": -1, "warmup": "5 sec""#,
            brokers: #"{"name": "jobs", "type": "queu"}, {"name": "jobs"}"#,
            producers: Snippet.producer(publishTo: "jbos", arrivals: #"{"posson": {"rate": 1}}"#),
            consumers: Snippet.consumer(service: #"{"uniform": {"min": 2, "max": 1}}"#, #""instances": 0"#))
        let errors = Snippet.errors(json)
        #expect(errors.map(\.path) == [
            "$.seed",
            "$.warmup",
            "$.brokers[0].type",
            "$.brokers[1].name",
            "$.producers[0].publishTo",
            "$.producers[0].arrivals.posson",
            "$.consumers[0].instances",
            "$.consumers[0].service.uniform.max",
        ])
    }

    @Test("unknown keys of one object are all reported, in key order, after its other problems")
    func reportsEveryUnknownKey() {
        let json = Snippet.document(top: #""zeta": 1, "alpha": 2, "seed": "x""#)
        let errors = Snippet.errors(json)
        #expect(errors.map(\.path) == ["$.seed", "$.alpha", "$.zeta"])
    }

    @Test("an error renders as error: FILE: PATH: message")
    func rendersDescription() {
        let errors = Snippet.errors(Snippet.document(
            producers: Snippet.producer(#""count": 0"#),
            consumers: Snippet.consumer(#""instances": 0"#)))
        #expect(errors.count == 2)
        #expect(errors.last?.description
            == "error: s.json: $.consumers[0].instances: expected an integer ≥ 1, found 0")
        #expect(errors.first?.description == "error: s.json: $.producers[0].count: expected an integer ≥ 1, found 0")
        let all = ScenarioErrors(errors)
        #expect(all.description == """
            error: s.json: $.producers[0].count: expected an integer ≥ 1, found 0
            error: s.json: $.consumers[0].instances: expected an integer ≥ 1, found 0
            """)
    }

    @Test("a hand-built error renders its three parts")
    func rendersHandBuiltError() {
        let error = ScenarioError(file: "Scenarios/a b.json", path: #"$["odd key"]"#, message: "bad")
        #expect(error.description == #"error: Scenarios/a b.json: $["odd key"]: bad"#)
    }

    @Test("loading a missing file reports one error at $")
    func loadMissingFile() {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mqlab-no-such-\(UUID().uuidString).json").path
        do {
            _ = try Scenario.load(path: path)
            Issue.record("loading \(path) should fail")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.path == "$")
            #expect(error.errors.first?.file == path)
            #expect(error.errors.first?.message.contains("no such file") == true)
        }
    }

    @Test("loading a directory reports that it is a folder")
    func loadDirectory() {
        let path = FileManager.default.temporaryDirectory.path
        do {
            _ = try Scenario.load(path: path)
            Issue.record("loading the directory \(path) should fail")
        } catch {
            #expect(error.errors.map(\.path) == ["$"])
            #expect(error.errors.first?.message.hasPrefix("is a folder; expected a scenario file") == true)
        }
    }

    @Test("deeply nested JSON is an error, not a crash")
    func deepNesting() {
        let depth = 100_000
        let json = #"{"name": "s", "brokers": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let errors = Snippet.errors(json)
        // Level 1 is the top object, level 2 "$.brokers"; the 101st container is the 100th
        // "[" (column 26 + 99), at $.brokers followed by 99 "[0]".
        let path = "$.brokers" + String(repeating: "[0]", count: 99)
        #expect(errors.map(\.path) == [String(path.prefix(40)) + "…" + String(path.suffix(40))])
        #expect(errors.first?.message.hasPrefix("invalid JSON at line 1, column 125: arrays and objects nested deeper than 100 levels") == true, "\(errors)")
    }

    @Test("Suggestion picks the nearest candidate within a third of the word's length")
    func suggestions() {
        #expect(Suggestion.nearest(to: "instnces", in: ["name", "instances"]) == "instances")
        #expect(Suggestion.nearest(to: "QUEU", in: ScenarioReader.brokerTypes) == "queue")
        #expect(Suggestion.nearest(to: "parsecs", in: DurationSyntax.units.map(\.suffix)) == nil)
        #expect(Suggestion.nearest(to: "x", in: []) == nil)
        #expect(Suggestion.didYouMean("posson", in: ScenarioReader.arrivalKinds) == #" (did you mean "poisson"?)"#)
        #expect(Suggestion.didYouMean("zzzz", in: ScenarioReader.arrivalKinds) == "")
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance([], Array("abc")) == 3)
    }
}
