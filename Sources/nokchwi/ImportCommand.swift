import ArgumentParser
import CallArchive
import CallCatalog
import CallModel
import CallReports
import Foundation

/// `nokchwi import queue-log|consultations|surveys FILE`: incremental, idempotent imports of the ACD's queue log
/// and the center's records. Bad lines are counted and listed by number; nothing is dropped silently.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the ACD queue log, consultation records and survey results (incremental).",
        subcommands: [QueueLog.self, Consultations.self, Surveys.self, AsteriskCDR.self, FreeSWITCHCDR.self])

    struct QueueLog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queue-log", abstract: "Import an Asterisk queue_log file (epoch|callid|queue|agent|EVENT|data...).")
        @Argument(help: "The queue_log file (read again later: only its new lines are added).") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try ImportCommand.authorize(global, kind: "queue-log")
            defer { access.finish() }
            let path = ImportCommand.absolute(file)
            let slice = try IncrementalFileReader.read(path: path, kind: "queue-log",
                                                       previous: try access.catalog.importOffset(kind: "queue-log", path: path), csvHeader: false)
            let parsed = QueueLogParser.parse(slice.text, firstLine: slice.firstLine)
            let hasher = CallerHasher(secret: try CallerHashKey.loadOrCreate(home: access.home))
            let records = QueueLogImport.records(parsed.events, hasher: hasher)
            let stored = try access.catalog.storeQueueEvents(records, offset: slice.offset, audit: ImportCommand.audit(access, "queue-log", path),
                                                             fold: QueueLogImport.fold)
            try ImportCommand.report(ImportSummary(kind: "queue-log", file: path, firstLine: slice.firstLine, linesRead: slice.offset.lines - slice.firstLine + 1,
                                                   added: stored.added, callsUpdated: stored.callsUpdated, skipped: parsed.skipped,
                                                   bad: parsed.bad, restarted: slice.restarted), json: global.json)
        }
    }

    struct Consultations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import consultation records (CSV: call_id,category,department,outcome = direct|transferred|callback).")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try ImportCommand.authorize(global, kind: "consultations")
            defer { access.finish() }
            let path = ImportCommand.absolute(file)
            let slice = try IncrementalFileReader.read(path: path, kind: "consultations",
                                                       previous: try access.catalog.importOffset(kind: "consultations", path: path), csvHeader: true)
            let parsed = RecordParsers.consultations(slice.text, firstLine: slice.firstLine, header: slice.header)
            let stored = try access.catalog.storeConsultations(parsed.records, offset: slice.offset, audit: ImportCommand.audit(access, "consultations", path))
            try ImportCommand.report(ImportSummary(kind: "consultations", file: path, firstLine: slice.firstLine, linesRead: slice.offset.lines - slice.firstLine + 1,
                                                   added: stored.added, callsUpdated: 0, skipped: 0, bad: parsed.bad, restarted: slice.restarted), json: global.json)
        }
    }

    struct Surveys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import post-call survey results (CSV: call_id,score with a score of 1-5).")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try ImportCommand.authorize(global, kind: "surveys")
            defer { access.finish() }
            let path = ImportCommand.absolute(file)
            let slice = try IncrementalFileReader.read(path: path, kind: "surveys",
                                                       previous: try access.catalog.importOffset(kind: "surveys", path: path), csvHeader: true)
            let parsed = RecordParsers.surveys(slice.text, firstLine: slice.firstLine, header: slice.header)
            let stored = try access.catalog.storeSurveys(parsed.records, offset: slice.offset, audit: ImportCommand.audit(access, "surveys", path))
            try ImportCommand.report(ImportSummary(kind: "surveys", file: path, firstLine: slice.firstLine, linesRead: slice.offset.lines - slice.firstLine + 1,
                                                   added: stored.added, callsUpdated: 0, skipped: 0, bad: parsed.bad, restarted: slice.restarted), json: global.json)
        }
    }

    struct AsteriskCDR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "asterisk-cdr", abstract: "Import the unanswered calls of an Asterisk Master.csv (NO ANSWER, BUSY, FAILED: no recording).")
        @Argument(help: "The cdr-csv file (incremental like the queue log).") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try ImportCommand.authorize(global, kind: "asterisk-cdr")
            defer { access.finish() }
            let path = ImportCommand.absolute(file)
            let slice = try IncrementalFileReader.read(path: path, kind: "asterisk-cdr",
                                                       previous: try access.catalog.importOffset(kind: "asterisk-cdr", path: path), csvHeader: false)
            let hasher = CallerHasher(secret: try CallerHashKey.loadOrCreate(home: access.home))
            let parsed = QueueCDRAdapters.asteriskUnanswered(slice.text, firstLine: slice.firstLine, zone: DisplayTime.zone, hashCaller: hasher.hash)
            let stored = try access.catalog.storeQueueCalls(parsed.calls, offset: slice.offset, audit: ImportCommand.audit(access, "asterisk-cdr", path))
            try ImportCommand.report(ImportSummary(kind: "asterisk-cdr", file: path, firstLine: slice.firstLine, linesRead: slice.offset.lines - slice.firstLine + 1,
                                                   added: stored.added, callsUpdated: stored.callsUpdated, skipped: parsed.skipped,
                                                   bad: parsed.bad, restarted: slice.restarted), json: global.json)
        }
    }

    struct FreeSWITCHCDR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "freeswitch-cdr", abstract: "Import mod_callcenter queue calls from FreeSWITCH CDR JSON files (cc_queue_* variables).")
        @Argument(help: "CDR JSON files (files without cc_queue_joined_epoch are not queue calls and are skipped).") var files: [String]
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try ImportCommand.authorize(global, kind: "freeswitch-cdr")
            defer { access.finish() }
            let hasher = CallerHasher(secret: try CallerHashKey.loadOrCreate(home: access.home))
            var calls: [QueueCall] = [], bad: [BadLine] = [], skipped = 0
            for (index, file) in files.enumerated() {
                do {
                    let data = try Data(contentsOf: URL(fileURLWithPath: file))
                    if let call = try QueueCDRAdapters.freeswitchCallcenter(data, hashCaller: hasher.hash) { calls.append(call) } else { skipped += 1 }
                } catch {
                    // The "line" of a file list is the file's position in it.
                    bad.append(BadLine(line: index + 1, reason: "\(PersonalDataRedactor.redact(file)): \(error)"))
                }
            }
            let stored = try access.catalog.storeQueueCalls(calls, offset: nil, audit: ImportCommand.audit(access, "freeswitch-cdr", "\(files.count) file(s)"))
            try ImportCommand.report(ImportSummary(kind: "freeswitch-cdr", file: "\(files.count) file(s)", firstLine: 1, linesRead: files.count,
                                                   added: stored.added, callsUpdated: stored.callsUpdated, skipped: skipped, bad: bad,
                                                   restarted: false), json: global.json)
        }
    }

    /// Imports feed the archive's records: the ingest permission (archivists).
    static func authorize(_ global: GlobalOptions, kind: String) throws -> CommandAccess {
        let access = try CommandAccess.signIn(global)
        try access.authorize(.ingestCalls, detail: ["import": kind])
        return access
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func audit(_ access: CommandAccess, _ kind: String, _ path: String) -> AuditDraft {
        access.session.draft(AuditAction("import-\(kind)"), at: Date(), detail: ["file": PersonalDataRedactor.redact(path)])
    }

    static func report(_ summary: ImportSummary, json: Bool) throws {
        if json { return try Output.json(summary) }
        let lines = summary.linesRead > 0 ? "lines \(summary.firstLine)-\(summary.firstLine + summary.linesRead - 1)" : "no new lines"
        Output.line("\(summary.kind) \(PersonalDataRedactor.redact(summary.file)): \(lines), \(summary.added) new row(s)"
                    + (summary.kind == "queue-log" ? ", \(summary.callsUpdated) queue call(s) updated, \(summary.skipped) queue/agent line(s) skipped" : ""))
        if summary.restarted { Output.line("the file changed before the point read last time: read again from its start (rows already stored were not added twice)") }
        if !summary.bad.isEmpty {
            Output.line("\(summary.bad.count) bad line(s), not imported:")
            for bad in summary.bad.prefix(50) { Output.line("  line \(bad.line): \(bad.reason)") }
            if summary.bad.count > 50 { Output.line("  ... and \(summary.bad.count - 50) more (--json lists them all)") }
        }
    }
}
