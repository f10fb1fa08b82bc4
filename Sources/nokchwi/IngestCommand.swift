import ArgumentParser
import CallArchive
import CallCatalog
import CallModel
import CallPipeline
import Foundation

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Archive every call found in a recorder's drop folder.",
        discussion: "Exit code 0 when every file ended archived, already known, or quarantined; 1 on an internal failure.")

    @Argument(help: "The drop folder to scan (recursively).")
    var directory: String

    @Option(name: .long, help: "Pipeline definition (YAML). Default: the built-in defaults (same as Pipelines/default.yaml).")
    var pipeline: String?

    @Option(name: .long, help: "Calls processed at once; 0: one per core, as `jobs: 0` in a pipeline (default: the pipeline's setting).")
    var jobs: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let jobs, jobs < 0 { throw ValidationError("--jobs must be 0 (one per core) or more") }
    }

    func run() async throws {
        let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("the drop folder \(directory) does not exist or is not a directory")
        }
        let access = try CommandAccess.signIn(global)
        defer { access.finish(pipeline: pipeline == nil ? nil : definition) }
        try access.authorize(.ingestCalls)
        try RetentionRules.checkFloor(definition.retention, catalog: access.catalog)
        _ = try RetentionRules.twoPerson(pipeline == nil ? nil : definition, access: access)
        let runner = IngestRunner(home: access.home, catalog: access.catalog, definition: definition,
                                  keys: access.keys, actor: access.actor,
                                  logger: global.logger("nokchwi.ingest"),
                                  progress: global.json ? SilentProgress() : ProgressReporters.standardError(),
                                  faults: processFaults)
        let jobs = self.jobs.map { $0 == 0 ? ProcessInfo.processInfo.activeProcessorCount : $0 }
        let report = try await runner.run(dropFolder: URL(fileURLWithPath: directory), jobs: jobs)
        if global.json {
            try Output.json(report)
        } else {
            printSummary(report)
        }
        if !report.succeeded { throw ExitCode(1) }
    }

    private func printSummary(_ r: IngestReport) {
        Output.line("nokchwi ingest: \(r.dropFolder) (pipeline \(r.pipeline), \(r.jobs) jobs, run \(r.runID.map(String.init) ?? "-"))")
        Output.line("  calls found         \(r.candidates)")
        Output.line("  archived            \(r.archived)")
        Output.line("  already archived    \(r.skipped)")
        Output.line("  quarantined files   \(r.quarantined) new, \(r.previouslyQuarantined) from earlier runs")
        Output.line("  failed              \(r.failed)")
        Output.line(String(format: "  audio archived      %@ (%.2f h)", Output.duration(r.audioSeconds), r.audioSeconds / 3600))
        Output.line("  source size         \(Output.megabytes(r.sourceBytes))")
        Output.line(String(format: "  archive size        %@ (%.2f MB per hour of audio)", Output.megabytes(r.archiveBytes), r.archiveMBPerHour))
        Output.line(String(format: "  wall time           %.1f s, %.0fx realtime", r.wallSeconds, r.realtimeFactor))
        if !r.quarantine.isEmpty {
            Output.line()
            Output.line("Quarantined (files left untouched; `nokchwi quarantine list` shows all):")
            for q in r.quarantine { Output.line("  \(q.path): [\(q.code)] \(q.reason)") }
        }
        if !r.failures.isEmpty {
            Output.line()
            Output.line("Failed (nothing stored for these; rerun ingest to redo them):")
            for f in r.failures { Output.line("  \(f.path): \(f.reason)") }
        }
    }
}
