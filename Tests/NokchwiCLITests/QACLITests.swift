import CLITestSupport
import Foundation
import Testing

/// The QA half on the real binary: rubrics, sampling, the queue (8 processes claiming at once), scoring, reports.
@Suite(.serialized, .enabled(if: CLIRunner.soundsInstalled, "needs asterisk-core-sounds-en-wav and asterisk-moh-opsound-wav (make test installs them)"))
struct QACLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var rubricFile: String { repository.appendingPathComponent("Pipelines/rubrics/municipal-call.yaml").path }

    /// A pipeline whose plan takes `perAgent` calls of every agent, short calls included (demo calls are short).
    static func pipeline(_ tmp: TempDir, perAgent: Int) throws -> String {
        let path = tmp.path("qa.yaml")
        try """
        name: qa-test
        qa:
          lease_minutes: 30
          plans:
            - name: monthly
              per_agent: \(perAgent)
              rubric: municipal-call
              exclude:
                min_duration_s: 0
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct QAHome {
        let tmp: TempDir
        let home: CLIHome
        let lead: [String: String]
        let pipeline: String
        var path: String { home.path }
    }

    /// Demo calls ingested, a qa-lead, the municipal rubric imported.
    static func make(calls: Int, perAgent: Int, extraUsers: [(String, [String])] = []) throws -> (QAHome, [String: [String: String]]) {
        let tmp = try TempDir()
        let gen = try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "\(calls)", "--seed", "31", "--mean-seconds", "30", "--no-bad-inputs"])
        guard gen.status == 0 else { throw CLIHomeError(message: "demo-data: \(gen.stderr)") }
        let home = try CLIHome.make(tmp)
        let ingest = try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home.path, "--jobs", "2"], environment: home.archivist)
        guard ingest.status == 0 else { throw CLIHomeError(message: "ingest: \(ingest.stderr)") }
        var users: [String: [String: String]] = [:]
        for (name, options) in [("lead", ["--role", "qa-lead"])] + extraUsers {
            var env = home.admin
            env["NOKCHWI_NEW_PASSWORD"] = "steady passphrase for the queue 42"
            let added = try CLIRunner.run(["users", "add", name, "--home", home.path] + options, environment: env)
            guard added.status == 0 else { throw CLIHomeError(message: "users add \(name): \(added.stderr)") }
            users[name] = ["NOKCHWI_TOKEN": try CLIHome.token(home: home.path, user: name, password: "steady passphrase for the queue 42")]
        }
        let imported = try CLIRunner.run(["rubrics", "import", rubricFile, "--home", home.path], environment: users["lead"]!)
        guard imported.status == 0 else { throw CLIHomeError(message: "rubrics import: \(imported.stderr)") }
        return (QAHome(tmp: tmp, home: home, lead: users["lead"]!, pipeline: try pipeline(tmp, perAgent: perAgent)), users)
    }

    @Test func sampleClaimScoreSubmitAndReport() throws {
        let (qa, _) = try Self.make(calls: 8, perAgent: 2)
        let home = qa.path, eva = qa.home.evaluator
        // Importing the same file again stores nothing; evaluators may not import.
        #expect(try CLIRunner.run(["rubrics", "import", Self.rubricFile, "--home", home], environment: qa.lead).stdout.contains("stored already"))
        #expect(try CLIRunner.run(["rubrics", "import", Self.rubricFile, "--home", home], environment: eva).status != 0)

        // A dry run queues nothing; the draw says why each call was picked; a rerun adds nothing.
        let sampleArgs = ["qa", "sample", "--plan", "monthly", "--period", "2026-11", "--pipeline", qa.pipeline, "--home", home, "--json"]
        let dry = try #require(try CLIRunner.run(sampleArgs + ["--dry-run"], environment: qa.lead).json as? [String: Any])
        #expect(dry["queued"] as? Int == 0)
        let first = try CLIRunner.run(sampleArgs, environment: qa.lead)
        let drawn = try #require(first.json as? [String: Any], "\(first.stderr)")
        let picks = try #require((drawn["draw"] as? [String: Any])?["picks"] as? [[String: Any]])
        #expect(!picks.isEmpty && drawn["queued"] as? Int == picks.count)
        #expect(picks.allSatisfy { ($0["reason"] as? String ?? "").hasPrefix("random") })
        let dryPicks = (dry["draw"] as? [String: Any])?["picks"] as? [[String: Any]] ?? []
        #expect(dryPicks.map { $0["call_id"] as? String } == picks.map { $0["call_id"] as? String })
        let rerun = try #require(try CLIRunner.run(sampleArgs, environment: qa.lead).json as? [String: Any])
        #expect(rerun["queued"] as? Int == 0)
        #expect(try CLIRunner.run(sampleArgs, environment: eva).status != 0, "evaluators do not sample")

        // The evaluator sees nothing until the queue hands out a call, then can open it.
        let claim = try #require(try CLIRunner.run(["qa", "next", "--home", home, "--json", "--pipeline", qa.pipeline], environment: eva).json as? [String: Any])
        let callID = try #require(claim["call_id"] as? String)
        #expect(try CLIRunner.run(["calls", "show", callID, "--home", home], environment: eva).status == 0)
        let again = try #require(try CLIRunner.run(["qa", "next", "--home", home, "--json", "--pipeline", qa.pipeline], environment: eva).json as? [String: Any])
        #expect(again["call_id"] as? String == callID && again["resumed"] as? Bool == true)

        // A blank template is a valid draft; a bad file lists every problem; the filled one submits once.
        let template = try CLIRunner.run(["qa", "template", callID, "--home", home], environment: eva)
        #expect(template.status == 0 && template.stdout.contains("correct-information:"))
        try template.stdout.write(toFile: qa.tmp.path("blank.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["qa", "score", callID, "--answers", qa.tmp.path("blank.yaml"), "--home", home], environment: eva).status == 0)
        var filled = template.stdout
        for (item, value) in Self.exampleOne { filled = filled.replacingOccurrences(of: "  \(item):\n", with: "  \(item): \(value)\n") }
        let bad = filled.replacingOccurrences(of: "  correct-information: yes\n", with: "  correct-information: no\n  no-such-item: yes\n")
            .replacingOccurrences(of: "  closing-greeting: yes\n", with: "")
        try bad.write(toFile: qa.tmp.path("bad.yaml"), atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["qa", "score", callID, "--answers", qa.tmp.path("bad.yaml"), "--submit", "--home", home, "--json"], environment: eva)
        #expect(refused.status != 0)
        let problems = ((refused.json as? [String: Any])?["problems"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(Set(problems) == ["answers.no-such-item", "answers.correct-information.comment", "answers.closing-greeting"], "\(refused.stdout)")
        try filled.write(toFile: qa.tmp.path("good.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["qa", "score", callID, "--answers", qa.tmp.path("good.yaml"), "--submit", "--home", home], environment: qa.home.supervisor).status != 0)
        let submitted = try CLIRunner.run(["qa", "score", callID, "--answers", qa.tmp.path("good.yaml"), "--submit", "--home", home, "--json"], environment: eva)
        let result = try #require(submitted.json as? [String: Any], "\(submitted.stderr)")
        #expect((result["result"] as? [String: Any])?["score"] as? Double == 80.84)
        #expect(try CLIRunner.run(["qa", "score", callID, "--answers", qa.tmp.path("good.yaml"), "--submit", "--home", home], environment: eva).status != 0,
                "a submitted evaluation is immutable")

        // The report counts it; an evaluator may not read reports.
        let reportArgs = ["report", "qa", "--by", "evaluator", "--from", "2026-01-01", "--to", "2030-12-31", "--home", home, "--pipeline", qa.pipeline]
        let report = try #require(try CLIRunner.run(reportArgs + ["--json"], environment: qa.lead).json as? [String: Any])
        #expect(report["evaluations"] as? Int == 1 && report["mean_score"] as? Double == 80.84)
        let groups = report["groups"] as? [[String: Any]] ?? []
        #expect(groups.first?["key"] as? String == "qa1" && groups.first?["drift"] as? Double == 0)
        #expect(try CLIRunner.run(reportArgs + ["--csv"], environment: qa.lead).stdout.hasPrefix("evaluator,evaluations,mean_score"))
        #expect(try CLIRunner.run(reportArgs, environment: eva).status != 0)

        // Every QA step left an audit entry.
        let audit = try CLIRunner.run(["audit", "list", "--home", home, "--json", "--limit", "500"], environment: qa.home.admin)
        let actions = Set(((audit.json as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["qa-rubric-import", "qa-sample", "qa-claim", "assign-call", "qa-draft", "qa-submit", "qa-report"]),
                "\(actions.sorted())")
        #expect(try CLIRunner.run(["audit", "verify", "--home", home], environment: qa.home.admin).status == 0)

        // Release gives a call back: the evaluator claims another, releases it, and it returns to the queue.
        let second = try #require(try CLIRunner.run(["qa", "next", "--home", home, "--json", "--pipeline", qa.pipeline], environment: eva).json as? [String: Any])
        if let other = second["call_id"] as? String {
            #expect(other != callID)
            #expect(try CLIRunner.run(["qa", "release", other, "--home", home], environment: eva).status == 0)
            #expect(try CLIRunner.run(["calls", "show", other, "--home", home], environment: eva).status != 0, "released: no longer assigned")
        }
    }

    /// Eight evaluator processes claim at the same moment: eight different calls, each assigned once.
    @Test func eightProcessesNeverGetTheSameCall() throws {
        let names = (1...8).map { "eval\($0)" }
        let (qa, users) = try Self.make(calls: 12, perAgent: 20, extraUsers: names.map { ($0, ["--role", "evaluator"]) })
        let sampled = try CLIRunner.run(["qa", "sample", "--plan", "monthly", "--period", "2026-11", "--pipeline", qa.pipeline, "--home", qa.path, "--json"],
                                        environment: qa.lead)
        let queued = try #require((sampled.json as? [String: Any])?["queued"] as? Int, "\(sampled.stderr)")
        #expect(queued >= 8)
        let processes = try names.map { name in
            try CLIRunner.start(["qa", "next", "--home", qa.path, "--json", "--pipeline", qa.pipeline], environment: users[name]!)
        }
        var claimed: [String] = []
        for (process, out, err) in processes {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(errText)")
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            if let id = json?["call_id"] as? String { claimed.append(id) }
        }
        #expect(claimed.count == 8)
        #expect(Set(claimed).count == 8, "two evaluators got the same call: \(claimed.sorted())")
        let counts = try #require(try CLIRunner.run(["qa", "queue", "--home", qa.path, "--json"], environment: qa.lead).json as? [String: Int])
        #expect(counts["claimed"] == 8 && counts["queued"] == queued - 8)
    }

    /// A supervisor sends a call to the queue by hand; the qa-lead opens a calibration session on it; two evaluators
    /// and the expert score it blind; the figures appear once all submitted, and in `report qa`.
    @Test func addByHandAndCalibrate() throws {
        let (qa, users) = try Self.make(calls: 4, perAgent: 1, extraUsers: [("evb", ["--role", "evaluator"])])
        let home = qa.path, eva = qa.home.evaluator, evb = try #require(users["evb"])
        let list = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: qa.home.supervisor).json as? [[String: Any]])
        let callID = try #require(list.first?["id"] as? String)
        let add = ["qa", "add", callID, "--reason", "caller complained about the wait", "--home", home, "--pipeline", qa.pipeline]
        #expect(try CLIRunner.run(add, environment: eva).status != 0, "evaluators do not add calls")
        let added = try CLIRunner.run(add + ["--json"], environment: qa.home.supervisor)
        #expect((added.json as? [String: Any])?["plan"] as? String == "added", "\(added.stderr)")
        #expect(try CLIRunner.run(add, environment: qa.home.supervisor).status != 0, "already in the queue")

        let open = ["qa", "calibrate", "open", callID, "--evaluators", "qa1,evb", "--expert", "lead", "--home", home, "--pipeline", qa.pipeline, "--json"]
        #expect(try CLIRunner.run(open, environment: eva).status != 0, "only the qa-lead opens sessions")
        let opened = try CLIRunner.run(open, environment: qa.lead)
        let session = try #require((opened.json as? [String: Any])?["id"] as? Int, "\(opened.stderr)")
        let template = try CLIRunner.run(["qa", "calibrate", "template", "\(session)", "--home", home], environment: eva)
        #expect(template.status == 0, "\(template.stderr)")
        var good = template.stdout
        for (item, value) in Self.exampleOne { good = good.replacingOccurrences(of: "  \(item):\n", with: "  \(item): \(value)\n") }
        let wrong = good.replacingOccurrences(of: "  correct-information: yes\n", with: "  correct-information:\n    answer: no\n    comment: wrong deadline\n")
        try good.write(toFile: qa.tmp.path("good.yaml"), atomically: true, encoding: .utf8)
        try wrong.write(toFile: qa.tmp.path("wrong.yaml"), atomically: true, encoding: .utf8)
        func score(_ env: [String: String], _ file: String) throws -> CLIRunner.Result {
            try CLIRunner.run(["qa", "calibrate", "score", "\(session)", "--answers", qa.tmp.path(file), "--submit", "--home", home], environment: env)
        }
        #expect(try score(qa.home.supervisor, "good.yaml").status != 0, "not a participant")
        #expect(try score(eva, "good.yaml").status == 0)
        #expect(try score(evb, "wrong.yaml").status == 0)
        let show = ["qa", "calibrate", "show", "\(session)", "--home", home, "--json"]
        let blind = try #require(try CLIRunner.run(show, environment: eva).json as? [String: Any])
        #expect(blind["complete"] as? Bool == false && blind["figures"] == nil, "blind until the expert submits too")
        #expect(try score(qa.lead, "good.yaml").status == 0)
        let done = try #require(try CLIRunner.run(show, environment: eva).json as? [String: Any])
        let evaluators = ((done["figures"] as? [String: Any])?["evaluators"] as? [[String: Any]]) ?? []
        #expect(evaluators.map { $0["evaluator"] as? String } == ["evb", "qa1"])
        // 63.16 - 80.84 (worked examples 2 and 1 of docs/qa.md).
        #expect(evaluators.first?["score_deviation"] as? Double == -17.68 && evaluators.last?["score_deviation"] as? Double == 0)
        let report = try #require(try CLIRunner.run(["report", "qa", "--from", "2026-01-01", "--to", "2030-12-31", "--home", home, "--json",
                                                     "--pipeline", qa.pipeline], environment: qa.lead).json as? [String: Any])
        #expect((report["calibration"] as? [String: Any])?["sessions"] as? Int == 1 && report["evaluations"] as? Int == 0)
        let audit = try CLIRunner.run(["audit", "list", "--home", home, "--json", "--limit", "500"], environment: qa.home.admin)
        let actions = Set(((audit.json as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["qa-add", "qa-calibrate", "qa-submit", "assign-call"]), "\(actions.sorted())")
    }

    static let exampleOne: [String: String] = [
        "greeting-standard": "yes", "self-identification": "no", "active-listening": "4", "clarifying-questions": "na",
        "correct-information": "yes", "complete-information": "3", "one-stop": "warm-transfer", "transfer-briefing": "yes",
        "respectful-language": "yes", "empathy": "3", "identity-verified": "na", "no-disclosure": "yes",
        "asks-before-hold": "na", "thanks-after-hold": "na", "summary-and-more": "yes", "closing-greeting": "yes",
    ]
}
