import Foundation
import Testing
import MessagingModels
import ScenarioFormat
import SimulationKernel
@testable import Reporting

/// The time series of a report: spacing (`report.sampleEvery` or about 500 points), counts
/// that add up to the message counts, depth maxima that keep the peak, the reader's checks,
/// and the `time,metric,entity,value` CSV.
@Suite struct SeriesTests {
    static func report(_ name: String, _ overrides: [String] = []) throws -> Report {
        let path = RendererConsistencyTests.scenarios.appendingPathComponent(name + ".json").path
        let scenario = try Scenario.load(path: path, overrides: overrides.map { try ScenarioOverride($0) })
        return TestModels.report(scenario.model, description: scenario.description)
    }

    /// Constant arrivals at 10/s, 100 messages, one consumer taking 10 ms each; `report` is
    /// spliced in at the top level.
    static func document(_ report: String) -> String {
        #"{"name": "s", "seed": 3, \#(report), "brokers": [{"name": "jobs"}], "#
            + #""producers": [{"name": "web", "publishTo": "jobs", "arrivals": {"constant": {"rate": 10}}, "count": 100}], "#
            + #""consumers": [{"name": "w", "consumeFrom": "jobs", "service": {"constant": "10ms"}}]}"#
    }

    @Test func countSeriesKeepsEveryEventWhenItsBucketsDouble() {
        var series = CountSeries(bucket: SimDuration(seconds: 1), capacity: 4)
        for second in 0..<10 { series.add(second + 1, at: SimTime.zero + SimDuration(seconds: Double(second) + 0.5)) }
        // 0.5 s … 9.5 s in 4 buckets: 1 s → 2 s → 4 s wide, each the sum of what it covers.
        #expect(series.bucketSeconds == 4)
        #expect(series.counts == [1 + 2 + 3 + 4, 5 + 6 + 7 + 8, 9 + 10])
    }

    /// Constant arrivals, 10 per second, sampled every second: ten publishes and ten acks in
    /// each full second, and the totals are the report's counts.
    @Test func sampleEverySetsTheIntervalsExactly() throws {
        let scenario = try Scenario.decode(Data(Self.document(#""report": {"sampleEvery": "1s"}"#).utf8), file: "s.json")
        #expect(scenario.model.sampleEvery == SimDuration(seconds: 1))
        let report = TestModels.report(scenario.model)
        let series = try #require(report.timeSeries)
        #expect(series.intervalSeconds == 1)
        #expect(series.published.reduce(0, +) == report.messages.published && report.messages.published == 100)
        #expect(series.acked.reduce(0, +) == report.messages.acked)
        #expect(series.published.count == 11 && series.published.dropFirst().dropLast().allSatisfy { $0 == 10 })
        #expect(report.brokers["jobs"]?.depthSeries.bucketSeconds == 1)
    }

    /// Without `report`, a 10-minute run gets 500 intervals of 1.2 s (plus the drain), the
    /// depth series keeps its old default, and the totals add up.
    @Test func theDefaultIsAboutFiveHundredPoints() throws {
        let report = try Self.report("task-queue")
        let series = try #require(report.timeSeries)
        #expect(abs(series.intervalSeconds - 1.2) < 1e-12)
        #expect((500...520).contains(series.published.count))
        #expect(series.published.count == series.acked.count)
        #expect(series.published.reduce(0, +) == report.messages.published)
        #expect(series.acked.reduce(0, +) == report.messages.acked)
        #expect(report.brokers["jobs"]?.depthSeries.bucketSeconds == 8)
        // Mean publish rate over the publishing window ≈ the 80/s arrival rate.
        let published = series.published.prefix(500).reduce(0, +)
        #expect(abs(Double(published) / 600 - 80) < 2)
    }

    /// A finer `sampleEvery` gives finer depth buckets whose maximum is still the queue's
    /// maximum depth (a bucket keeps its largest value), and stream commits count as acks.
    @Test func sampleEveryGovernsDepthAndThroughput() throws {
        let report = try Self.report("task-queue", ["report.sampleEvery=250ms"])
        let depth = try #require(report.brokers["jobs"]).depthSeries
        #expect(depth.bucketSeconds == 0.25)
        #expect(depth.max.count >= 2400)
        #expect(depth.max.max() == report.brokers["jobs"]?.depth.max)
        #expect(report.timeSeries?.intervalSeconds == 0.25)
        #expect(report.timeSeries?.acked.reduce(0, +) == report.messages.acked)
        let stream = try Self.report("kafka-consumer-group", ["report.sampleEvery=2s"])
        #expect(stream.timeSeries?.intervalSeconds == 2)
        #expect(stream.timeSeries?.published.reduce(0, +) == stream.messages.published)
        #expect(stream.timeSeries?.acked.reduce(0, +) == stream.messages.acked)
    }

    @Test func seriesCSVHasOneRowPerPoint() throws {
        let scenario = try Scenario.decode(Data(Self.document(#""report": {"sampleEvery": "1s"}"#).utf8), file: "s.json")
        let report = TestModels.report(scenario.model)
        let csv = try SeriesCSVRenderer().render([report])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "time,metric,entity,value")
        #expect(lines.contains("1,publishedPerSecond,all,10"))
        #expect(lines.contains("1,ackedPerSecond,all,10"))
        #expect(lines.filter { $0.hasPrefix("0,depthMax,jobs,") }.count == 1)
        let series = try #require(report.timeSeries)
        let latencyRows = series.endToEndP50.compactMap { $0 }.count + series.endToEndP99.compactMap { $0 }.count
        #expect(latencyRows > 0)
        #expect(lines.count == 1 + 2 * series.published.count + latencyRows + (report.brokers["jobs"]?.depthSeries.max.count ?? 0))
        // Constant 10 ms service, no waiting: every interval's p50 is 10 ms within 6.25%.
        for line in lines where line.contains(",endToEndP50,") {
            let value = try #require(Double(line.split(separator: ",")[3]))
            #expect(abs(value - 0.01) <= 0.01 * 0.0625, "\(line)")
        }
        // Several reports: entities name their scenario.
        var other = report
        other.scenario = "b,c"
        let two = try SeriesCSVRenderer().render([report, other])
        #expect(two.contains("\n1,publishedPerSecond,s/all,10\n") && two.contains("\n1,publishedPerSecond,\"b,c/all\",10\n"))
    }
}
