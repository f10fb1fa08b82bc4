import ArgumentParser
import CallAccess
import CallArchive
import CallModel
import CallPipeline
import CallReview
import CallServer
import Foundation
import Hummingbird

/// `nokchwi serve`: the web pages and JSON API over the home's catalog and archive. Loopback by default; `--listen`
/// opens it to the network (then put TLS in front, or use `--tls-*` when available). Stops cleanly on SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (evaluators, supervisors, archivists) and its JSON API.")

    @Option(help: "TCP port (0 picks a free one and prints it).") var port = 8080
    @Flag(help: "Listen on every interface instead of 127.0.0.1 only.") var listen = false
    @Option(help: "Address to bind (overrides --listen).") var host: String?
    @Flag(name: .customLong("secure-cookies"), help: "Mark the session cookie Secure (behind a TLS proxy; implied by --tls-cert).") var secureCookies = false
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "file")) var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert (readable by the service account only).", valueName: "file")) var tlsKey: String?
    @Option(name: .customLong("session-hours"), help: "How long a web sign-in lasts (1 to 24 hours).") var sessionHours = 8
    @Option(help: "Pipeline definition with the qa: section (default Pipelines/default.yaml).") var pipeline: String?
    @Option(help: "Default page language: ko or en.") var lang = "ko"
    @Flag(help: "Serve /api/metrics (Prometheus text format) to admins' and archivists' tokens.") var metrics = false
    @Option(help: ArgumentHelp("A Korean font file to serve to browsers without one (default: Debian's fonts-nanum when installed).", valueName: "file")) var font: String?
    @OptionGroup var options: HomeOptions

    func run() async throws {
        guard (0...65535).contains(port) else { throw CLIError("--port must be 0 to 65535") }
        guard (1...24).contains(sessionHours) else { throw CLIError("--session-hours must be 1 to 24") }
        guard let language = Language(rawValue: lang) else { throw CLIError("--lang must be ko or en") }
        let qa: QAConfiguration
        do { qa = try QASupport.configuration(pipeline: pipeline) } catch let e as ReviewError { try QASupport.refuse(e, json: options.json) }
        let catalog = try options.openCatalog(create: false)
        let home = options.resolvedHome
        // The retention policy a console purge records, and the two-person rule when the pipeline asks for it (sticky).
        let definition = try Self.definition(pipeline)
        if definition.retentionTwoPerson {
            try catalog.enableTwoPersonRetention(audit: AuditDraft(
                at: Date(), account: "system", sourceAddress: SourceAddress.commandLine(),
                action: AuditAction("retention-two-person-on"), detail: ["pipeline": definition.name]))
        }
        let logger = options.logger("nokchwi.server")
        // API tokens the server issues obey the home's maximum lifetime (`init --max-token-hours`), as `login`'s do.
        let authenticator = Authenticator(catalog: catalog, hasher: try PasswordHasher(), logger: logger,
                                          maximumTokenLifetime: try catalog.homeSettings().maximumTokenHours * 3600)
        let services = ServerServices(home: home, catalog: catalog, keys: KeyFileStore(home: home), authenticator: authenticator, logger: logger)
        let host = host ?? (listen ? "0.0.0.0" : "127.0.0.1")
        let fontPath = font ?? Self.systemKoreanFonts.first { FileManager.default.fileExists(atPath: $0) }
        var fontBytes: [UInt8]?
        if let fontPath {
            guard let data = FileManager.default.contents(atPath: fontPath), data.count < 64 << 20 else {
                throw CLIError("cannot read the font \(fontPath) (or it is over 64 MiB); pass --font FILE")
            }
            fontBytes = [UInt8](data)
        }
        var tls: ServerConfiguration.TLSFiles?
        if tlsCert != nil || tlsKey != nil {
            guard let tlsCert, let tlsKey else { throw CLIError("--tls-cert and --tls-key go together") }
            guard let cert = FileManager.default.contents(atPath: tlsCert) else { throw CLIError("cannot read --tls-cert \(tlsCert)") }
            guard let key = FileManager.default.contents(atPath: tlsKey) else { throw CLIError("cannot read --tls-key \(tlsKey)") }
            tls = .init(certificateChainPEM: [UInt8](cert), privateKeyPEM: [UInt8](key))
        }
        var registry: ServerMetrics?
        if metrics {
            registry = ServerMetrics()
            registry?.bootstrap()
        }
        let server = try NokchwiServer(services: services, configuration: ServerConfiguration(
            host: host, port: port, secureCookies: secureCookies, sessionLifetime: .seconds(sessionHours * 3600), qa: qa,
            retention: definition.retention, defaultLanguage: language, koreanFont: fontBytes, tls: tls, metrics: registry))
        let json = options.json
        let scheme = tls == nil ? "http" : "https"
        do {
            let app = try server.application { bound in
                let shown = host == "0.0.0.0" ? "127.0.0.1" : host
                // Written unbuffered: scripts and tests read the URL from this first line while the server runs.
                let line = json ? "{\"url\":\"\(scheme)://\(shown):\(bound)/\",\"host\":\"\(host)\",\"port\":\(bound)}"
                    : "nokchwi serve: \(scheme)://\(shown):\(bound)/ (home \(home.root.path); Ctrl-C stops)"
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            try await app.runService()
        } catch let error as WebError {
            throw CLIError(error.message + "; check --tls-cert and --tls-key")
        }
    }

    /// `--pipeline`, else Pipelines/default.yaml when present, else the built-in definition (as `qa:` is read).
    static func definition(_ pipeline: String?) throws -> PipelineDefinition {
        let path = pipeline ?? QASupport.defaultPipeline
        guard pipeline != nil || FileManager.default.fileExists(atPath: path) else { return PipelineDefinition() }
        return try PipelineDefinition.load(path: path)
    }

    static let systemKoreanFonts = ["/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf"]
}
