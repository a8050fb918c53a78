import Foundation

/// A flat `scenario,metric,value` table: every leaf of the JSON report, one row each, with
/// dotted paths (`latency.endToEnd.p99`), for spreadsheets and plotting scripts.
public struct CSVRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "csv" }

    public func render(_ reports: [Report]) throws -> String {
        var lines = ["scenario,metric,value"]
        for report in reports {
            let data = try JSONEncoder().encode(report)
            let tree = try JSONSerialization.jsonObject(with: data)
            var rows: [(String, String)] = []
            flatten(tree, prefix: "", into: &rows)
            // Numeric-aware order, so array rows come as [0], [1], …, [10] (deterministic:
            // no locale is involved).
            for (path, value) in rows.sorted(by: { $0.0.compare($1.0, options: [.numeric, .literal]) == .orderedAscending }) {
                lines.append("\(quote(report.scenario)),\(quote(path)),\(quote(value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func flatten(_ value: Any, prefix: String, into rows: inout [(String, String)]) {
        switch value {
        case let object as [String: Any]:
            for (key, child) in object { flatten(child, prefix: prefix.isEmpty ? key : prefix + "." + key, into: &rows) }
        case let array as [Any]:
            for (i, child) in array.enumerated() { flatten(child, prefix: "\(prefix)[\(i)]", into: &rows) }
        case let number as NSNumber:
            rows.append((prefix, String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : "\(number)"))
        case let string as String:
            rows.append((prefix, string))
        default:
            rows.append((prefix, ""))
        }
    }

    private func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
