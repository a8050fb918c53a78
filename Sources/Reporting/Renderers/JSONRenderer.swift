import Foundation

/// The machine-readable report: exactly one JSON object, keys sorted, so the same run gives
/// the same bytes. One scenario prints its report object; several print
/// `{"reports": [ … ]}` in the order given.
public struct JSONRenderer: ReportRenderer {
    public init() {}
    public var fileExtension: String { "json" }

    public func render(_ reports: [Report]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data: Data
        if reports.count == 1 {
            data = try encoder.encode(reports[0])
        } else {
            data = try encoder.encode(["reports": reports])
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
