import CLITestSupport
import Foundation
import Testing

/// `import`, `agents` and `report` on the real binary, with the hand-checked fixtures (figures worked out in
/// Tests/CallReportsTests/QueueReportTests.swift) and, when the demo's sounds are installed, on demo data.
@Suite(.serialized) struct ReportsCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    @Test func importsReportsAndScope() throws {
        let tmp = try TempDir()
        let users = try CLIHome.make(tmp)
        let home = users.path
        // The queue log is imported incrementally: a second read adds nothing; the bad line is named by its number.
        let log = tmp.path("queue_log")
        try FileManager.default.copyItem(atPath: fixture("queue-log-sample.txt"), toPath: log)
        let first = try CLIRunner.run(["import", "queue-log", log, "--home", home, "--json"], environment: users.archivist)
        let imported = try #require(first.json as? [String: Any], "\(first.stderr)")
        #expect(imported["added"] as? Int == 22 && imported["calls_updated"] as? Int == 8 && imported["skipped"] as? Int == 1)
        #expect((imported["bad"] as? [[String: Any]])?.map { $0["line"] as? Int } == [10])
        let again = try #require(try CLIRunner.run(["import", "queue-log", log, "--home", home, "--json"], environment: users.archivist).json as? [String: Any])
        #expect(again["added"] as? Int == 0 && again["lines_read"] as? Int == 0)
        let text = try CLIRunner.run(["import", "queue-log", log, "--home", home], environment: users.archivist)
        #expect(text.status == 0 && text.stdout.contains("no new lines"))
        for (kind, file) in [("consultations", "consultations-sample.csv"), ("surveys", "surveys-sample.csv")] {
            let r = try CLIRunner.run(["import", kind, fixture(file), "--home", home], environment: users.archivist)
            #expect(r.status == 0 && r.stdout.contains("1 bad line(s)") && r.stdout.contains("line "), "\(r.stderr)")
        }
        // Supervisors may not import; archivists may not see figures.
        #expect(try CLIRunner.run(["import", "surveys", fixture("surveys-sample.csv"), "--home", home], environment: users.supervisor).status != 0)
        let agents = try CLIRunner.run(["agents", "import", fixture("agents-sample.csv"), "--home", home, "--json"], environment: users.admin)
        #expect((agents.json as? [String: Any])?["rows"] as? Int == 5, "\(agents.stderr)")

        let range = ["--from", "2026-03-02", "--to", "2026-03-03", "--home", home]
        let queue = try CLIRunner.run(["report", "queue", "--by", "total", "--json"] + range, environment: users.supervisor)
        let total = try #require((queue.json as? [String: Any])?["total"] as? [String: Any], "\(queue.stderr)")
        #expect(total["offered"] as? Int == 8 && total["answered"] as? Int == 5)
        #expect(total["answer_rate"] as? Double == 0.625 && total["one_stop_rate"] as? Double == 0.4)
        let levels = try #require(total["service_levels"] as? [[String: Any]])
        #expect(levels.first?["value"] as? Double == 0.375 && levels.first?["formula"] as? String == "answered within 20 s / offered")
        let ten = try CLIRunner.run(["report", "queue", "--by", "day", "--sl-seconds", "10"] + range, environment: users.supervisor)
        #expect(ten.status == 0 && ten.stdout.contains("answered within 10 s / offered = 25.0%") && ten.stdout.contains("2026-03-03"))
        let csv = try CLIRunner.run(["report", "queue", "--by", "team", "--csv"] + range, environment: users.supervisor)
        #expect(csv.stdout.hasPrefix("group,offered,answered,") && csv.stdout.contains("\nteam-1,3,3,"))
        for refused in [users.archivist, users.admin, users.evaluator] {
            #expect(try CLIRunner.run(["report", "queue"] + range, environment: refused).status != 0)
        }
        // No number in any output.
        for output in [first.stdout, first.stderr, queue.stdout, csv.stdout] {
            for number in ["1111-2222", "01011112222", "33334444", "5555 6666", "77778888"] { #expect(!output.contains(number)) }
        }

        let out = tmp.path("yearbook")
        let book = try CLIRunner.run(["report", "yearbook", "2026", "--out", out, "--home", home], environment: users.supervisor)
        #expect(book.status == 0, "\(book.stderr)")
        let html = try String(contentsOfFile: out + "/yearbook-2026.html", encoding: .utf8)
        #expect(html.contains("2026년 민원콜센터 연보") && html.contains(#"data-label="3월" data-value="8""#))
        let months = try String(contentsOfFile: out + "/months.csv", encoding: .utf8)
        #expect(months.split(separator: "\n").count == 13)
        let audit = try CLIRunner.run(["audit", "list", "--home", home, "--json", "--action", "view-report"], environment: users.admin)
        #expect(audit.stdout.contains("yearbook") && audit.stdout.contains("queue"))
    }

