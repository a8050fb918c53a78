import ScenarioFormat

/// `mqlab validate FILE…`: checks scenario files without running them.
enum ValidateCommand {
    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let args: Arguments
        do {
            args = try Arguments(arguments, valued: [], switches: ["--help", "-h"])
        } catch {
            console.err("error: \(error.message)\nusage: mqlab validate FILE…\n")
            return .usage
        }
        if args.flags.contains("--help") || args.flags.contains("-h") {
            console.out(Help.validate)
            return .success
        }
        guard !args.positional.isEmpty else {
            console.err("error: no scenario file given\nusage: mqlab validate FILE…\n")
            return .usage
        }
        var failed = false
        for file in expandScenarioPaths(args.positional) {
            do {
                let scenario = try Scenario.load(path: file)
                console.out("ok: \(file) (\(scenario.name))\n")
            } catch {
                console.err(error.description + "\n")
                failed = true
            }
        }
        return failed ? .usage : .success
    }
}
