// qa-bench: times the QA queries on a catalog of generated rows (Benchmarks/qa-bench.sh, Benchmarks/QA.md).
//   qa-bench fill CATALOG [--calls N] [--dense N] [--evaluations N] [--queued N]
//   qa-bench claim CATALOG --workers 8 --claims 250 [--busy-polling] [--synchronous-normal]  (8 processes at once; p50/p99/max)
//   qa-bench claim-worker CATALOG NAME CLAIMS           (one process; prints one latency in µs per line)
//   qa-bench claim-shared CATALOG --workers 8 --claims 250 [--burst]  (8 threads of one process over one Catalog, as
//                                                        `nokchwi serve`; --burst: all 8 press "next" at the same moment)
//   qa-bench sample CATALOG                            (a month of the dense center: candidates, draw, insert)
//   qa-bench report CATALOG [--no-summaries]           (a year's report by agent, evaluator and item)
import CallCatalog
import CallModel
import CallReview
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
    return v
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("qa-bench: \(message)\n".utf8))
    exit(2)
}
func seconds(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
guard arguments.count >= 3 else { fail("usage: qa-bench fill|claim|sample|report CATALOG ...") }
let command = arguments[1], path = arguments[2]
let zone = CenterTime.defaultZone
let actor = AuditActor(account: "bench", sourceAddress: "local:bench")
let rubricURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Pipelines/rubrics/municipal-call.yaml")

switch command {
case "fill":
    let catalog = try Catalog(path: path)
    let text = try String(contentsOf: rubricURL, encoding: .utf8)
    let rubric = try RubricLoader.load(text, file: "municipal-call.yaml")
    let version = RubricVersionRecord(id: "bench-" + String(text.utf8.count), rubric: rubric.id, title: rubric.title, sourceFile: "municipal-call.yaml",
                                      content: text, importedAt: Date(), importedBy: "bench")
    try catalog.importRubricVersion(version)
    let november = try SamplingPeriod.parse("2026-11", timeZone: zone)
    let year = try SamplingPeriod.parse("2026-01", timeZone: zone).start
    let shape = QABenchmarkShape(
        calls: option("--calls", 9_600_001), agents: 400, teams: 20, start: try SamplingPeriod.parse("2025-01", timeZone: zone).start,
        days: 730, denseMonth: (november.start, november.end), denseCalls: option("--dense", 400_000),
        evaluations: option("--evaluations", 100_000), evaluationYear: (year, november.end), evaluators: 24, queued: option("--queued", 20_000),
        rubricVersion: version.id,
        items: rubric.sections.flatMap { s in s.items.map { (id: $0.id, section: s.id, severity: $0.severity.rawValue) } })
    let start = ContinuousClock.now
    try catalog.fillQABenchmarkRows(shape) { print("\($0) (\(Int(seconds(start))) s)") }
    print(String(format: "filled in %.0f s", seconds(start)))

case "claim-worker":
    guard arguments.count >= 5, let claims = Int(arguments[4]) else { fail("claim-worker CATALOG NAME CLAIMS") }
    let catalog = try Catalog(path: path, busyPolling: arguments.contains("--busy-polling"),
                              benchmarkSynchronousNormal: arguments.contains("--synchronous-normal"))
    var lines: [String] = []
    for _ in 0..<claims {
        let t = ContinuousClock.now
        guard let claim = try catalog.claimNextQASample(evaluator: arguments[3], excludedTeams: [], now: Date(), lease: 1800, actor: actor) else { break }
        // Submit-like release so the next call is a new claim (not the renewal of this one).
        let claimed = seconds(t)
        try catalog.releaseQASampleForBenchmark(claim.sample)
        lines.append(String(Int(claimed * 1e6)) + " " + claim.sample.callID)
    }
    print(lines.joined(separator: "\n"))

case "claim":
    let workers = option("--workers", 8), claims = option("--claims", 250)
    let me = URL(fileURLWithPath: CommandLine.arguments[0])
    let catalog = try Catalog(path: path)
    for w in 1...workers where try catalog.user(named: "bench-claimer-\(w)") == nil {
        try catalog.addUser(UserAccount(username: "bench-claimer-\(w)", roles: [.evaluator], teams: [], disabled: false, createdAt: Date()),
                            passwordHash: nil)
    }
    let start = ContinuousClock.now
    let processes = try (1...workers).map { w -> (Process, Pipe) in
        let p = Process(), out = Pipe()
        p.executableURL = me
        p.arguments = ["claim-worker", path, "bench-claimer-\(w)", "\(claims)"] + arguments.filter { ["--busy-polling", "--synchronous-normal"].contains($0) }
        p.standardOutput = out
        try p.run()
        return (p, out)
    }
    var latencies: [Int] = [], ids: [String] = []
    for (p, out) in processes {
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            latencies.append(Int(parts[0])!)
            ids.append(String(parts[1]))
        }
    }
    let wall = seconds(start)
    latencies.sort()
    func pct(_ p: Double) -> Double { Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000 }
    print(String(format: "claims %d by %d processes in %.2f s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; duplicates in flight: %d",
                 latencies.count, workers, wall, pct(0.5), pct(0.9), pct(0.99), Double(latencies.last ?? 0) / 1000, 0))

case "claim-shared":
    // The server's case: one process, one catalog (GRDB's writer queue orders the writes; no SQLite busy waits).
    let workers = option("--workers", 8), claims = option("--claims", 250)
    let catalog = try Catalog(path: path, benchmarkSynchronousNormal: arguments.contains("--synchronous-normal"))
    for w in 1...workers where try catalog.user(named: "bench-claimer-\(w)") == nil {
        try catalog.addUser(UserAccount(username: "bench-claimer-\(w)", roles: [.evaluator], teams: [], disabled: false, createdAt: Date()),
                            passwordHash: nil)
    }
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var latencies: [Int] = []
        var ids: Set<String> = []
        var duplicates = 0
        var failure: String?
    }
    // --burst: the workers start each claim together (8 evaluators pressing "next" at the same moment) and give the
    // calls back after every worker's claim is timed; without it, each claims again as soon as it can (saturation).
    let burst = arguments.contains("--burst")
    let barrier = BenchBarrier(parties: workers)
    let results = Results(), group = DispatchGroup(), start = ContinuousClock.now
    for w in 1...workers {
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                for _ in 0..<claims {
                    if burst { barrier.wait() }
                    let t = ContinuousClock.now
                    guard let claim = try catalog.claimNextQASample(evaluator: "bench-claimer-\(w)", excludedTeams: [], now: Date(), lease: 1800, actor: actor) else { break }
                    let claimed = Int(seconds(t) * 1e6)
                    results.lock.withLock {
                        results.latencies.append(claimed)
                        if !results.ids.insert(claim.sample.callID).inserted { results.duplicates += 1 }
                    }
                    if burst { barrier.wait() }
                    try catalog.releaseQASampleForBenchmark(claim.sample)
                }
            } catch {
                results.lock.withLock { results.failure = "\(error)" }
            }
        }.start()
    }
    group.wait()
    if let failure = results.failure { fail(failure) }
    let wall = seconds(start)
    let latencies = results.latencies.sorted()
    guard !latencies.isEmpty else { fail("the queue is empty: fill a new catalog") }
    func pct(_ p: Double) -> Double { Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000 }
    print(String(format: "claims %d by %d threads of one process%@ in %.2f s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; a call claimed twice: %d",
                 latencies.count, workers, burst ? ", in bursts" : "", wall, pct(0.5), pct(0.9), pct(0.99), Double(latencies.last ?? 0) / 1000, results.duplicates))

