/// Help texts of every command.
enum Help {
    static let runUsage = "mqlab run FILE|DIR… [--seed N] [--set PATH=VALUE]… [--format text|json|markdown|csv|html] [--series csv] [--out DIR] [--max-events N] [--max-messages N]"

    static let overview = """
    mqlab \(MQLab.version) — simulate message-queue systems from JSON scenarios

    usage: mqlab <command> [options]

    commands:
      run FILE|DIR…    simulate scenarios and print their reports
      validate FILE|DIR…  check scenario files without running them
      list [DIR]       name and description of each scenario in DIR (default: Scenarios)
      trace FILE       every step of a run: publish, deliver, start, ack, fail, requeue, …
      bench            speed and memory benchmark (M/M/1, build with -c release)
      theory           queueing-theory figures of one queue (M/M/c, M/G/1, …) and sizing
      schema           the JSON Schema of scenario files, for editors and validators
      help [COMMAND]   this text, or a command's help

    options: --help, --version
    exit codes: 0 success · 2 usage error or invalid scenario · 3 run limit hit
                (1 is reserved for scenario expectations, not in this version)

    example: mqlab run Scenarios/task-queue.json

    """

    static let run = """
    usage: \(runUsage)

    Simulates each scenario and prints its report on standard output. A folder stands for
    every scenario in it (*.json, recursively; JSON Schemas, exercise.json files and folders
    named exercises below it excluded: name exercise files by path).

      --seed N          override the scenario's seed (non-negative integer)
      --set PATH=VALUE  change one key before the scenario is read (repeatable, in order):
                        PATH is dot-separated, an array element by its name or index
                        (consumers.workers.instances=6, producers.web.arrivals.poisson.rate=120,
                        faults.0.at=90s); VALUE is JSON (6, true, {"constant": "1s"}) or else
                        a string (40ms); null removes the key. Checked like the file.
      --format F        text (default, for people), json (one object, sorted keys; several
                        files give {"reports": […]}), markdown, csv (scenario,metric,value),
                        html (one self-contained page with SVG charts, no script)
      --series csv      print the time series instead (time,metric,entity,value rows:
                        throughput, queue depth, group lag, instances, breaker state)
      --out DIR         also write DIR/<scenario>/report.{json,txt,md,csv,html} and
                        series.csv, all or nothing:
                        written to a temporary folder, then swapped in
      --max-events N    stop a run after N events (exit code 3; the report covers the run so far)
      --max-messages N  stop a run when more than N messages are in the system at once
                        (default 2000000; exit code 3)

    Invalid scenarios are reported on standard error (file, JSON path, problem) with exit
    code 2, and nothing is run. Warnings (a duration written as a bare number, a warm-up that
    excludes every message, an unstable queue) go to standard error as "warning: FILE: …" and
    into the report's "warnings"; they do not change the exit code.

    """

    static let validate = """
    usage: mqlab validate FILE|DIR… [--set PATH=VALUE]…

    Checks each scenario file (JSON syntax, keys, types, ranges, references) and lists every
    problem as "error: FILE: $.json.path: message". Exit code 0 if all are valid, 2 otherwise.
    --set changes a key first, as for run.

    """

    static let list = """
    usage: mqlab list [DIR]

    Prints the path, name and description of every scenario (*.json, searched recursively,
    exercises folders left out) in DIR, descriptions wrapped to the terminal's width. DIR defaults to Scenarios in the
    current directory, else the Scenarios folder found above the mqlab executable.

    """

    static let traceUsage = "mqlab trace FILE [--seed N] [--set PATH=VALUE]… [--message ID | --messages N] [--format text|json|mermaid] [--limit N]"

    static let trace = """
    usage: \(traceUsage)

    Runs the scenario and prints each step: time [s], event (publish, deliver, start, ack,
    fail, timeout, requeue, retry, delay, deadLetter:REASON, drop:REASON, lose:REASON, crash,
    restart, …), message id and the producer, consumer instance or queue involved. Prints the
    first N steps (--limit, default 1000).

    --message ID     only message ID's journey (42 or m42; ids count from 1 in publish order;
                     copies made by a topic or exchange share their message's id), with the
                     crashes and restarts of the instances it met
    --messages N     the journeys of the first N messages
    --format F       text (default), json (one object per line: time, kind, message, entity,
                     queue) or mermaid (a sequence diagram GitHub draws: paste it in a
                     ```mermaid block)

    example: mqlab trace Scenarios/poison-pills.json --message 7 --format mermaid

    """

    static let bench = """
    usage: mqlab bench [--messages N]

    Simulates the ideal M/M/1 queue (arrival rate 0.9/s, mean service 1 s) with N/10 and N
    messages (default N = 10,000,000; at least 100,000) and prints the simulation rate
    (messages per second, from the difference of the two runs), wall times and peak memory.
    Run it from a release build: swift run -c release mqlab bench (a debug build says so).

    """

    static let theory = """
    usage: \(TheoryCommand.usage)

    Prints the closed-form steady state of one queue with Poisson arrivals, no scenario
    needed: model, utilization, whether it is stable, P(wait), queue wait (mean and, where the
    model gives them, p50/p95/p99), end-to-end time, mean queue length and number in system.

      --arrival-rate R  Poisson arrivals per second (> 0)
      --service-mean D  mean service time, a duration ("50ms", "1.5s" or seconds)
      --service LAW     exponential (default), constant, or scv:X (any law with squared
                        coefficient of variation X = variance / mean²)
      --instances C     consumer instances (default 1), or inf for as many as arrivals need
      --capacity N      most waiting (ready) messages, as a queue's "capacity" with overflow
                        dropNew: M/M/c/K with K = C + N; adds the blocking probability
      --target T        the fewest instances meeting T, e.g. "queueWait.p99 < 200ms"; figures:
                        queueWait.mean|p50|p95|p99, endToEnd.mean|p50|p95|p99,
                        queueLength.mean, probabilityOfWaiting, blockingProbability,
                        utilization; operators < and <=
      --format F        text (default), json (times in seconds, sorted keys), markdown

    Models: M/M/1 and M/M/c (Erlang C), M/M/c/K, M/D/1 and M/G/1 (Pollaczek–Khinchine),
    M/M/∞. Non-exponential service has a closed form with one instance only.
    example: mqlab theory --arrival-rate 500 --service-mean 50ms --target "queueWait.p99 < 200ms"

    """

    static let schema = """
    usage: mqlab schema

    Prints the JSON Schema (draft 2020-12) of scenario files: every key with its meaning, unit,
    default and range. Every bundled scenario names it in "$schema", so an editor that reads
    JSON Schemas completes and checks keys as you type; point your own files at it the same way
    ("$schema": "PATH/TO/Scenarios/scenario.schema.json"), or save it: mqlab schema > s.json

    """

    static func command(_ name: String) -> String? {
        switch name {
        case "theory": return theory
        case "bench": return bench
        case "trace": return trace
        case "run": return run
        case "validate": return validate
        case "list": return list
        case "schema": return schema
        default: return nil
        }
    }
}
