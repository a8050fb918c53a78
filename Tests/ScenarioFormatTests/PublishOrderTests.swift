import Foundation
import Testing
@testable import ScenarioFormat
import MessagingModels
import SimulationKernel

/// `profile.publishInOrder`: publishes with a random latency keep their send order.
@Suite struct PublishOrderTests {
    /// One key, publishes 1 ms apart, a publish latency spread over 0 … 20 ms: drawn
    /// independently, later publishes overtake earlier ones (ordering violations); stored in
    /// send order, none do, and each publish waits for the slowest one sent before it.
    @Test(arguments: [false, true])
    func publishesKeepTheirOrderOnlyWhenAsked(_ inOrder: Bool) throws {
        let json = """
        {"name": "order", "seed": 3, "duration": "20s",
         "brokers": [{"name": "jobs", "profile": {"publishLatency": {"uniform": {"min": "0ms", "max": "20ms"}}, "publishInOrder": \(inOrder)}}],
         "producers": [{"name": "p", "publishTo": "jobs", "arrivals": {"constant": {"rate": 1000}}, "message": {"key": "k"}}],
         "consumers": [{"name": "c", "consumeFrom": "jobs", "service": {"constant": "10us"}}]}
        """
        let scenario = try Scenario.decode(Data(json.utf8), file: "order.json")
        #expect(scenario.model.queues[0].profile?.publishInOrder == inOrder)
        let result = TestModels.run(scenario.model)
        let violations = result.metrics.ordering?.violations ?? 0
        let mean = try #require(result.metrics.queues[0].ingress.publishLatency.mean)
        if inOrder {
            // Each publish waits for the slowest of the ~20 sent in the 20 ms before it.
            #expect(violations == 0)
            #expect(mean > 0.015 && mean <= 0.020, "mean \(mean)")
        } else {
            #expect(violations > 1_000)
            #expect(abs(mean - 0.010) < 0.000_5, "mean \(mean)")   // uniform 0 … 20 ms
        }
    }
}