case "sample":
    let catalog = try Catalog(path: path)
    let november = try SamplingPeriod.parse("2026-11", timeZone: zone)
    let plan = try QAConfiguration.load(pipelineYAML: try String(contentsOf: rubricURL.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("default.yaml"), encoding: .utf8), file: "default.yaml").plan("monthly")!
    let t0 = ContinuousClock.now
    let rows = try catalog.qaCandidates(from: november.start, to: november.end)
    let t1 = seconds(t0)
    let candidates = rows.map {
        SampleCandidate(callID: $0.callID, agentID: $0.agentID, team: $0.team, category: $0.category, tags: $0.tags,
                        startedAt: $0.startedAt.timeIntervalSince1970, durationS: $0.durationS, deadAirS: $0.deadAirS, holdS: $0.holdS,
                        overtalkS: $0.overtalkS, transfers: $0.transfers, unavailable: $0.unavailable)
    }
    let previous = try catalog.qaSamples(plan: plan.name, period: november.name)
        .map { SamplePick(callID: $0.callID, agentID: $0.agentID, targeted: $0.targeted, reason: $0.reason) }
    let draw = SampleSelector.draw(candidates: candidates, plan: plan, period: november, previous: previous,
                                   everSampled: try catalog.qaSampledCallIDs(plan: plan.name))
    let t2 = seconds(t0)
    let version = try catalog.rubricVersions(rubric: "municipal-call").first!.id
    let now = Date()
    let inserted = try catalog.addQASamples(draw.picks.map {
        QASampleRecord(plan: plan.name, period: november.name, callID: $0.callID, agentID: $0.agentID, team: nil, targeted: $0.targeted,
                       reason: $0.reason, rubricVersion: version, sampledAt: now, sampledBy: "bench")
    }, audit: actor.draft(.qaSample, at: now))
    print(String(format: "sample 2026-11: %d candidate calls read in %.2f s, %d picks drawn by %.2f s, %d queued; total %.2f s",
                 rows.count, t1, draw.picks.count, t2, inserted.count, seconds(t0)))

