import Foundation
import QueueingTheory
import Reporting
import ScenarioFormat

/// `mqlab theory --arrival-rate R --service-mean D [--service exponential|constant|scv:X]
/// [--instances C|inf] [--capacity N] [--target "queueWait.p99 < 200ms"] [--format F]`: the
/// closed-form steady state of one queue, without a scenario, and with `--target` the fewest
/// instances that meet a service level.
enum TheoryCommand {
    static let usage = "mqlab theory --arrival-rate R --service-mean D [--service exponential|constant|scv:X] [--instances C|inf] [--capacity N] [--target \"FIGURE < VALUE\"] [--format text|json|markdown]"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(
            arguments, valued: ["--arrival-rate", "--service-mean", "--service", "--instances", "--capacity", "--target", "--format"],
            usage: usage, help: Help.theory, console: console)
        guard let args = parsed else { return exit }
        do {
            let request = try Request(args)
            let result = try request.answer()
            let text: String
            switch request.format {
            case "json": text = try json(request, result)
            case "markdown": text = markdown(request, result)
            default: text = plainText(request, result)
            }
            console.out(text)
            return .success
        } catch {
            console.err("error: \(error.message)\nusage: \(usage)\n")
            return .usage
        }
    }

    /// The command line's question.
    struct Request {
        var arrivalRatePerSecond: Double
        var service: ServiceTime
        var servers: QueueingSystem.Servers
        /// Waiting places (as a queue's `capacity`: ready messages); nil = unlimited.
        var waitingRoom: Int?
        var target: TheoryTarget?
        var format: String

        init(_ args: Arguments) throws(UsageError) {
            guard args.positional.isEmpty else { throw UsageError("unexpected argument \"\(args.positional[0])\"") }
            guard let rateText = args.options["--arrival-rate"] else { throw UsageError("missing --arrival-rate (messages per second)") }
            guard let rate = Double(rateText), rate.isFinite, rate > 0, rate <= 1e9 else {
                throw UsageError("--arrival-rate expects a rate per second > 0 and ≤ 1e9, found \"\(rateText)\"")
            }
            guard let meanText = args.options["--service-mean"] else { throw UsageError("missing --service-mean (a duration such as \"50ms\")") }
            guard let mean = DurationSyntax.seconds(meanText), mean > 0, mean <= 1e9 else {
                throw UsageError("--service-mean expects a duration > 0 such as \"50ms\", found \"\(meanText)\"")
            }
            let law = args.options["--service"] ?? "exponential"
            switch law {
            case "exponential": service = .exponential(meanSeconds: mean)
            case "constant": service = .constant(seconds: mean)
            default:
                guard law.hasPrefix("scv:"), let scv = Double(law.dropFirst(4)), scv.isFinite, scv >= 0 else {
                    throw UsageError("--service expects exponential, constant or scv:X (X ≥ 0, the squared coefficient of variation), found \"\(law)\"")
                }
                service = scv == 1 ? .general(meanSeconds: mean, squaredCoefficientOfVariation: 1)
                    : scv == 0 ? .constant(seconds: mean) : .general(meanSeconds: mean, squaredCoefficientOfVariation: scv)
            }
            arrivalRatePerSecond = rate
            switch args.options["--instances"] {
            case nil: servers = .finite(1)
            case "inf", "unlimited", "∞": servers = .unlimited
            case let text?:
                guard let c = Int(text), c >= 1, c <= 10_000_000 else {
                    throw UsageError("--instances expects an integer from 1 to 10000000 or \"inf\", found \"\(text)\"")
                }
                servers = .finite(c)
            }
            waitingRoom = try args.integer("--capacity", in: 0...1_000_000_000)
            if waitingRoom != nil, servers == .unlimited { throw UsageError("--capacity needs a finite --instances") }
            target = try args.options["--target"].map { (text: String) throws(UsageError) in try TheoryTarget(text) }
            if target != nil, args.options["--instances"] != nil {
                throw UsageError("--target searches the number of instances: leave out --instances")
            }
            format = args.options["--format"] ?? "text"
            guard ["text", "json", "markdown"].contains(format) else {
                throw UsageError("--format expects text, json or markdown, found \"\(format)\"")
            }
        }

        /// The system asked about, the prediction, and the instances `--target` chose.
        func answer() throws(UsageError) -> (system: QueueingSystem, prediction: QueueingPrediction) {
            var servers = servers
            if let target {
                guard let found = SteadyState.fewestServers(arrivalRatePerSecond: arrivalRatePerSecond, service: service,
                                                            waitingRoom: waitingRoom, meets: target.isMet) else {
                    let why: String
                    if case .exponential = service { why = "no number of instances up to 10000000 meets it" }
                    else { why = "one instance does not meet it, and with non-exponential service only one instance has a closed form" }
                    throw UsageError("--target \"\(target.text)\": \(why)")
                }
                servers = .finite(found.servers)
            }
            let system = QueueingSystem(arrivalRatePerSecond: arrivalRatePerSecond, service: service, servers: servers,
                                        systemCapacity: waitingRoom.flatMap { room in
                                            if case .finite(let c) = servers { return c + room } else { return nil } })
            do {
                return (system, try SteadyState.predict(system))
            } catch {
                throw UsageError(error.description + "; try --service exponential or --instances 1")
            }
        }
    }

    /// The JSON object: keys sorted, times in seconds; figures the model does not give are left out.
    struct Document: Encodable {
        struct Figures: Encodable { var mean: Double?; var p50: Double?; var p95: Double?; var p99: Double? }
        struct Mean: Encodable { var mean: Double? }
        struct Target: Encodable { var expression: String; var instances: Int }
        var model: String
        var arrivalRate: Double
        var serviceMean: Double
        var serviceSCV: Double
        /// nil for unlimited instances (M/M/∞).
        var instances: Int?
        var capacity: Int?
        var utilization: Double
        var stable: Bool
        var probabilityOfWaiting: Double
        var blockingProbability: Double?
        var admittedRate: Double
        var queueWait: Figures
        var endToEnd: Figures
        var queueLength: Mean
        var systemLength: Mean
        var target: Target?
    }

    static func document(_ request: Request, _ result: (system: QueueingSystem, prediction: QueueingPrediction)) -> Document {
        let p = result.prediction
        var instances: Int?
        if case .finite(let c) = result.system.servers { instances = c }
        return Document(
            model: p.model, arrivalRate: request.arrivalRatePerSecond, serviceMean: request.service.meanSeconds,
            serviceSCV: request.service.squaredCoefficientOfVariation, instances: instances, capacity: request.waitingRoom,
            utilization: p.utilization, stable: p.stable, probabilityOfWaiting: p.probabilityOfWaiting,
            blockingProbability: request.waitingRoom == nil ? nil : p.blockingProbability, admittedRate: p.admittedRatePerSecond,
            queueWait: .init(mean: p.queueWait.mean, p50: p.queueWait.p50, p95: p.queueWait.p95, p99: p.queueWait.p99),
            endToEnd: .init(mean: p.endToEnd.mean, p50: p.endToEnd.p50, p95: p.endToEnd.p95, p99: p.endToEnd.p99),
            queueLength: .init(mean: p.queueLengthMean), systemLength: .init(mean: p.systemLengthMean),
            target: request.target.map { .init(expression: $0.text, instances: instances ?? 0) })
    }

    static func json(_ request: Request, _ result: (system: QueueingSystem, prediction: QueueingPrediction)) throws(UsageError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document(request, result)), as: UTF8.self) + "\n"
        } catch {
            throw UsageError("cannot encode the result: \(error)")
        }
    }

    /// (label, value) lines shared by the text and Markdown layouts.
    static func lines(_ request: Request, _ result: (system: QueueingSystem, prediction: QueueingPrediction)) -> [(String, String)] {
        let p = result.prediction
        let d = document(request, result)
        func times(_ f: Document.Figures) -> String {
            guard p.stable else { return "– (unstable)" }
            var parts = ["mean " + Formatting.duration(f.mean)]
            for (name, value) in [("p50", f.p50), ("p95", f.p95), ("p99", f.p99)] {
                if let value { parts.append("\(name) " + Formatting.duration(value)) }
            }
            return parts.joined(separator: " · ")
        }
        func number(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "– (unstable)" }
        var law: String
        switch request.service {
        case .exponential: law = "exponential"
        case .constant: law = "constant"
        case .general(_, let scv): law = "SCV \(String(format: "%g", scv))"
        }
        var out: [(String, String)] = []
        if let target = request.target {
            out.append(("target", "\(target.text): fewest instances \(d.instances ?? 0)"))
        }
        out.append(("model", p.model))
        out.append(("arrivals", "Poisson, \(String(format: "%g", request.arrivalRatePerSecond))/s"))
        out.append(("service", "\(law), mean \(Formatting.duration(request.service.meanSeconds))"))
        out.append(("instances", d.instances.map(String.init) ?? "unlimited"))
        if let room = request.waitingRoom {
            out.append(("capacity", "\(room) waiting (K = \((d.instances ?? 0) + room))"))
            out.append(("blocked", String(format: "%.4g%%", p.blockingProbability * 100)))
        }
        if request.waitingRoom != nil {
            // λ/(cμ) is offered; the servers carry only what is not turned away.
            out.append(("offered load", String(format: "%.4g%%", p.utilization * 100)))
            out.append(("utilization", String(format: "%.4g%% (servers busy: offered load × (1 − blocked))", p.utilization * (1 - p.blockingProbability) * 100)))
        } else {
            out.append(("utilization", String(format: "%.4g%%", p.utilization * 100)))
        }
        out.append(("stable", p.stable ? "yes" : "no: utilization ≥ 1, the queue grows without bound; a simulated run's waits and percentiles describe a transient that grows with the run's length"))
        out.append(("P(wait)", String(format: "%.4g", p.probabilityOfWaiting)))
        out.append(("queue wait", times(d.queueWait)))
        out.append(("end to end", times(d.endToEnd)))
        out.append(("queue length", "mean " + number(p.queueLengthMean)))
        out.append(("in system", "mean " + number(p.systemLengthMean)))
        return out
    }

    static func plainText(_ request: Request, _ result: (system: QueueingSystem, prediction: QueueingPrediction)) -> String {
        lines(request, result).map { $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n") + "\n"
    }

    static func markdown(_ request: Request, _ result: (system: QueueingSystem, prediction: QueueingPrediction)) -> String {
        "| figure | value |\n|---|---|\n" + lines(request, result).map { "| \($0.0) | \($0.1) |" }.joined(separator: "\n") + "\n"
    }
}
