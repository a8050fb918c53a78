import Reporting
import ScenarioFormat

/// Loads scenario files for the commands that run or validate them: reading and validating
/// the file (after any `--set` overrides), then checking its `expect` metrics against the
/// report shape of its model.
public enum ScenarioLoader {
    /// The scenario at `path`, its expectations checked (and their metric kinds filled in).
    /// - Throws: `ScenarioErrors`: every problem of the file; then, for a valid file, every
    ///   expectation whose metric is not a numeric report field or whose unit does not fit.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        var scenario = try Scenario.load(path: path, overrides: overrides)
        if !scenario.expectations.isEmpty {
            try scenario.checkExpectations(against: Report.metricCatalog(for: scenario.model, technologies: scenario.technologies,
                                                                         only: scenario.expectations.map(\.path)))
        }
        return scenario
    }
}
