import Foundation
import Testing

/// The HTML report of every bundled scenario, opened in headless Chromium: the page loads
/// with no console error, every chart the report has data for is in the browser's DOM and
/// draws data, and screenshots (one page per kind of chart, one in dark mode; every page with
/// `MQLAB_SCREENSHOTS=all`) are saved under `.build/screenshots/` for people to look at.
///
/// Needs a Chromium (`chromium`, `chromium-browser` or `google-chrome` on the PATH; `.ci/run`
/// installs Debian's `chromium` package). Without one the test is skipped and says so.
@Suite struct BrowserTests {
    /// The Chromium executable, or nil when none is installed.
    static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        print("⚠️  BrowserTests SKIPPED: no headless Chromium on the PATH (apt-get install chromium); the HTML reports were not opened in a browser")
        return nil
    }()

    static let screenshots = CLIRunner.repositoryRoot.appendingPathComponent(".build/screenshots")

    /// Runs Chromium headless on `page`; returns its standard output and error.
    static func chromium(_ arguments: [String], page: URL) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try #require(chromium)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("mqlab-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0"] + arguments + [page.absoluteString]
        // Standard error goes to a file, so neither pipe can fill up while the other is read.
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let errFile = profile.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let err = try FileHandle(forWritingTo: errFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? err.close()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A screenshot of `page` into `file` (with `extra` flags): Chromium's output, and the
    /// file's size [bytes]. Taken once more if the first attempt wrote nothing — on a machine
    /// busy with other work, headless Chromium now and then exits before writing it.
    static func screenshot(_ page: URL, to file: URL, extra: [String] = []) throws -> (output: (stdout: String, stderr: String), size: Int) {
        func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0 }
        try? FileManager.default.removeItem(at: file)   // a picture of an earlier run proves nothing
        var output = try chromium(extra + ["--window-size=1000,2400", "--screenshot=\(file.path)"], page: page)
        if size() == 0 { output = try chromium(extra + ["--window-size=1000,2400", "--screenshot=\(file.path)"], page: page) }
        return (output, size())
    }

    /// Console messages (errors, uncaught exceptions, failed loads) in Chromium's log.
    static func consoleErrors(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE") || $0.contains("Uncaught") || $0.contains("net::ERR_")
        }
    }

    /// The `data-chart` names of the charts in `dom` whose `<svg>` draws no series path or bar.
    static func charts(in dom: String) -> (all: [String], empty: [String]) {
        var all: [String] = [], empty: [String] = []
        var rest = dom[...]
        while let start = rest.range(of: "<svg") {
            let end = rest[start.lowerBound...].range(of: "</svg>")?.upperBound ?? rest.endIndex
            let svg = rest[start.lowerBound..<end]
            if let name = svg.firstMatch(of: /data-chart="([^"]+)"/)?.1 {
                all.append(String(name))
                let drawn = svg.matches(of: /<path class="series[^"]*" d="M[^"]*[HVL][^"]*"/).count + svg.matches(of: /<rect class="bar[^"]*"[^>]*height="[0-9.]+"/).count
                    + svg.matches(of: /<circle class="point[^"]*"/).count
                if drawn == 0 { empty.append(String(name)) }
            }
            rest = rest[end...]
        }
        return (all, empty)
    }

    /// Scenarios whose page is also saved as a screenshot (every page with
    /// `MQLAB_SCREENSHOTS=all`): one per kind of chart, to keep the test short.
    static let photographed: Set<String> = ["task-queue", "circuit-breaker", "autoscaling", "kafka-consumer-group", "dead-letter-exchange"]

    /// Opens `Reports/<scenario>/report.html` of every bundled scenario: the files the
    /// end-to-end test regenerates and compares byte for byte with a fresh run
    /// (`CommandLineTests.bundledScenariosRunBalancedAndReproduceTheirReports`), so they are
    /// what `mqlab run` renders now, without running the scenarios again here.
    @Test(.enabled(if: chromium != nil, "no headless Chromium (apt-get install chromium): SKIPPED"), .timeLimit(.minutes(3)))
    func everyBundledHTMLReportLoadsInChromiumWithItsCharts() throws {
        let reports = CLIRunner.repositoryRoot.appendingPathComponent("Reports")
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: reports.path).filter {
            FileManager.default.fileExists(atPath: reports.appendingPathComponent($0).appendingPathComponent("report.json").path)
        }.sorted()
        #expect(scenarios.count == CLIRunner.bundledScenarios().count)
        try? FileManager.default.removeItem(at: Self.screenshots)
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let all = ProcessInfo.processInfo.environment["MQLAB_SCREENSHOTS"] == "all"

        // Each scenario: the DOM as the browser built it (and a screenshot); in parallel.
        let results = Results(count: scenarios.count)
        DispatchQueue.concurrentPerform(iterations: scenarios.count) { index in
            let page = reports.appendingPathComponent(scenarios[index]).appendingPathComponent("report.html")
            let dom = try? Self.chromium(["--dump-dom"], page: page)
            var picture: (stdout: String, stderr: String)? = ("", "")
            if all || Self.photographed.contains(scenarios[index]) {
                let shot = Self.screenshots.appendingPathComponent(scenarios[index] + ".png")
                picture = (try? Self.screenshot(page, to: shot))?.output
            }
            results.set(index, (dom, picture))
        }
        for (index, scenario) in scenarios.enumerated() {
            let (dom, picture) = results.get(index)
            let file = reports.appendingPathComponent(scenario).appendingPathComponent("report.html")
            guard let html = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("\(scenario): no Reports/\(scenario)/report.html (regenerate Reports/)")
                continue
            }
            guard let dom, let picture else {
                Issue.record("\(scenario): Chromium did not run")
                continue
            }
            #expect(Self.consoleErrors(dom.stderr + picture.stderr) == [], "\(scenario): console errors")
            #expect(dom.stdout.contains("<h1>"), "\(scenario): the browser's DOM has no heading")
            // The charts the page declares are the ones in the browser's DOM, and each draws data.
            let (written, _) = Self.charts(in: html)
            let (parsed, empty) = Self.charts(in: dom.stdout)
            #expect(!written.isEmpty, "\(scenario): no chart")
            #expect(parsed == written, "\(scenario): charts in the file \(written), in the browser \(parsed)")
            #expect(empty == [], "\(scenario): charts without data")
            for always in ["latency", "utilization", "throughput"] { #expect(parsed.contains(always), "\(scenario): no \(always) chart") }
            if html.contains("<td>queue</td>") { #expect(parsed.contains("depth"), "\(scenario): queues but no depth chart") }
            if all || Self.photographed.contains(scenario) {
                let size = (try? FileManager.default.attributesOfItem(atPath: Self.screenshots.appendingPathComponent(scenario + ".png").path)[.size] as? Int) ?? 0
                #expect(size > 10_000, "\(scenario): no screenshot")
            }
        }
        // One page in dark mode, to look at.
        let dark = try Self.screenshot(reports.appendingPathComponent("task-queue/report.html"),
                                       to: Self.screenshots.appendingPathComponent("task-queue-dark.png"), extra: ["--force-dark-mode"])
        #expect(Self.consoleErrors(dark.output.stderr) == [])
        print("BrowserTests: \(scenarios.count) HTML reports opened in \(Self.chromium!.path); screenshots in \(Self.screenshots.path)")
    }

    /// The pages of `mqlab sweep --format html` and `mqlab compare --format html`, written by
    /// the command line and opened in Chromium: no console error, every chart of the file in the
    /// browser's DOM and drawing data, one chart per metric of the sweep and one overlay per
    /// workload queue of the comparison; screenshots `sweep.png` and `compare.png`.
    @Test(.enabled(if: chromium != nil, "no headless Chromium (apt-get install chromium): SKIPPED"), .timeLimit(.minutes(3)))
    func sweepAndComparePagesLoadInChromiumWithTheirCharts() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let pages: [(name: String, command: [String], charts: [String])] = [
            ("sweep", ["sweep", ExperimentCommandTests.taskQueue, "--set", "consumers.workers.instances=4..8", "--set", "producers.web.count=1000,3000",
                       "--set", "warmup=1s", "--replications", "3", "--format", "html"],
             (1...5).map { "sweep-\($0)" }),
            ("compare", ["compare", CLIRunner.repositoryRoot.appendingPathComponent("Scenarios/compare/poison-pills.json").path,
                         "--technologies", "rabbitmq-quorum,kafka,sqs-standard", "--format", "html"],
             ["compare-latency", "compare-throughput", "compare-backlog", "compare-overlay-1", "compare-overlay-2"]),
        ]
        for page in pages {
            let result = ExperimentCommandTests.run(page.command)
            #expect(result.code == 0, "\(page.name): \(result.err)")
            let file = folder.appendingPathComponent(page.name + ".html")
            try Data(result.out.utf8).write(to: file)
            let dom = try Self.chromium(["--dump-dom"], page: file)
            let shot = try Self.screenshot(file, to: Self.screenshots.appendingPathComponent(page.name + ".png"))
            #expect(Self.consoleErrors(dom.stderr + shot.output.stderr) == [], "\(page.name): console errors")
            let (written, _) = Self.charts(in: result.out)
            let (parsed, empty) = Self.charts(in: dom.stdout)
            // The sweep's default metrics: throughput, p50, p99, the queue's largest depth, the workers' utilization.
            #expect(written == page.charts, "\(page.name): charts \(written)")
            #expect(parsed == written, "\(page.name): charts in the file \(written), in the browser \(parsed)")
            #expect(empty == [], "\(page.name): charts without data")
            #expect(shot.size > 10_000, "\(page.name): no screenshot")
        }
    }

    /// Detection works: a page with a console error and an uncaught exception is caught.
    @Test(.enabled(if: chromium != nil, "no headless Chromium (apt-get install chromium): SKIPPED"))
    func consoleErrorsAreDetected() throws {
        let page = try CLIRunner.temporaryFolder().appendingPathComponent("bad.html")
        try Data("<!DOCTYPE html><p>x</p><script>console.error('boom'); nosuch();</script>".utf8).write(to: page)
        let outcome = try Self.chromium(["--dump-dom"], page: page)
        #expect(Self.consoleErrors(outcome.stderr).count == 2)
    }
}

/// Results written from concurrent iterations, read after them.
private final class Results: @unchecked Sendable {
    private var values: [((stdout: String, stderr: String)?, (stdout: String, stderr: String)?)]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: (nil, nil), count: count) }
    func set(_ index: Int, _ value: ((stdout: String, stderr: String)?, (stdout: String, stderr: String)?)) {
        lock.lock(); values[index] = value; lock.unlock()
    }
    func get(_ index: Int) -> ((stdout: String, stderr: String)?, (stdout: String, stderr: String)?) {
        lock.lock(); defer { lock.unlock() }; return values[index]
    }
}
