import Foundation
import Testing
import ScenarioFuzzing

@Suite struct CheckerTests {
    /// Ten messages 1 s apart, 0.5 s service: a sound report to tamper with.
    static let soundReport: String = {
        let scenario = #"{"name": "small", "brokers": [{"name": "q"}], "producers": [{"name": "p", "publishTo": "q", "arrivals": {"constant": {"rate": 1}}, "count": 10}], "consumers": [{"name": "c", "consumeFrom": "q", "service": {"constant": "500ms"}}]}"#
        guard let file = try? InProcessRun.temporaryFile(scenario) else { return "" }
        return InProcessRun.run(file: file).stdout
    }()

    @Test func soundReportHasNoViolations() {
        #expect(Self.soundReport.contains(#""acked" : 10"#))
        #expect(ReportChecker.violations(inReport: Self.soundReport) == [])
    }

    static func tampered(_ change: (inout [String: Any]) -> Void) throws -> [String] {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(soundReport.utf8)) as? [String: Any])
        change(&root)
        let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return ReportChecker.violations(inReport: String(decoding: data, as: UTF8.self))
    }

    static func set(_ root: inout [String: Any], _ path: [String], _ value: Any) {
        guard let head = path.first else { return }
        if path.count == 1 { root[head] = value; return }
        var child = root[head] as? [String: Any] ?? [:]
        set(&child, Array(path.dropFirst()), value)
        root[head] = child
    }

    /// Latency from the intended send counts the messages end-to-end latency counts (a stream
    /// once had none), never with a lower mean.
    @Test func anIntendedSendLatencyOutOfStepIsFound() throws {
        let empty = try Self.tampered { Self.set(&$0, ["brokers", "q", "latency", "fromIntendedSend"], ["count": 0]) }
        #expect(empty == ["$.brokers.q.latency.fromIntendedSend.count 0.0 ≠ endToEnd.count 10.0"])
        let lower = try Self.tampered {
            Self.set(&$0, ["latency", "fromIntendedSend"], ["count": 10, "mean": 0.4, "min": 0.4, "p50": 0.4, "p95": 0.4, "p99": 0.4, "p999": 0.4, "max": 0.4])
        }
        #expect(lower == ["$.latency.fromIntendedSend.mean 0.4 < endToEnd.mean 0.5"])
        let same = try Self.tampered { root in
            let latency = root["latency"] as? [String: Any] ?? [:]
            Self.set(&root, ["latency", "fromIntendedSend"], latency["endToEnd"] ?? [:])
        }
        #expect(same == [])
    }

    /// A polled queue's false empty receives are some of its empty receives, which are some
    /// of its calls.
    @Test func receiveCountsOutOfNestingAreFound() throws {
        let sound = try Self.tampered { Self.set(&$0, ["brokers", "q", "receives"], ["calls": 5, "empty": 3, "falseEmpty": 2]) }
        #expect(sound == [])
        let more = try Self.tampered { Self.set(&$0, ["brokers", "q", "receives"], ["calls": 5, "empty": 6, "falseEmpty": 7]) }
        #expect(more == ["$.brokers.q.receives.empty 6.0 > calls 5.0", "$.brokers.q.receives.falseEmpty 7.0 > empty 6.0"])
    }

    @Test func unbalancedLedgerIsFound() throws {
        let found = try Self.tampered { Self.set(&$0, ["ledger", "destinations", "q", "acked"], 9) }
        #expect(found.contains("$.ledger.destinations.q: entered 10.0 ≠ acked + deadLettered + expired + dropped + lost + remaining = 9.0"))
        #expect(found.contains("$.messages.acked 10.0 ≠ sum over queues and groups 9.0"))
        let flag = try Self.tampered { Self.set(&$0, ["ledger", "balanced"], false) }
        #expect(flag == ["$.ledger.balanced is not true"])
    }

    @Test func disorderedPercentilesAndMeanAreFound() throws {
        let found = try Self.tampered { Self.set(&$0, ["latency", "endToEnd", "p95"], 0.7) }
        #expect(found == ["$.latency.endToEnd: p95 0.7 > p99 0.5"])
        let mean = try Self.tampered { Self.set(&$0, ["latency", "processing", "mean"], 0.6) }
        #expect(mean == ["$.latency.processing: mean 0.6 outside [min 0.5, max 0.5]"])
    }

    @Test func utilizationNegativeFiguresAndDepthAreFound() throws {
        #expect(try Self.tampered { Self.set(&$0, ["consumers", "c", "utilization"], 1.5) } == ["$.consumers.c.utilization = 1.5 is outside [0, 1]"])
        let negative = try Self.tampered { Self.set(&$0, ["brokers", "q", "depth", "max"], -1) }
        #expect(negative.contains("$.brokers.q.depth.max = -1.0 is negative"))
        let depth = try Self.tampered { Self.set(&$0, ["brokers", "q", "depth", "final"], 2) }
        #expect(depth.contains("$.brokers.q.depth.final 2.0 ≠ ledger remaining 0.0 (stopReason completed)"))
        #expect(ReportChecker.violations(inReport: "not json") == ["stdout is not one JSON object"])
    }

    /// The value an expectation compares with is the scenario's, not a figure: a negative one
    /// is a valid requirement (found by fuzzing: `… > -1` on a mutated poison-pills); a
    /// negative measured value is still found.
    @Test func anExpectationsExpectedValueMayBeNegative() throws {
        let expectation: [String: Any] = ["metric": "messages.deadLettered", "op": ">", "expected": -1, "measured": 0, "passed": true]
        #expect(try Self.tampered { $0["expectations"] = [expectation] } == [])
        var wrong = expectation
        wrong["measured"] = -2
        #expect(try Self.tampered { $0["expectations"] = [wrong] } == ["$.expectations[0].measured = -2.0 is negative"])
    }

    @Test func outcomeRules() {
        func outcome(_ status: Int32, signalled: Bool = false, timedOut: Bool = false, out: String = "", err: String = "") -> InputRunner.Outcome {
            InputRunner.Outcome(status: status, signalled: signalled, timedOut: timedOut, stdout: out, stderr: err)
        }
        #expect(OutcomeChecker.failure(of: outcome(2, err: "error: f.json: $.x: bad\n")) == nil)
        #expect(OutcomeChecker.failure(of: outcome(2, err: "Fatal error\n"))?.0 == .unclearError)
        #expect(OutcomeChecker.failure(of: outcome(2, out: "{}", err: "error: x\n"))?.0 == .unclearError)
        #expect(OutcomeChecker.failure(of: outcome(4, signalled: true))?.0 == .signal)
        #expect(OutcomeChecker.failure(of: outcome(0, timedOut: true))?.0 == .timeout)
        #expect(OutcomeChecker.failure(of: outcome(134))?.0 == .exitCode)
        #expect(OutcomeChecker.failure(of: outcome(3, err: "error: stopped\n")) == nil)
        #expect(OutcomeChecker.failure(of: outcome(0, out: Self.soundReport)) == nil)
    }
}
