import Foundation
import Reporting
import Technologies

extension Comparison {
    /// The comparison table's column headers after "technology".
    static let headers = ["acked/s", "p50", "p99", "p99.9", "max depth/lag", "order violations", "dup. processed",
                          "lost", "dead-lettered", "capacity used", "$/month"]

    /// The cells of one supported row, in `headers` order.
    static func cells(_ s: Summary, _ cost: Cost?) -> [String] {
        var cells = [String(format: "%.1f", s.throughput), Formatting.duration(s.p50), Formatting.duration(s.p99),
                     Formatting.duration(s.p999), Formatting.count(Int(s.maxBacklog.rounded()))]
        cells += [s.orderingViolations, s.duplicateProcessing, s.lost, s.deadLettered].map(Formatting.count)
        cells.append(s.capacityUtilization.map { String(format: "%.1f%%", $0 * 100) } ?? "–")
        cells.append(cost.map { money($0.perMonth) } ?? "–")
        return cells
    }

    /// An amount in the currency's units with cents and thousands grouped, the same shape on
    /// every row so a column reads at a glance: "0.40", "93.56", "1,234.50".
    public static func money(_ amount: Double) -> String {
        guard amount.isFinite, abs(amount) < 1e13 else { return String(format: "%.3g", amount) }
        let cents = Int((amount * 100).rounded())
        return Formatting.count(cents / 100) + String(format: ".%02d", cents % 100)
    }

    /// The table as rows of cells (technology first), unsupported rows marked.
    var tableRows: [[String]] {
        results.map { row in
            guard let summary = row.summary else { return [row.technology, "not supported (why: below)"] }
            return [row.technology] + Self.cells(summary, row.cost)
        }
    }

