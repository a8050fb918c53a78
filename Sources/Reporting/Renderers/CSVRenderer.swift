import Foundation

/// A flat `scenario,metric,value` table: every leaf of the JSON report, one row each, by its
/// `ReportPath` (`latency.endToEnd.p99`), for spreadsheets and plotting scripts.
///
/// Numbers are written as the JSON report writes them, booleans as `true`/`false`, a null as
/// an empty cell.
public struct CSVRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "csv" }

    public func render(_ reports: [Report]) throws -> String {
        var lines = ["scenario,metric,value"]
        for report in reports {
            let rows = try ReportDocument(report).leaves.map { leaf -> (path: String, value: String) in
                switch leaf.value {
                case .number(_, let text): return (leaf.path.text, text)
                case .bool(let flag): return (leaf.path.text, flag ? "true" : "false")
                case .string(let text): return (leaf.path.text, text)
                case .null: return (leaf.path.text, "")
                }
            }
            // Numeric-aware order, so array rows come as [0], [1], …, [10] (deterministic:
            // no locale is involved).
            for (path, value) in rows.sorted(by: { $0.path.compare($1.path, options: [.numeric, .literal]) == .orderedAscending }) {
                lines.append("\(quote(report.scenario)),\(quote(path)),\(quote(value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
