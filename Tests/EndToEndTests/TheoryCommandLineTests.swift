import Foundation
import Testing

/// `mqlab theory` through the built binary: the shared analytic vectors to 1e-9 in its JSON,
/// sizing with --target, the unstable wording and usage errors.
@Suite struct TheoryCommandLineTests {
    struct Case: Sendable, CustomStringConvertible {
        var fields: [String: Double]
        var model: String
        var description: String { "\(model) λ=\(fields["arrivalRate"] ?? 0) c=\(Int(fields["servers"] ?? 0))" }
    }

    static let cases: [Case] = {
        Fixtures.caseList("queueing.json").compactMap { c in
            guard let model = c["model"] as? String else { return nil }
            return Case(fields: c.compactMapValues { ($0 as? NSNumber)?.doubleValue }, model: model)
        }
    }()

    static func arguments(_ c: Case) -> [String] {
        var args = ["theory", "--arrival-rate", "\(c.fields["arrivalRate"] ?? 0)",
                    "--service-mean", "\(c.fields["meanServiceSeconds"] ?? 0)",
                    "--instances", "\(Int(c.fields["servers"] ?? 0))", "--format", "json"]
        switch c.model {
        case "M/D/1": args += ["--service", "constant"]
        case "M/G/1": args += ["--service", "scv:\(c.fields["serviceSCV"] ?? 1)"]
        default: break
        }
        return args
    }

    @Test(arguments: cases)
    func jsonMatchesTheSharedVectors(_ c: Case) throws {
        let outcome = try CLIRunner.run(Self.arguments(c))
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        func figure(_ path: String) -> Double? {
            var node: Any? = json
            for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
            return (node as? NSNumber)?.doubleValue
        }
        #expect(json["model"] as? String == c.model)
        #expect(json["stable"] as? Bool == true)
        for (field, path) in [("rho", "utilization"), ("P_wait", "probabilityOfWaiting"), ("Wq", "queueWait.mean"),
                              ("W", "endToEnd.mean"), ("Lq", "queueLength.mean"), ("L", "systemLength.mean")] {
            let expected = try #require(c.fields[field])
            let found = try #require(figure(path), "\(path) missing")
            #expect(abs(found - expected) < 1e-9, "\(path): \(found) vs \(expected)")
        }
    }

    @Test func targetGivesTheFewestInstances() throws {
        let outcome = try CLIRunner.run(["theory", "--arrival-rate", "500", "--service-mean", "50ms",
                                         "--target", "queueWait.p99 < 200ms", "--format", "json"])
        #expect(outcome.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["instances"] as? Int == 27)
        #expect((json["target"] as? [String: Any])?["instances"] as? Int == 27)
        let p99 = try #require((json["queueWait"] as? [String: Any])?["p99"] as? Double)
        #expect(p99 < 0.2)
        // 26 instances miss it (p99 ≈ 218 ms).
        let fewer = try CLIRunner.run(["theory", "--arrival-rate", "500", "--service-mean", "50ms", "--instances", "26", "--format", "json"])
        let fewerJSON = try #require(try JSONSerialization.jsonObject(with: Data(fewer.stdout.utf8)) as? [String: Any])
        #expect(try #require((fewerJSON["queueWait"] as? [String: Any])?["p99"] as? Double) >= 0.2)
    }

    @Test func unstableTextSaysPercentilesAreATransient() throws {
        let outcome = try CLIRunner.run(["theory", "--arrival-rate", "2", "--service-mean", "1s"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains("stable        no: utilization ≥ 1"))
        #expect(outcome.stdout.contains("describe a transient that grows with the run's length"))
        #expect(outcome.stdout.contains("utilization   200%"))
    }

    @Test func capacityGivesBlocking() throws {
        // M/M/1 with 2 waiting places (K = 3), ρ = 0.5: blocking = 0.125 / 1.875.
        let outcome = try CLIRunner.run(["theory", "--arrival-rate", "0.5", "--service-mean", "1", "--capacity", "2", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["model"] as? String == "M/M/c/K")
        #expect(abs(try #require(json["blockingProbability"] as? Double) - 0.125 / 1.875) < 1e-12)
    }

    static let bad: [(arguments: [String], message: String)] = [
        (["theory", "--service-mean", "1s"], "error: missing --arrival-rate"),
        (["theory", "--arrival-rate", "-3", "--service-mean", "1s"], "error: --arrival-rate expects a rate per second > 0"),
        (["theory", "--arrival-rate", "3", "--service-mean", "fast"], #"error: --service-mean expects a duration > 0 such as "50ms", found "fast""#),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--service", "gamma"], "error: --service expects exponential, constant or scv:X"),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--instances", "0"], "error: --instances expects an integer from 1"),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--target", "queueWiat.p99 < 1s"], #"(did you mean "queueWait.p99"?)"#),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--target", "queueWait.p99 > 1s"], "error: --target expects \"FIGURE < VALUE\""),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--target", "endToEnd.mean < 0.5s"], "no number of instances up to 10000000 meets it"),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--service", "constant", "--instances", "4"], "M/D/4 (non-exponential service with more than one server) has no closed form"),
        (["theory", "--arrival-rate", "3", "--service-mean", "1s", "--formt", "json"], "error: unknown option --formt (did you mean --format?)"),
    ]

    @Test func badArgumentsExitTwoWithAMessage() throws {
        for (arguments, message) in Self.bad {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments)")
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test func helpListsTheCommand() throws {
        let overview = try CLIRunner.run(["help"])
        #expect(overview.stdout.contains("theory           queueing-theory figures"))
        let help = try CLIRunner.run(["help", "theory"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("--target T"))
    }
}
