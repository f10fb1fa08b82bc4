import CallModel
import Foundation
import GRDB

/// BENCHMARK ONLY (`qa-bench`, Benchmarks/qa-bench.sh): generated rows written straight into a catalog, without
/// ingest, so the QA queries can be timed on a center's years of calls. Never called by a command.
public struct QABenchmarkShape: Sendable {
    public var calls: Int
    public var agents: Int
    public var teams: Int
    /// Calls are spread evenly from `start` over `days`; `denseMonth` (its start, its end) receives `denseCalls` more.
    public var start: Date
    public var days: Int
    public var denseMonth: (Date, Date)
    public var denseCalls: Int
    public var evaluations: Int
    public var evaluationYear: (Date, Date)
    public var evaluators: Int
    public var queued: Int
    public var rubricVersion: String
    /// Item ids with their section and severity (the evaluation's answers).
    public var items: [(id: String, section: String, severity: String)]

    public init(calls: Int, agents: Int, teams: Int, start: Date, days: Int, denseMonth: (Date, Date), denseCalls: Int, evaluations: Int,
                evaluationYear: (Date, Date), evaluators: Int, queued: Int, rubricVersion: String,
                items: [(id: String, section: String, severity: String)]) {
        self.calls = calls
        self.agents = agents
        self.teams = teams
        self.start = start
        self.days = days
        self.denseMonth = denseMonth
        self.denseCalls = denseCalls
        self.evaluations = evaluations
        self.evaluationYear = evaluationYear
        self.evaluators = evaluators
        self.queued = queued
        self.rubricVersion = rubricVersion
        self.items = items
    }
}

