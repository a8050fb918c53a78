import Foundation

/// Turns reports into one output format. One renderer per file.
public protocol ReportRenderer: Sendable {
    /// File extension of the format (`json`, `txt`, …).
    var fileExtension: String { get }
    /// Renders the reports of one invocation (one per scenario file), in order.
    /// - Throws: only on an encoding failure, which would be a bug.
    func render(_ reports: [Report]) throws -> String
}

/// The output formats `mqlab run --format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, markdown, csv, html

    public var renderer: any ReportRenderer {
        switch self {
        case .text: return TextRenderer()
        case .json: return JSONRenderer()
        case .markdown: return MarkdownRenderer()
        case .csv: return CSVRenderer()
        case .html: return HTMLRenderer()
        }
    }
}
