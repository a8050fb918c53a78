import Foundation
import Testing

/// One bad input and the error it must produce: a row of a table that a parameterised test
/// checks with ``check(sourceLocation:)``.
public struct BadInput: Sendable, CustomTestStringConvertible {
    /// What is wrong, shown as the test case's name.
    public var label: String
    /// The whole scenario document.
    public var data: Data
    /// JSON path of the expected error.
    public var path: String
    /// Substrings the expected error's message must contain.
    public var fragments: [String]
    /// How many errors the whole input produces in total.
    public var count: Int

    public init(_ label: String, _ json: String, _ path: String, _ fragments: String..., count: Int = 1) {
        self.init(label, Data(json.utf8), path, fragments, count: count)
    }

    public init(_ label: String, _ data: Data, _ path: String, _ fragments: [String], count: Int = 1) {
        self.label = label
        self.data = data
        self.path = path
        self.fragments = fragments
        self.count = count
    }

    public var testDescription: String { label }

    /// Decodes the input and expects exactly `count` errors, one at `path` containing every
    /// fragment.
    public func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = Snippet.errors(data)
        #expect(errors.count == count, "\(errors.map(\.description))", sourceLocation: sourceLocation)
        let match = errors.first { $0.path == path }
        #expect(match != nil, "no error at \(path): \(errors.map(\.description))", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(match?.message.contains(fragment) == true, "expected \"\(fragment)\" in \(match?.message ?? "-")", sourceLocation: sourceLocation)
        }
    }
}