extension Catalog {
    public func fillQABenchmarkRows(_ shape: QABenchmarkShape, progress: (String) -> Void) throws {
        var rng = SystemRandomNumberGenerator()
        let categories = ["passport", "parking", "tax", "water", "welfare", "waste", "complaint", "test-call"]
        let total = shape.calls + shape.denseCalls
        let batch = 50_000
        let spread = Double(shape.days) * 86_400
        let denseSpan = shape.denseMonth.1.timeIntervalSince(shape.denseMonth.0)
        func callID(_ i: Int) -> String { String(format: "b%09d", i) }
        func agent(_ i: Int) -> Int { i % shape.agents }
        func started(_ i: Int) -> Date {
            i < shape.calls ? shape.start.addingTimeInterval(spread * Double(i) / Double(shape.calls))
                : shape.denseMonth.0.addingTimeInterval(denseSpan * Double(i - shape.calls) / Double(max(1, shape.denseCalls)))
        }
        var i = 0
        while i < total {
            let end = min(total, i + batch)
            try write { db in
                let call = try db.makeStatement(sql: """
                    INSERT INTO call (id, source_sha256, started_at, ended_at, agent_id, team, category, tags, direction,
                        metadata_format, metadata_warnings, metadata_files, layout, flags, duration_s, ingested_at, archive_path,
                        archive_sha256, archive_bytes, archive_rate, archive_channels, archive_frames, bitrate_per_channel)
                    VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 'inbound', 'sidecar-json', '[]', '[]', 'stereo', '[]', ?, ?, ?, ?, 100000, 8000, 2, 1000000, 12000)
                    """)
                let metrics = try db.makeStatement(sql: """
                    INSERT INTO call_metrics (call_id, analyzer_version, mono, talk_s, silence_s, silence_count, dead_air_s,
                        dead_air_count, hold_s, hold_count, non_talk_s, overtalk_s, analysis_json)
                    VALUES (?, 'bench', 0, ?, ?, 1, ?, 1, ?, 1, 0, ?, '{}')
                    """)
                for k in i..<end {
                    let id = callID(k), a = agent(k)
                    let at = CatalogDates.string(started(k))
                    let duration = Double(20 + Int.random(in: 0..<600, using: &rng))
                    let category = categories[Int.random(in: 0..<categories.count, using: &rng)]
                    try call.execute(arguments: [
                        id, String(format: "%064d", k), at, String(format: "A%04d", a), "team-\(a % shape.teams + 1)", category,
                        category == "complaint" ? "[\"complaint\"]" : "[]", duration, at, "bench/\(id).opus",
                        String(repeating: "c", count: 64),
                    ])
                    if k >= shape.calls {  // stored metrics for the dense (sampled) month
                        try metrics.execute(arguments: [id, duration * 0.6, duration * 0.1, Double(Int.random(in: 0..<60, using: &rng)),
                                                        Double(Int.random(in: 0..<200, using: &rng)), Double(Int.random(in: 0..<30, using: &rng))])
                    }
                }
            }
            i = end
            progress("calls \(i)/\(total)")
        }
        // Evaluations: submitted samples spread over the evaluation year, 16 item results each; plus queued samples.
        let yearSpan = shape.evaluationYear.1.timeIntervalSince(shape.evaluationYear.0)
        var e = 0
        while e < shape.evaluations + shape.queued {
            let end = min(shape.evaluations + shape.queued, e + 10_000)
            try write { db in
                let sample = try db.makeStatement(sql: """
                    INSERT INTO qa_sample (plan, period, call_id, agent_id, team, targeted, reason, rubric_version, sampled_at, sampled_by, state,
                        claimed_by, lease_expires_at) VALUES ('bench', ?, ?, ?, ?, 0, 'random (bench)', ?, ?, 'bench', ?, ?, NULL)
                    """)
                let evaluation = try db.makeStatement(sql: """
                    INSERT INTO qa_evaluation (sample_id, call_id, agent_id, team, evaluator, rubric_version, kind, status, answers_json,
                        score, critical_failures, fatal_failures, created_at, updated_at, submitted_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'queue', 'submitted', '{}', ?, ?, 0, ?, ?, ?)
                    """)
                let item = try db.makeStatement(sql: """
                    INSERT INTO qa_item_result (evaluation_id, item_id, section_id, answer, fraction, failed, severity) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for k in e..<end {
                    // Every 97th call, so evaluations spread over agents and months.
                    let c = (k * 97) % total, a = agent(c)
                    let submitted = k < shape.evaluations
                    let at = CatalogDates.string(shape.evaluationYear.0.addingTimeInterval(yearSpan * Double(k % max(1, shape.evaluations)) / Double(max(1, shape.evaluations))))
                    let evaluator = "bench-eval-\(k % shape.evaluators + 1)"
                    try sample.execute(arguments: ["bench", callID(c), String(format: "A%04d", a), "team-\(a % shape.teams + 1)", shape.rubricVersion, at,
                                                   submitted ? "submitted" : "queued", submitted ? evaluator : nil])
                    guard submitted else { continue }
                    let sampleID = db.lastInsertedRowID
                    let critical = Int.random(in: 0..<20, using: &rng) == 0 ? 1 : 0
                    try evaluation.execute(arguments: [sampleID, callID(c), String(format: "A%04d", a), "team-\(a % shape.teams + 1)", evaluator,
                                                       shape.rubricVersion, critical == 1 ? 0.0 : Double(Int.random(in: 5000...10000, using: &rng)) / 100,
                                                       critical, at, at, at])
                    let evaluationID = db.lastInsertedRowID
                    for it in shape.items {
                        let failed = Int.random(in: 0..<10, using: &rng) == 0
                        try item.execute(arguments: [evaluationID, it.id, it.section, failed ? "no" : "yes", failed ? 0.0 : 1.0, failed, it.severity])
                    }
                }
            }
            e = end
            progress("qa rows \(e)/\(shape.evaluations + shape.queued)")
        }
    }
}

extension Catalog {
    /// BENCHMARK ONLY: puts a claimed sample back in the queue as `submitted` so the next claim takes a new call.
    public func releaseQASampleForBenchmark(_ sample: QASampleRecord) throws {
        try write { db in
            try db.execute(sql: "UPDATE qa_sample SET state = 'submitted', lease_expires_at = NULL WHERE id = ?", arguments: [sample.id])
        }
    }
}
