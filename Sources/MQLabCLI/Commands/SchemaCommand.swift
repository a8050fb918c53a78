import Foundation

/// `mqlab schema`: prints the JSON Schema of scenario files (`Scenarios/scenario.schema.json`,
/// found as `list` finds the bundled folder), for editors and validators. Every bundled
/// scenario names it in `$schema`.
enum SchemaCommand {
    static let fileName = "scenario.schema.json"

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: [], usage: "mqlab schema", help: Help.schema, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.isEmpty else {
            console.err("error: schema takes no arguments\nusage: mqlab schema\n")
            return .usage
        }
        guard let folder = BundledScenarios.locate() else {
            console.err("error: no Scenarios folder in the current directory or beside the mqlab executable: the schema is Scenarios/\(fileName) in the mqlab repository\n")
            return .usage
        }
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            console.err("error: \(path): cannot be read\n")
            return .usage
        }
        console.out(text.hasSuffix("\n") ? text : text + "\n")
        return .success
    }
}
