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
      bench            speed and memory benchmark (M/M/1 and three larger models; -c release)
      theory           queueing-theory figures of one queue (M/M/c, M/G/1, …) and sizing
      sweep FILE       run a scenario over a grid of --set values; a table of metrics
      capacity FILE    the largest rate (or fewest instances) that meets a requirement
      merge PART…      combine the partial results of --shard runs
      schema           the JSON Schema of scenario files, for editors and validators
      exercise         interview-practice exercises: list, show, hint, start, check, solution
      compare FILE     one workload on RabbitMQ, Kafka, SQS/SNS, Azure, Redis side by side
      advise           which technology fits: walks a decision tree from your answers
      presets [NAME]   technology presets (RabbitMQ, Kafka, SQS, SNS, Azure, Redis): defaults, sources
      help [COMMAND]   this text, or a command's help

    options: --help, --version
    exit codes: 0 success · 1 a scenario's expectations ("expect") not met ·
                2 usage error or invalid scenario · 3 run limit hit

    example: mqlab run Scenarios/task-queue.json

    """

    static let run = """
    usage: \(runUsage)

    Simulates each scenario and prints its report on standard output. A folder stands for
    every scenario in it (*.json, recursively; JSON Schemas, exercise.json files and folders
    named exercises or compare below it excluded: name those files by path).

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
      --replications N  run one FILE N times (N ≥ 2) with seeds derived from its seed, in
                        parallel, and print mean ± 95% confidence half-width (Student t) of
                        every numeric report field (text and markdown: key figures, theory
                        inside or outside the interval; json and csv: every field);
                        expect items are judged on the means (exit code 1 if one fails)
      --batch-means K   instead, one run whose measured latencies (queue wait, end to end)
                        are cut into K batches: mean ± 95% half-width from the batch means
      --threads T       parallel replications (default: the number of processors); never
                        changes the output
      --shard i/n       run only replications k with k mod n = i; print a partial result
                        (JSON) for mqlab merge

    Invalid scenarios are reported on standard error (file, JSON path, problem) with exit
    code 2, and nothing is run. Warnings (a duration written as a bare number, a warm-up that
    excludes every message, an unstable queue) go to standard error as "warning: FILE: …" and
    into the report's "warnings"; they do not change the exit code.

    A scenario's "expect" requirements (e.g. "latency.endToEnd.p99 < 2s") are checked after
    its run and listed in the report; if any is not met the exit code is 1 (the reports are
    still printed and written; a run limit, exit code 3, takes precedence).

    """

    static let validate = """
    usage: mqlab validate FILE|DIR… [--set PATH=VALUE]…

    Checks each scenario file (JSON syntax, keys, types, ranges, references) and lists every
    problem as "error: FILE: $.json.path: message", including "expect" metrics that are not
    numeric fields of the scenario's report. Exit code 0 if all are valid, 2 otherwise.
    --set changes a key first, as for run.

    """

    static let list = """
    usage: mqlab list [DIR]

    Prints the path, name and description of every scenario (*.json, searched recursively,
    exercises and compare folders left out) in DIR, descriptions wrapped to the terminal's width. DIR defaults to Scenarios in the
    current directory, else the Scenarios folder found above the mqlab executable.

    """

    static let traceUsage = "mqlab trace FILE [--seed N] [--set PATH=VALUE]… [--message ID | --key K | --messages N] [--format text|json|mermaid] [--limit N]"

    static let trace = """
    usage: \(traceUsage)

    Runs the scenario and prints each step: time [s], event (publish, deliver, start, ack,
    fail, timeout, requeue, retry, delay, deadLetter:REASON, drop:REASON, lose:REASON, crash,
    restart, …), message id and the producer, consumer instance or queue involved. Prints the
    first N steps (--limit, default 1000).

    --message ID     only message ID's journey (42 or m42; ids count from 1 in publish order;
                     copies made by a topic or exchange share their message's id), with the
                     crashes and restarts of the instances it met
    --key K          the journeys of every message with key K (a producer's "keys": queue
                     messages and stream records), with the crashes and restarts they met
    --messages N     the journeys of the first N messages
    --format F       text (default), json (one object per line: time, kind, message, entity,
                     queue, and key on the step that publishes a keyed message) or mermaid (a sequence diagram GitHub draws: paste it in a
                     ```mermaid block)

    example: mqlab trace Scenarios/poison-pills.json --message 7 --format mermaid

    """

    static let bench = """
    usage: \(BenchCommand.usage)

    Simulates the ideal M/M/1 queue (arrival rate 0.9/s, mean service 1 s) with N/10 and N
    messages (default N = 10,000,000; at least 100,000) and prints the simulation rate
    (messages per second, from the difference of the two runs); then, with N/10 messages
    each, a 6-partition stream read by 3 consumer groups, a topic exchange fanning out to 8
    queues, and a priority queue with retries, a dead-letter queue and TTLs. For each run:
    wall time, messages/s, events/s and peak memory (resident set, reset before each run on
    Linux).
    --hand-loop PATH  also run a hand-written M/M/1 loop (PATH --model mm1 --n N, printing a
                      JSON line with wall_s), alternately with mqlab's N-message run, and
                      print the ratio of the fastest of each
    --simpy COMMAND   also run the same model in SimPy with N/50 messages (COMMAND --model
                      mm1 --n N/50, e.g. "python3 simpy_mq.py", printing a JSON line with
                      msgs_per_s), alternately with mqlab, and print mqlab's speed-up
    --rounds R        rounds of that pairing (default 1)
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

    static let exercise = """
    usage: \(ExerciseCommand.usage)

    Interview-practice exercises (Scenarios/exercises/<id>/): a question as an interviewer
    would ask it, requirements checked as report expectations, tiered hints, a flawed starter
    design and model solutions.

      list              every exercise with its title
      show ID           the question, requirements, objectives and concepts
      hint ID           the first hint; --level N shows levels 1 … N
      solution ID       the model solutions and the trade-off each makes
      start ID DIR      copies the starter to DIR/ID.json (and the schema beside it) to edit
      check ID FILE     runs FILE on the exercise's seeds (--runs N for more) and grades every
                        objective with its measured values; on a failure, a witness message and
                        its journey, the concepts and the hint to read; --format json
    exit codes: check 0 every objective met on every seed, 1 one is not (or names a broker,
    group or consumer FILE lacks: not measured), 2 invalid file or usage

    """

    static let compare = """
    usage: \(CompareCommand.usage)

    Runs one workload, written with generic brokers, on a model of each technology (default:
    all ten presets) with the same seed: every row sees the same arrival times and service
    draws. Each technology gets the workload in its native shape and says how (a queue becomes
    a Kafka stream with one partition per consumer instance and one consumer group; a fan-out
    topic becomes SNS with SQS subscriptions, a RabbitMQ fanout exchange, one Kafka group per
    subscriber); a workload it cannot express is a row marked not supported, with the reason.

    The table: acked/s, end-to-end p50/p99/p99.9, the deepest queue, largest group lag or
    ingress backlog, ordering violations, duplicates processed, lost, dead-lettered, the
    busiest broker's capacity used, and the list-price cost scaled to 30 days.

      --technologies L   comma-separated names (mqlab presets lists them)
      --seed N           the seed of every row (default: the scenario's)
      --set PATH=VALUE   change the workload first, as for run (repeatable)
      --broker-instances N  price self-hosted brokers (RabbitMQ, Kafka, Redis) for N instances
      --format F         text (default), json ({"scenario", "results": [{"technology",
                         "supported", "reason", "mapping", "summary", "cost", "report"}]}),
                         markdown, csv, html (one page: the table, bars of latency,
                         throughput and backlog per technology, and each queue's depth or
                         group's lag over time with the technologies overlaid)

    example: mqlab compare Scenarios/compare/task-queue.json --technologies rabbitmq-classic,kafka,sqs-standard

    """

    static let advise = """
    usage: \(AdviseCommand.usage)

    Walks a decision tree for picking a message broker and prints the pick, the branch that
    led there (each question, its answer and where the answer came from) and why. The tree
    stops at the first yes:

      Are you on AWS?                       yes → sqs-standard (also sns, sqs-fifo)
      Are you on Azure?                     yes → azure-service-bus (also azure-storage-queue)
      Millions of messages per second?      yes → kafka
      Event streaming or replay?            yes → kafka (also rabbitmq-stream, redis-streams)
      Complex routing?                      yes → rabbitmq-classic (also rabbitmq-quorum)
      Already running Redis?                yes → redis-streams
      The simplest solution?                yes → redis-streams (also rabbitmq-classic)
      otherwise                                 → rabbitmq-classic

      --cloud C          aws, azure or none (default none)
      --peak-rate N      peak messages per second; "millions" means N ≥ 1000000 (default: below)
      --replay           consumers must read past events again
      --complex-routing  routing by topic pattern, headers or fan-out
      --have-redis       a Redis server already runs
      --simplest         the fewest moving parts matter most
      --format F         text (default), json (sorted keys), markdown
      --write FILE       also write a starter scenario for the workload: Poisson arrivals at
                         the peak rate (100/s if not given) on one queue (a stream with a
                         replay group with --replay) and a worker pool sized to about 70%
                         utilization; run it with mqlab run FILE
      --service-mean D   mean work per message for --write, a duration (default 50ms)

    With no answer flags and a terminal on standard input, the questions are asked (an empty
    answer takes the default in brackets). Otherwise missing answers take their defaults and
    the branch says so. "Yes" answers the walk never reached are listed as notes.
    --scenario FILE also runs mqlab compare on your workload and ranks the technologies: most
    of its expect requirements met, then list-price cost per month (unpriced self-hosted
    brokers after priced ones), then end-to-end p99; it says whether the tree agrees.

    example: mqlab advise --cloud none --peak-rate 5000 --replay --write starter.json

    """

    static let presets = """
    usage: \(PresetsCommand.usage)

    Without NAME: each technology preset a scenario can name in "technology" (on a broker, or at
    the top level for every broker), with its broker types and a one-line summary. With NAME:
    every documented default and limit with its value, unit and public source, the keys the
    preset fills when a scenario leaves them out (explicit keys win), the limits it rejects,
    the published latency and capacity figures its model is calibrated on, and what it models
    and what it does not. --format markdown or json for documents and scripts (default text).
    example: mqlab presets sqs-fifo

    """

    static func command(_ name: String) -> String? {
        switch name {
        case "advise": return advise
        case "compare": return compare
        case "theory": return theory
        case "bench": return bench
        case "trace": return trace
        case "run": return run
        case "validate": return validate
        case "list": return list
        case "schema": return schema
        case "exercise": return exercise
        case "presets": return presets
        case "sweep": return SweepCommand.help
        case "capacity": return CapacityCommand.help
        case "merge": return MergeCommand.help
        default: return nil
        }
    }
}