    @Test(.enabled(if: CLIRunner.soundsInstalled, "needs asterisk-core-sounds-en-wav and asterisk-moh-opsound-wav (make test installs them)"))
    func demoDayEndsWithServiceLevelAndTalkTime() throws {
        let tmp = try TempDir()
        let gen = try CLIRunner.run(["demo-data", tmp.path("input"), "--calls", "12", "--seed", "7", "--mean-seconds", "30"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let users = try CLIHome.make(tmp)
        let home = users.path
        #expect(try CLIRunner.run(["ingest", tmp.path("input/drop"), "--home", home, "--jobs", "2"], environment: users.archivist).status == 0)
        let before = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.supervisor).json as? [[String: Any]])
        let all = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.archivist).json as? [[String: Any]])
        let acd = tmp.path("input/acd")
        for (kind, file) in [("queue-log", "queue_log"), ("consultations", "consultations.csv"), ("surveys", "surveys.csv")] {
            let r = try CLIRunner.run(["import", kind, acd + "/" + file, "--home", home, "--json"], environment: users.archivist)
            #expect(r.status == 0 && ((r.json as? [String: Any])?["bad"] as? [Any])?.isEmpty == true, "\(kind): \(r.stdout) \(r.stderr)")
        }
        let agents = try #require(try CLIRunner.run(["agents", "import", acd + "/agents.csv", "--home", home, "--json"], environment: users.admin).json as? [String: Any])
        let given = agents["calls_given_team"] as? Int ?? -1
        // Calls whose recorder names the agent but no team now have one: the supervisor of every team sees more.
        let after = try #require(try CLIRunner.run(["calls", "list", "--home", home, "--json"], environment: users.supervisor).json as? [[String: Any]])
        #expect(given > 0 && after.count == before.count + given && after.count <= all.count)
        let queue = try #require(try CLIRunner.run(["report", "queue", "--by", "total", "--from", "2026-11-23", "--to", "2026-11-23", "--home", home, "--json"],
                                                   environment: users.supervisor).json as? [String: Any])
        let total = try #require(queue["total"] as? [String: Any])
        #expect((total["offered"] as? Int ?? 0) > (total["answered"] as? Int ?? 0), "abandoned calls without audio are offered too")
        #expect(((total["service_levels"] as? [[String: Any]])?.first?["value"] as? Double) != nil && total["one_stop_rate"] as? Double != nil)
        let talk = try CLIRunner.run(["report", "talk", "--by", "agent", "--from", "2026-11-23", "--to", "2026-11-23", "--home", home, "--json"], environment: users.supervisor)
        let groups = try #require((talk.json as? [String: Any])?["groups"] as? [[String: Any]], "\(talk.stderr)")
        #expect(!groups.isEmpty && groups.allSatisfy { ($0["group"] as? String)?.hasPrefix("A0") == true }, "agents named by the directory id")
        let worst = try #require(try CLIRunner.run(["report", "talk", "--agent", groups[0]["group"] as! String, "--from", "2026-11-23", "--to", "2026-11-23",
                                                    "--home", home, "--json"], environment: users.supervisor).json as? [[String: Any]])
        let deadAir = worst.map { $0["dead_air_s"] as? Double ?? 0 }
        #expect(!worst.isEmpty && deadAir == deadAir.sorted(by: >))
        // calls list filters: the metric threshold and the date range use the stored values.
        let filtered = try #require(try CLIRunner.run(["calls", "list", "--from", "2026-11-23", "--to", "2026-11-23", "--min-duration", "40", "--home", home, "--json"],
                                                      environment: users.supervisor).json as? [[String: Any]])
        #expect(filtered.allSatisfy { ($0["duration_s"] as? Double ?? 0) >= 40 } && filtered.count < after.count)
    }
}
