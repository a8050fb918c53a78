import Reporting
import ScenarioFormat

/// Loads scenario files for the commands that run or validate them: reading and validating
/// the file (after any `--set` overrides), then checking its `expect` metrics against the
/// report shape of its model.
public enum ScenarioLoader {
    /// The scenario at `path`, its expectations checked (and their metric kinds filled in).
    /// - Throws: `ScenarioErrors`: every problem of the file; then, for a valid file, every
    ///   expectation whose metric is not a numeric report field or whose unit does not fit.
    ///   When only some `expect` entries are malformed, the others are checked too and every
    ///   problem of the list is reported, in entry order.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        var scenario: Scenario
        do {
            scenario = try Scenario.load(path: path, overrides: overrides)
        } catch {
            guard var partial = error.expectationsOnly, !partial.expectations.isEmpty else { throw error }
            var all = error.errors
            do {
                try partial.checkExpectations(against: Report.metricCatalog(for: partial.model, technologies: partial.technologies))
            } catch {
                all += error.errors
            }
            // Entry order; a stable sort keeps each entry's own problems in the order found.
            let ordered = all.enumerated().sorted { a, b in
                let (x, y) = (ScenarioErrors.expectationIndex(a.element.path) ?? -1, ScenarioErrors.expectationIndex(b.element.path) ?? -1)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
            throw ScenarioErrors(ordered)
        }
        if !scenario.expectations.isEmpty {
            try scenario.checkExpectations(against: Report.metricCatalog(for: scenario.model, technologies: scenario.technologies,
                                                                         only: scenario.expectations.map(\.path)))
        }
        return scenario
    }
}
