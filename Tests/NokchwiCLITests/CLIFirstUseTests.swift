import CLITestSupport
import Foundation
import Testing

/// What a new user meets first (issue 17): mistyped commands, option checks, help texts, refusals, log lines,
/// and a failed `init`. On the real binary.
@Suite struct CLIFirstUseTests {
    @Test func aMistypedSubcommandIsNamedWithASuggestion() throws {
        let typo = try CLIRunner.run(["calls", "lst", "--home", "/nonexistent"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown subcommand 'lst' of 'calls'; did you mean 'list'?"), "\(typo.stderr)")
        #expect(typo.stderr.contains("Usage: nokchwi calls"), "\(typo.stderr)")
        #expect(!typo.stderr.contains("--home"), "the option after the typo is not the problem: \(typo.stderr)")
        let nested = try CLIRunner.run(["users", "ad", "bob"])
        #expect(nested.status == 64 && nested.stderr.contains("did you mean 'add'?"), "\(nested.stderr)")
        let top = try CLIRunner.run(["calss", "list"])
        #expect(top.status == 64 && top.stderr.contains("unknown command 'calss'; did you mean 'calls'?"), "\(top.stderr)")
        // Correct commands still parse (help of a subcommand, --help after a group).
        #expect(try CLIRunner.run(["calls", "list", "--help"]).status == 0)
        #expect(try CLIRunner.run(["calls", "--help"]).status == 0)
    }

    @Test(arguments: [
        (["export", "20261123-0000000000", "--out", "x.mp3", "--reason", "r", "--format", "mp3"], "Usage: nokchwi export", "mp3"),
        (["export", "20261123-0000000000", "--out", "x.wav"], "Usage: nokchwi export", "--reason"),
        (["export", "20261123-0000000000", "--out", "x.wav", "--reason", "  "], "Usage: nokchwi export", "--reason"),
        (["users", "add", "bob", "--role", "archivst"], "Usage: nokchwi users add", "archivst"),
        (["users", "add", "bob"], "Usage: nokchwi users add", "--role"),
        (["ingest", "/tmp", "--jobs=-1"], "Usage: nokchwi ingest", "--jobs"),
        (["login", "--hours", "0"], "Usage: nokchwi login", "--hours"),
        (["analyze", "x.wav", "--agent-channel", "2"], "Usage: nokchwi analyze", "--agent-channel"),
        (["holds", "add", "--holder", "h", "--reason", "r"], "Usage: nokchwi holds add", "--call"),
        (["init", "--admin", "Bad Name"], "Usage: nokchwi init", "user name"),
    ])
    func optionChecksShowTheSubcommandsUsage(arguments: [String], usage: String, names: String) throws {
        let tmp = try TempDir()
        // `analyze` works on a file and has no --home.
        let result = try CLIRunner.run(arguments + (arguments[0] == "analyze" ? [] : ["--home", tmp.path("home")]))
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(usage), "\(result.stderr)")
        #expect(result.stderr.contains(names), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage: nokchwi <subcommand>"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path("home")), "a refused command creates no home")
    }

    @Test func helpSaysWhatIsRequiredAndEachDefaultOnce() throws {
        let export = try CLIRunner.run(["export", "--help"]).stdout
        #expect(export.contains("--reason <reason>") && !export.contains("[--reason <reason>]"), "\(export)")
        let out = try #require(export.components(separatedBy: "\n").first { $0.contains("--out <file>") && !$0.contains("Usage") })
        #expect(!out.isEmpty)
        #expect(export.contains("Ogg Opus file"), "--out names both formats: \(export)")
        let analyze = try CLIRunner.run(["analyze", "--help"]).stdout
        #expect(!analyze.contains("Default 0."), "\(analyze)")
        #expect(analyze.components(separatedBy: "(default: 0)").count == 2, "one default for --agent-channel: \(analyze)")
        let initHelp = try CLIRunner.run(["init", "--help"]).stdout
        #expect(!initHelp.contains("--user"), "init signs nobody in: \(initHelp)")
        let login = try CLIRunner.run(["login", "--help"]).stdout
        let loginUser = try #require(login.range(of: "--user <user>").flatMap { start in
            login.range(of: "--home <home>", range: start.upperBound..<login.endIndex).map { String(login[start.upperBound..<$0.lowerBound]) }
        })
        #expect(!loginUser.contains("token") && !loginUser.contains("TOKEN"), "login's --user is who signs in: \(loginUser)")
        for command in [["calls", "list"], ["status"], ["ingest"]] {
            #expect(try CLIRunner.run(command + ["--help"]).stdout.contains("--verbose"))
        }
    }

    @Test func aFailedInitLeavesNoHalfMadeHome() throws {
        let tmp = try TempDir()
        let password = ["NOKCHWI_PASSWORD": CLIHome.adminPassword]
        // A weak password: refused before anything is created.
        let weak = try CLIRunner.run(["init", "--admin", "admin", "--home", tmp.path("a/home")], environment: ["NOKCHWI_PASSWORD": "short"])
        #expect(weak.status != 0)
        #expect(!FileManager.default.fileExists(atPath: tmp.path("a")), "\(weak.stderr)")
        // A failure after the catalog exists (the keys folder cannot be made: a file stands in its place): everything
        // init made is removed, what was there stays.
        let blocked = tmp.path("blocked")
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocked + "/keys"))
        let failed = try CLIRunner.run(["init", "--admin", "admin", "--home", blocked], environment: password)
        #expect(failed.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: blocked) == ["keys"], "\(failed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: blocked + "/keys")) == Data("not a folder".utf8))
        // A second init on a working home is refused and leaves it whole: the admin still signs in.
        let home = tmp.path("home")
        #expect(try CLIRunner.run(["init", "--admin", "admin", "--home", home], environment: password).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: home).sorted()
        let second = try CLIRunner.run(["init", "--admin", "other", "--home", home], environment: password)
        #expect(second.status != 0 && second.stderr.contains("already set up"), "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home).sorted() == before)
        #expect(try CLIRunner.run(["login", "--user", "admin", "--home", home], environment: password).status == 0)
    }

    @Test func refusalsNameTheAllowedRoleAndLogLinesStayOffTheTerminal() throws {
        let tmp = try TempDir()
        let users = try CLIHome.make(tmp)
        let home = users.path
        // An archivist may not manage keys: the message says who may, and no log line comes before it.
        let keys = try CLIRunner.run(["keys", "list", "--home", home], environment: users.archivist)
        #expect(keys.status != 0)
        #expect(keys.stderr.contains("Allowed for: admin"), "\(keys.stderr)")
        #expect(keys.stderr.contains("your role (archivist)"), "\(keys.stderr)")
        #expect(!keys.stderr.contains("notice") && !keys.stderr.contains("access refused"), "\(keys.stderr)")
        #expect(keys.stderr.hasPrefix("Error: refused"), "the first thing on stderr is the error: \(keys.stderr)")
        // --verbose shows the audit machinery's notice; --log-file keeps it in a file instead.
        let verbose = try CLIRunner.run(["keys", "list", "--home", home, "--verbose"], environment: users.archivist)
        #expect(verbose.stderr.contains("access refused"), "\(verbose.stderr)")
        let log = tmp.path("nokchwi.log")
        let logged = try CLIRunner.run(["keys", "list", "--home", home, "--log-file", log], environment: users.archivist)
        #expect(logged.status != 0 && !logged.stderr.contains("access refused"))
        let logText = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logText.contains("access refused") && logText.contains("Z "), "log lines carry UTC times: \(logText)")
        // Users: only admins; an evaluator's `status`: supervisors and archivists.
        let add = try CLIRunner.run(["users", "add", "newbie", "--role", "evaluator", "--home", home],
                                    environment: users.supervisor.merging(["NOKCHWI_NEW_PASSWORD": "a long enough passphrase"]) { $1 })
        #expect(add.status != 0 && add.stderr.contains("Allowed for: admin"), "\(add.stderr)")
        let status = try CLIRunner.run(["status", "--home", home], environment: users.evaluator)
        #expect(status.status != 0 && status.stderr.contains("supervisor") && status.stderr.contains("archivist"), "\(status.stderr)")
        // `--jobs 0` is one per core, as `jobs: 0` in a pipeline.
        try FileManager.default.createDirectory(atPath: tmp.path("drop"), withIntermediateDirectories: true)
        let ingest = try CLIRunner.run(["ingest", tmp.path("drop"), "--jobs", "0", "--home", home, "--json"], environment: users.archivist)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let report = try #require(ingest.json as? [String: Any])
        #expect(report["jobs"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
    }
}
