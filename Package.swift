// swift-tools-version:6.0
// mqlab — a discrete-event workbench for message-queue patterns. No third-party packages:
// the Swift toolchain only (Foundation, Dispatch, Swift Testing). See README.md.
import PackageDescription

// The event loop's state lives in arrays of structs mutated in place; the compiler proves most
// accesses exclusive but not all, and the remaining run-time checks cost about 20% of
// simulation speed (measured on the M/M/1 benchmark). Debug builds, which run the tests,
// keep them.
let hotPathSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "mqlab",
    products: [
        .executable(name: "mqlab", targets: ["mqlab"]),
        .library(name: "MQLabCLI", targets: ["MQLabCLI"]),
        .executable(name: "mqlab-fuzz", targets: ["mqlab-fuzz"]),
    ],
    targets: [
        // Clock, event list, seeded random streams, distributions, streaming statistics.
        // Knows nothing about messaging.
        .target(name: "SimulationKernel", swiftSettings: hotPathSettings),
        // Closed-form queueing results (M/M/c, M/M/c/K, M/G/1, M/M/∞). Depends on nothing and
        // knows nothing about messaging or the simulator.
        .target(name: "QueueingTheory"),
        // Messages, brokers, producers, consumers, policies; emits metrics.
        .target(name: "MessagingModels", dependencies: ["SimulationKernel", "QueueingTheory"], swiftSettings: hotPathSettings),
        // Requirements on report figures (scenario `expect`): the values, units and the catalog
        // of valid metric paths. Depends on nothing; ScenarioFormat reads them, Reporting
        // evaluates them.
        .target(name: "Expectations"),
        // Real technologies (RabbitMQ, Kafka, SQS/SNS, Azure, Redis Streams): presets of
        // defaults and limits with their public sources, latency and capacity calibrations, prices.
        .target(name: "Technologies", dependencies: ["MessagingModels", "SimulationKernel"]),
        // JSON scenario files: decoding, defaults, validation with JSON paths, model building.
        .target(name: "ScenarioFormat", dependencies: ["MessagingModels", "SimulationKernel", "Technologies", "Expectations"]),
        // The report value built from metrics, and one renderer per output format.
        .target(name: "Reporting", dependencies: ["MessagingModels", "SimulationKernel", "QueueingTheory", "Technologies", "Expectations"]),
        // Runs scenarios: once, as parallel replications, or as variants on common random
        // numbers. Every command simulates through it; it knows nothing of the command line.
        .target(name: "Experiments", dependencies: ["ScenarioFormat", "Reporting", "MessagingModels", "SimulationKernel", "Expectations", "Technologies"]),
        // Subcommands, argument scanning, exit codes. `mqlab` is a thin wrapper around it.
        .target(name: "MQLabCLI", dependencies: ["Experiments", "ScenarioFormat", "Reporting", "MessagingModels", "QueueingTheory", "Expectations", "Technologies"]),
        .executableTarget(name: "mqlab", dependencies: ["MQLabCLI"]),
        // Scenario generator, mutator and report property checker; `mqlab-fuzz` runs the built
        // `mqlab` on their inputs for a bounded time (.ci/run does, with a fresh seed).
        .target(name: "ScenarioFuzzing"),
        .executableTarget(name: "mqlab-fuzz", dependencies: ["ScenarioFuzzing"]),

        // Fixtures several test targets share: scenario snippets and bad-input tables, model
        // builders, temporary files, repository and fixture paths, the CLI run as a process or
        // in-process with a captured console, folder snapshots. Only test targets depend on it.
        .target(name: "TestSupport",
                dependencies: ["MQLabCLI", "ScenarioFormat", "Reporting", "MessagingModels", "SimulationKernel"],
                path: "Tests/TestSupport"),

        .testTarget(name: "SimulationKernelTests", dependencies: ["SimulationKernel"]),
        // Test vectors (RabbitMQ's and Kafka's own test cases, AWS's documented SNS filter
        // cases) live in Tests/Fixtures and are read via #filePath.
        .testTarget(name: "QueueingTheoryTests", dependencies: ["QueueingTheory", "TestSupport"]),
        .testTarget(name: "TechnologiesTests", dependencies: ["Technologies", "MessagingModels", "SimulationKernel", "TestSupport"]),
        .testTarget(name: "MessagingModelsTests", dependencies: ["MessagingModels", "SimulationKernel", "QueueingTheory", "TestSupport"]),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "MessagingModels", "QueueingTheory", "Expectations", "Technologies", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "ScenarioFormat", "MessagingModels", "Expectations", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["mqlab", "MQLabCLI", "Technologies", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "ScenarioFormat", "MessagingModels", "SimulationKernel", "Reporting", "Technologies", "QueueingTheory", "TestSupport"]),
        // Generator validity, checker and mutator behaviour, and the saved fuzz regressions
        // (Tests/Fixtures/fuzz-regressions) run in-process through MQLabCLI.
        .testTarget(name: "ScenarioFuzzingTests", dependencies: ["ScenarioFuzzing", "MQLabCLI", "TestSupport"]),
    ]
)