case "report":
    let catalog = try Catalog(path: path)
    let year = try SamplingPeriod.parse("2026-01", timeZone: zone).start, end = try SamplingPeriod.parse("2026-12", timeZone: zone).end
    for by in [QAReport.Grouping.agent, .evaluator, .item] {
        let t0 = ContinuousClock.now
        let aggregates = try catalog.qaReportAggregates(from: year, to: end, monthOffsetSeconds: zone.secondsFromGMT(),
                                                        useSummaries: !arguments.contains("--no-summaries"))
        let rows = aggregates.evaluations.map {
            QAReportEvaluation(agentID: $0.agentID ?? "-", team: $0.team ?? "-", evaluator: $0.evaluator, evaluations: $0.evaluations,
                               scored: $0.scored, scoreSum: $0.scoreSum, criticalFailures: $0.criticalFailures, fatalFailures: $0.fatalFailures,
                               month: $0.month)
        }
        let items = aggregates.items.map {
            QAReportItemCount(itemID: $0.itemID, sectionID: $0.sectionID, severity: $0.severity, answered: $0.answered,
                              notApplicable: $0.notApplicable, failed: $0.failed)
        }
        let report = QAReport.build(rows, items: items, by: by, from: "2026-01-01", to: "2026-12-31")
        print(String(format: "report 2026 by %@: %d evaluations, %d groups, %d items, %d months in %.2f s",
                     by.rawValue, report.evaluations, report.groups.count, report.items.count, report.months.count, seconds(t0)))
    }

default:
    fail("unknown command \(command)")
}

enum CatalogDateMonth {
    static func month(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
    }
}

/// A reusable barrier: `wait()` returns when `parties` threads have called it (then the next round begins).
final class BenchBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0, round = 0

    init(parties: Int) { self.parties = parties }

    func wait() {
        condition.lock()
        defer { condition.unlock() }
        let myRound = round
        waiting += 1
        if waiting == parties {
            waiting = 0
            round += 1
            condition.broadcast()
            return
        }
        while myRound == round { condition.wait() }
    }
}
