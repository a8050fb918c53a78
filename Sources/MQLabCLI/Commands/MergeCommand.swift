import Experiments
import Foundation

/// `mqlab merge PART…`: combines the partial results of `--shard i/n` runs into the output
/// the unsharded command prints, byte for byte.
enum MergeCommand {
    static let usage = "mqlab merge PART.json…"

    static let help = """
    usage: \(usage)

    Combines the partial results written by the shards of one experiment (run --replications,
    sweep, each with --shard i/n for i = 0 … n−1) and prints what the same command without
    --shard prints, byte for byte, in the format that command asked for. Parts may come in
    any order; a missing, repeated or foreign shard is an error (exit code 2).

    example:
      for i in 0 1 2; do mqlab sweep s.json --set consumers.w.instances=1..8 --shard $i/3 > part$i.json; done
      mqlab merge part*.json

    """

    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, usage: usage, help: help, console: console)
        guard let args = parsed else { return exit }
        guard !args.positional.isEmpty else {
            console.err("error: no partial results given\nusage: \(usage)\n")
            return .usage
        }
        var parts: [(file: String, part: PartialResult)] = []
        for file in args.positional {
            guard let data = FileManager.default.contents(atPath: file) else {
                console.err("error: \(file): cannot read the file (missing or not readable)\n")
                return .usage
            }
            do {
                parts.append((file, try PartialResult.decode(data, file: file)))
            } catch {
                console.err("error: \(error.message)\n")
                return .usage
            }
        }
        do {
            let merged = try PartialResult.merge(parts)
            console.out(try merged.render())
        } catch let error as MergeError {
            console.err("error: \(error.message)\n")
            return .usage
        } catch {
            console.err("error: could not render the result: \(error)\n")
            return .usage
        }
        return .success
    }
}
