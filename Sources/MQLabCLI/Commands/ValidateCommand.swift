import Experiments
import ScenarioFormat

/// `mqlab validate FILE… [--set PATH=VALUE]…`: checks scenario files without running them.
enum ValidateCommand {
    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--set"], usage: "mqlab validate FILE|DIR… [--set PATH=VALUE]…", help: Help.validate, console: console)
        guard let args = parsed else { return exit }
        let overrides: [ScenarioOverride]
        do {
            overrides = try args.overrides()
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        guard !args.positional.isEmpty else {
            console.err("error: no scenario file given\nusage: mqlab validate FILE…\n")
            return .usage
        }
        var failed = false
        let files = expandScenarioPaths(args.positional)
        if files.isEmpty {
            console.err("error: no scenario files in \(args.positional.joined(separator: ", "))\n")
            return .usage
        }
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(path: file, overrides: overrides)
                for warning in scenario.warnings { console.err(warning.description + "\n") }
                console.out("ok: \(file) (\(scenario.name))\n")
            } catch {
                console.err(error.description + "\n")
                failed = true
            }
        }
        return failed ? .usage : .success
    }
}
