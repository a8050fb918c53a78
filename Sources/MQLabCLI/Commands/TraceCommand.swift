import Experiments
import MessagingModels
import Reporting
import ScenarioFormat

/// `mqlab trace FILE [--seed N] [--message ID | --key K | --messages N]
/// [--format text|json|mermaid] [--limit N]`: prints the steps of a run (time, what happened,
/// message id, entity), all of them, one message's journey or those of every message with a
/// key, as text, JSON lines or a Mermaid sequence diagram.
enum TraceCommand {
    static func main(_ arguments: [String], console: Console) -> MQLab.ExitCode {
        let (parsed, exit) = Arguments.scan(arguments, valued: ["--seed", "--limit", "--message", "--key", "--messages", "--format", "--set"],
                                            usage: Help.traceUsage, help: Help.trace, console: console)
        guard let args = parsed else { return exit }
        guard args.positional.count == 1, let file = args.positional.first else {
            console.err("error: trace takes exactly one scenario file\nusage: \(Help.traceUsage)\n")
            return .usage
        }
        let limit: Int
        let seed: Int?
        let firstMessages: Int?
        var message: UInt64?
        let key: String?
        let format: TraceRenderer.Format
        let overrides: [ScenarioOverride]
        do throws(UsageError) {
            overrides = try args.overrides()
            limit = try args.integer("--limit", in: 1...Int.max) ?? 1_000
            seed = try args.integer("--seed", in: 0...Scenario.maxSeed)
            firstMessages = try args.integer("--messages", in: 1...Int.max)
            if let text = args.options["--message"] {
                let digits = text.hasPrefix("m") ? String(text.dropFirst()) : text
                guard let id = UInt64(digits), id > 0 else {
                    throw UsageError("--message expects a message id such as 42 or m42, found \"\(text)\"")
                }
                message = id
            }
            key = args.options["--key"]
            if [message != nil, firstMessages != nil, key != nil].filter({ $0 }).count > 1 {
                throw UsageError("--message, --key and --messages select differently; give one of them")
            }
            let name = args.options["--format"] ?? "text"
            guard let chosen = TraceRenderer.Format(rawValue: name) else {
                throw UsageError("--format must be text, json or mermaid, found \"\(name)\"")
            }
            format = chosen
        } catch {
            console.err("error: \(error.message)\n")
            return .usage
        }
        let scenario: Scenario
        do {
            scenario = try Scenario.load(path: file, overrides: overrides)
        } catch {
            console.err(error.description + "\n")
            return .usage
        }
        let selection = TraceSelection(message: message, key: key, firstMessages: firstMessages, limit: limit)
        _ = Runner.run(scenario, options: Runner.Options(seed: seed.map(UInt64.init))) { $0.trace = { selection.offer($0) } }
        if let message, selection.kept.isEmpty {
            console.err("error: \(file): no message m\(message) in this run (\(selection.steps) steps); ids start at 1 in publish order\n")
            return .usage
        }
        if let key, selection.kept.isEmpty {
            console.err("error: \(file): \(TraceSelection.unknownKey(key, seen: selection.seenKeys))\n")
            return .usage
        }
        console.out(TraceRenderer.render(selection.inTimeOrder, as: format))
        if selection.total > selection.kept.count, selection.kept.count == limit {
            console.err("trace cut at \(limit) of \(selection.total) selected steps (--limit N shows more)\n")
        }
        return .success
    }
}

/// The steps `mqlab trace` keeps: every step, or those of one message, of the messages with
/// one key or of the first N messages (and the crashes and restarts of the entities they
/// met), up to a limit.
final class TraceSelection: @unchecked Sendable {
    /// Keys named in an unknown-key error, at most.
    static let keysShown = 5
    let message: UInt64?
    let key: String?
    let firstMessages: Int?
    let limit: Int
    private(set) var kept: [TraceEntry] = []
    /// Steps selected, kept or not, and steps of the run.
    private(set) var total = 0
    private(set) var steps = 0
    private var followed: Set<UInt64> = []
    private var met: Set<String> = []
    /// The keys the run published, in order of first publish (only with `--key`: the error
    /// for a key nobody published names some). The empty key is a key like any other: a
    /// scenario may give it, and `--key ""` follows its messages.
    private(set) var seenKeys: [String] = []
    private var keys: Set<String> = []

    init(message: UInt64?, key: String? = nil, firstMessages: Int?, limit: Int) {
        self.message = message
        self.key = key
        self.firstMessages = firstMessages
        self.limit = limit
    }

    /// The kept steps in time order, steps at the same time in the order they were taken: a
    /// producer's `throttle` step (its publish waited for a token) is taken after the publish
    /// but happened when the publish was intended.
    var inTimeOrder: [TraceEntry] {
        kept.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    func offer(_ entry: TraceEntry) {
        steps += 1
        guard selects(entry) else { return }
        total += 1
        if kept.count < limit { kept.append(entry) }
    }

    private func selects(_ entry: TraceEntry) -> Bool {
        if key != nil, let published = entry.key, keys.insert(published).inserted { seenKeys.append(published) }
        if message == nil && firstMessages == nil && key == nil { return true }
        if entry.messageID == 0 { return met.contains(entry.entity) }
        if let message, entry.messageID != message { return false }
        if let key, !followed.contains(entry.messageID) {
            guard entry.key == key else { return false }
            followed.insert(entry.messageID)
        }
        if let firstMessages, !followed.contains(entry.messageID) {
            guard followed.count < firstMessages else { return false }
            followed.insert(entry.messageID)
        }
        met.insert(entry.entity)
        return true
    }
}

extension TraceSelection {
    /// Why `--key K` selected nothing, naming keys the run did publish: the first
    /// `keysShown` in natural order ("key-2" before "key-10"), whatever order they were
    /// published in.
    /// - Parameter seen: the keys the run published, in order of first publish.
    static func unknownKey(_ key: String, seen published: [String]) -> String {
        guard !published.isEmpty else {
            return "no message with key \"\(key)\" in this run: its messages have no keys (a producer's \"keys\" gives them some)"
        }
        let seen = published.sorted(by: naturalOrder)
        let shown = seen.prefix(keysShown).map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
        let more = seen.count > keysShown ? ", … (\(seen.count) keys)" : ""
        return "no message with key \"\(key)\" in this run\(Suggestion.didYouMean(key, in: seen.filter { !$0.isEmpty })); keys it published: \(shown)\(more)"
    }

    /// Whether `a` comes before `b` in natural order: runs of ASCII digits compare as numbers
    /// ("key-2" < "key-10"), everything else by Unicode scalar; a total order (equal numbers
    /// written differently, "01" and "1", fall back to plain string order).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        var x = i.next(), y = j.next()
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0.value >= 48 && $0.value <= 57 } ?? false }
        while let p = x, let q = y {
            if isDigit(p) && isDigit(q) {
                var m = "", n = ""
                while isDigit(x), let c = x { m.unicodeScalars.append(c); x = i.next() }
                while isDigit(y), let c = y { n.unicodeScalars.append(c); y = j.next() }
                let mt = String(m.drop { $0 == "0" }), nt = String(n.drop { $0 == "0" })
                if mt.count != nt.count { return mt.count < nt.count }
                if mt != nt { return mt < nt }
                continue
            }
            if p != q { return p.value < q.value }
            x = i.next()
            y = j.next()
        }
        if x == nil && y == nil { return a < b }
        return x == nil
    }
}