    /// For people: the table, then how each technology was mapped and why some could not run.
    public func text() -> String {
        let header = ["technology"] + Self.headers
        let rows = tableRows
        var widths = header.indices.map { column in ([header] + rows.filter { $0.count == header.count }).map { $0[column].count }.max() ?? 0 }
        widths[0] = max(widths[0], rows.map { $0[0].count }.max() ?? 0)
        func line(_ cells: [String]) -> String {
            // An unsupported row says so once, after its name (the reason follows the table).
            if cells.count == 2 { return cells[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  " + cells[1] + "\n" }
            return cells.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        var out = "\(scenario) on \(results.count) technologies · seed \(seed) · same arrivals and service draws on every row\n\n"
        out += line(header) + rows.map(line).joined()
        if results.allSatisfy({ !$0.supported }) { out += "\nNo technology could run this workload as written: the reasons follow.\n" }
        out += "\nLatency is end to end (publish to ack); max depth/lag is the deepest queue, the largest group lag or the most publishes waiting for a broker's ingress; $/month scales the run to 30 days at list prices (\(results.first { $0.cost != nil }?.cost?.currency ?? "USD")).\n"
        for row in results {
            out += "\n\(row.technology): "
            if let reason = row.reason {
                out += "not supported — \(reason)\n"
                continue
            }
            out += row.mapping.joined(separator: "; ") + "\n"
            for warning in row.warnings { out += "  warning: \(warning)\n" }
        }
        return out
    }

    /// The same table in GitHub Markdown, with the mapping per technology below it, then a
    /// `### Warnings` list (one item per warning, technology first) when a row has any.
    public func markdown() -> String {
        let header = ["technology"] + Self.headers
        var out = "## \(scenario): technologies compared\n\n"
        if !description.isEmpty { out += description + "\n\n" }
        out += "Seed \(seed); every row sees the same arrivals and service draws.\n\n"
        out += "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|\n"
        for row in tableRows {
            let cells = row.count == header.count ? row : row + Array(repeating: "", count: header.count - row.count)
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        for row in results {
            out += "- **\(row.technology)**: " + (row.reason.map { "not supported — \($0)" } ?? row.mapping.joined(separator: "; ")) + "\n"
        }
        let warned = results.filter { !$0.warnings.isEmpty }
        if !warned.isEmpty {
            out += "\n### Warnings\n\n"
            for row in warned {
                for warning in row.warnings { out += "- **\(row.technology)**: \(warning)\n" }
            }
        }
        return out
    }

    /// One line per technology with the table's figures in report units (seconds, messages
    /// per second, fractions, US dollars per month); empty cells for unsupported rows. The
    /// last column, `warnings`, holds the row's warnings (those the text prints under it)
    /// joined by `; `, empty when it has none.
    public func csv() -> String {
        var out = "technology,supported,ackedPerSecond,p50,p99,p999,maxBacklog,orderingViolations,duplicateProcessing,lost,deadLettered,capacityUtilization,throttled,costPerMonth,reason,warnings\n"
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        for row in results {
            var cells = [row.technology, String(row.supported)]
            if let s = row.summary {
                cells += [number(s.throughput), number(s.p50), number(s.p99), number(s.p999), number(s.maxBacklog),
                          String(s.orderingViolations), String(s.duplicateProcessing), String(s.lost), String(s.deadLettered),
                          number(s.capacityUtilization), String(s.throttled), number(row.cost?.perMonth)]
            } else {
                cells += Array(repeating: "", count: 12)
            }
            cells.append(row.reason.map(quoted) ?? "")
            cells.append(row.warnings.isEmpty ? "" : quoted(row.warnings.joined(separator: "; ")))
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    /// One self-contained HTML page: the table, latency, throughput and backlog charts, and
    /// the mapping of each technology (`ComparisonPage`).
    public func html() -> String {
        let rows = results.map { row in
            ComparisonPage.Row(technology: row.technology, cells: row.summary.map { Self.cells($0, row.cost) },
                               p50: row.summary?.p50, p99: row.summary?.p99, p999: row.summary?.p999,
                               throughput: row.summary?.throughput, maxBacklog: row.summary?.maxBacklog,
                               notes: row.reason.map { [$0] } ?? row.mapping, warnings: row.warnings)
        }
        return ComparisonPage(title: "\(scenario): technologies compared", description: description,
                              summary: "seed \(seed) · every row sees the same arrivals and service draws · latency is end to end; $/month scales the run to 30 days at list prices",
                              headers: Self.headers, rows: rows, overlays: overlays).render()
    }

    /// Each workload queue and stream group with the backlog over time of every row that ran:
    /// the queue's depth series or the group's lag series from the row's report, or no values
    /// where the technology has no counterpart (so a technology keeps its colour on every chart).
    var overlays: [ComparisonPage.Overlay] {
        backlogs.map { backlog in
            let lines = zip(results, backlog.sources).compactMap { row, source -> ComparisonPage.Line? in
                guard let report = row.report else { return nil }
                let none = ComparisonPage.Line(technology: row.technology, isLag: false, intervalSeconds: 1, values: [],
                                               end: report.simulatedSeconds)
                guard let source, let broker = report.brokers[source.broker] else { return none }
                if let group = source.group {
                    guard let lag = broker.groups?[group]?.lagOverTime, lag.intervalSeconds > 0 else { return none }
                    return .init(technology: row.technology, isLag: true, intervalSeconds: lag.intervalSeconds,
                                 values: lag.messages.map(Double.init), end: report.simulatedSeconds)
                }
                guard broker.depthSeries.bucketSeconds > 0 else { return none }
                return .init(technology: row.technology, isLag: false, intervalSeconds: broker.depthSeries.bucketSeconds,
                             values: broker.depthSeries.max, end: report.simulatedSeconds)
            }
            return ComparisonPage.Overlay(name: backlog.name, lines: lines)
        }
    }

    /// `{"scenario", "description", "seed", "results": [{"technology", "supported", "reason",
    /// "mapping", "summary", "cost", "report"}]}`, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

extension Comparison.Row {
    /// What the row's figures do not say by themselves, one sentence each without the
    /// `warning: ` prefix, in the order every format prints them: each queue the report calls
    /// unstable or whose ingress is saturated (its percentiles describe a backlog that grows
    /// with the run; the full text is in the row's JSON report), or else how the row falls
    /// behind the publish rate (`lagging`). Empty for a row that keeps up or could not run.
    public var warnings: [String] {
        let backlog = (report?.warnings ?? []).filter { Self.backlogWarnings.contains($0.code) }
        var lines: [String]
        if backlog.isEmpty, let lagging {
            lines = ["\(lagging): it cannot keep up, so its percentiles describe a backlog that grows with the run's length"]
        } else {
            lines = backlog.map { warning in
                let subject = warning.message.split(separator: ":").first.map(String.init) ?? warning.message
                return "\(subject): its percentiles describe a backlog that grows with the run's length"
            }
        }
        // A limit the model does not apply: the row is optimistic.
        if let credits = report?.warnings.first(where: { $0.code == ReportWarning.serviceBusThrottling }),
           let used = credits.message.components(separatedBy: " on average").first {
            lines.append("\(used) on average, over a Standard namespace's 1,000: the real service would throttle, which the model does not, so this row is optimistic")
        }
        return lines
    }
}
