import CLITestSupport
import Foundation
import Testing

/// Issue #21, items 3 and 5: `login --hours 720` gave a 30-day token whatever the deployment wanted; and `init`
/// made the home and catalog with the caller's umask, so under a permissive umask every local account could read
/// the scrypt hashes, tokens' hashes and caller numbers with sqlite3.
@Suite(.serialized) struct HomePrivacyTests {
    @Test func loginCannotOutliveTheHomesMaximum() throws {
        // Attack: a user (or a stolen password) asks `login --hours 720` for a month-long token in a home whose
        // admins chose 8-hour tokens at init.
        let tmp = try TempDir()
        let home = tmp.path("home")
        let made = try CLIRunner.run(["init", "--admin", "admin", "--home", home, "--max-token-hours", "8"],
                                     environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword])
        #expect(made.status == 0, "\(made.stderr)")
        for hours in ["720", "24", "8.5"] {
            let long = try CLIRunner.run(["login", "--user", "admin", "--hours", hours, "--home", home],
                                         environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword])
            #expect(long.status != 0 && long.stdout.isEmpty, "--hours \(hours) gave \(long.stdout)")
            #expect(long.stderr.contains("at most") || long.stderr.contains("more than this home allows"), "\(long.stderr)")
        }
        let ok = try CLIRunner.run(["login", "--user", "admin", "--hours", "8", "--home", home, "--json"],
                                   environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword])
        #expect(ok.status == 0, "\(ok.stderr)")
        let expires = try #require((ok.json as? [String: Any])?["expires_at"] as? String)
        let date = try #require(ISO8601DateFormatter().date(from: expires))
        #expect(date.timeIntervalSinceNow <= 8 * 3600 + 60)
        // A home made without the option keeps the old maximum (720 hours).
        let other = tmp.path("other")
        #expect(try CLIRunner.run(["init", "--admin", "admin", "--home", other], environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword]).status == 0)
        #expect(try CLIRunner.run(["login", "--user", "admin", "--hours", "720", "--home", other], environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword]).status == 0)
        #expect(try CLIRunner.run(["init", "--admin", "admin", "--home", tmp.path("third"), "--max-token-hours", "721"], environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword]).status != 0)
    }

    @Test func initMakesThePrivateHomeWhateverTheUmask() throws {
        // Attack: the operator's shell has umask 000 (or 022); another local account reads catalog.sqlite.
        let tmp = try TempDir()
        let home = tmp.path("srv/nokchwi")
        let result = try Self.shell("umask 000; exec '\(CLIRunner.binary.path)' init --admin admin --home '\(home)'",
                                    environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.mode(home) == 0o700)
        #expect(try Self.mode(home + "/catalog.sqlite") == 0o600)
        for extra in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: home + "/catalog.sqlite" + extra) {
            #expect(try Self.mode(home + "/catalog.sqlite" + extra) & 0o077 == 0, "catalog.sqlite\(extra)")
        }
        // An existing, open folder given as the home is closed too.
        let open = tmp.path("open")
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        #expect(try Self.shell("umask 000; exec '\(CLIRunner.binary.path)' init --admin admin --home '\(open)'",
                               environment: ["NOKCHWI_PASSWORD": SecurityHome.adminPassword]).status == 0)
        #expect(try Self.mode(open) == 0o700)

        // A second OS user cannot read the home (only where this test runs as root and may add a user).
        guard getuid() == 0 else {
            print("skipped the second-user check: it needs root to add a user with useradd")
            return
        }
        let probe = "nokchwiprobe"
        let existed = try Self.shell("id -u \(probe)").status == 0
        if !existed {
            let added = try Self.shell("useradd --system --no-create-home --shell /usr/sbin/nologin \(probe)")
            try #require(added.status == 0, "useradd: \(added.stderr)")
        }
        defer { if !existed { _ = try? Self.shell("userdel \(probe)") } }
        // Make every folder above the home passable for the probe, so only the home's own mode stops it.
        var parent = URL(fileURLWithPath: home).deletingLastPathComponent()
        while parent.path != "/" && parent.path.hasPrefix(tmp.url.path) {
            chmod(parent.path, 0o755)
            parent = parent.deletingLastPathComponent()
        }
        chmod(tmp.url.path, 0o755)
        for command in ["cat '\(home)/catalog.sqlite'", "ls '\(home)'", "cat '\(home)/keys/'*"] {
            let read = try Self.shell("exec runuser -u \(probe) -- sh -c \"\(command)\" ")
            #expect(read.status != 0 && read.stdout.isEmpty, "\(command) as \(probe): \(read.stdout.prefix(80))")
        }
        // The check itself can succeed: the probe reads a file that is not private.
        try Data("public".utf8).write(to: URL(fileURLWithPath: tmp.path("srv/public.txt")))
        chmod(tmp.path("srv/public.txt"), 0o644)
        #expect(try Self.shell("exec runuser -u \(probe) -- cat '\(tmp.path("srv/public.txt"))'").stdout == "public")
    }

    static func mode(_ path: String) throws -> Int {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw SecurityHomeError(message: "cannot stat \(path)") }
        return Int(st.st_mode & 0o7777)
    }

    static func shell(_ script: String, environment: [String: String] = [:]) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
