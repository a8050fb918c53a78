/// Something valid in a scenario file that is probably not what its author meant: the run
/// goes ahead, and the warning is printed on stderr and listed in the report's `warnings`.
///
/// Rendered as `warning: FILE: $.consumers[0].service.exponential.mean: a bare number is read
/// as seconds …`.
public struct ScenarioWarning: Sendable, Equatable, CustomStringConvertible {
    /// The scenario file as the user named it.
    public var file: String
    /// JSON path of the value the warning is about.
    public var path: String
    /// Stable identifier of the kind of warning (`bareNumberDuration`), for scripts.
    public var code: String
    /// What was read, why it is suspicious, and what to write instead.
    public var message: String

    public init(file: String, path: String, code: String, message: String) {
        self.file = file
        self.path = path
        self.code = code
        self.message = message
    }

    public var description: String { "warning: \(file): \(path): \(message)" }
}

extension ScenarioWarning {
    /// Code of the warning for a duration written as a bare number (read as seconds).
    public static let bareNumberDuration = "bareNumberDuration"
}
