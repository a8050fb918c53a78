import Foundation
import ScenarioFormat

/// The scenario files under `directory` (`*.json`, recursively, JSON Schemas excluded), in
/// path order. Folders named `exercises` below `directory` are skipped — they hold
/// interview-practice exercises (starters and model solutions, run by name) rather than
/// scenarios to run with the rest — and so are exercise definitions (`exercise.json`), which
/// are not scenarios. A file named on the command line is never expanded, so it still runs.
func scenarioFiles(in directory: String) -> [String] {
    (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
        .filter { isScenarioFile(relativePath: $0) }
        .sorted()
        .map { (directory as NSString).appendingPathComponent($0) }
}

/// Whether a path found while expanding a folder (relative to it) names a scenario: a
/// `.json` file, not a JSON Schema, not an `exercise.json` and not inside an `exercises`
/// folder.
func isScenarioFile(relativePath: String) -> Bool {
    let components = relativePath.split(separator: "/")
    guard let name = components.last, name.hasSuffix(".json"), !name.hasSuffix(".schema.json"),
          name != "exercise.json" else { return false }
    return !components.dropLast().contains("exercises")
}

/// Expands folders among `paths` into the scenario files they hold; files stay as given.
func expandScenarioPaths(_ paths: [String]) -> [String] {
    paths.flatMap { path -> [String] in
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return scenarioFiles(in: path)
        }
        return [path]
    }
}

/// `mqlab list [DIR]`: the name and description of every scenario under DIR (default: the
/// bundled `Scenarios`, found in the working directory or beside the executable), in path
/// order, descriptions wrapped to the terminal's width (80 columns when not a terminal).
enum ListCommand {
    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: [], usage: "mqlab list [DIR]", help: Help.list, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count <= 1 else {
            console.err("error: list takes at most one folder\nusage: mqlab list [DIR]\n")
            return .usage
        }
        guard let directory = args.positional.first ?? BundledScenarios.locate() else {
            console.err("error: \(BundledScenarios.notFound)\n")
            return .usage
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            console.err("error: \(directory): " + (FileManager.default.fileExists(atPath: directory) ? "not a folder (list takes a folder; validate takes files)" : "no such folder") + "\n")
            return .usage
        }
        var lines: [String] = []
        for path in scenarioFiles(in: directory) {
            do {
                let scenario = try Scenario.load(path: path)
                lines.append(path + "\n" + TextWrap.wrap("\(scenario.name): \(scenario.description)", width: console.wrapWidth, firstIndent: "  ", indent: "    "))
            } catch {
                lines.append("\(path)\n  (invalid: run \"mqlab validate \(path)\")")
            }
        }
        console.out(lines.isEmpty ? "no scenarios in \(directory)\n" : lines.joined(separator: "\n") + "\n")
        return .success
    }
}
