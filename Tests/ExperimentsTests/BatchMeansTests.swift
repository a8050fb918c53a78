import Foundation
import Testing
@testable import Experiments
import QueueingTheory
import ScenarioFormat

/// Batch means: the traced latencies are the report's, and the interval covers M/M/1 theory.
@Suite struct BatchMeansTests {
    /// With one observation per batch, the mean of the batch means is the mean of every
    /// observed latency: it equals the report's own mean, so the trace-rebuilt latencies are
    /// the same observations the report's histograms saw.
    @Test func tracedLatenciesAreTheReportsObservations() throws {
        let scenario = try ReplicationTests.queue(rate: 1.8, instances: 3, count: 600, seed: 3)
        let report = Runner.run(scenario).report
        let count = report.latency.queueWait.count
        let (_, estimates) = BatchMeans.run(scenario, batches: count)
        let queueWait = try #require(estimates.queueWait)
        #expect(queueWait.observations == count && queueWait.batchSize == 1)
        #expect(abs(queueWait.estimate.mean - (report.latency.queueWait.mean ?? .nan)) < 1e-9)
        let endToEnd = try #require(estimates.endToEnd)
        #expect(endToEnd.observations == report.latency.endToEnd.count)
        #expect(abs(endToEnd.estimate.mean - (report.latency.endToEnd.mean ?? .nan)) < 1e-9)
    }

    /// 20 seeded runs of M/M/1 at utilization 0.5 (8,000 messages, 10 batches of about 790):
    /// at a true coverage of 95%, fewer than 16 covered has probability about 0.3% (binomial).
    @Test func intervalCoversTheMM1MeanQueueWait() throws {
        let theory = 1.0   // M/M/1, λ = 0.5/s, mean service 1 s: Wq = ρ/(μ − λ) = 1 s
        var covered = 0
        for trial in 0..<20 {
            let scenario = try ReplicationTests.queue(rate: 0.5, instances: 1, count: 8000, seed: 500 + trial)
            let (_, estimates) = BatchMeans.run(scenario, batches: 10)
            if try #require(estimates.queueWait).estimate.covers(theory) { covered += 1 }
        }
        #expect(covered >= 16, "covered \(covered) of 20")
    }

    @Test func fewerObservationsThanBatchesGiveNoEstimate() {
        #expect(BatchMeans.figure([1, 2, 3], batches: 4) == nil)
        let figure = BatchMeans.figure([1, 2, 3, 4, 5], batches: 2)
        #expect(figure?.batchSize == 2 && figure?.observations == 4 && figure?.estimate.mean == 2.5)
    }
}
