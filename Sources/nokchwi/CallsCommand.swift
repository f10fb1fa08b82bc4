import CallPipeline
import CallArchive
import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls", abstract: "List and show archived calls.",
        subcommands: [List.self, Show.self, Analyze.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List archived calls (oldest first; calls without a start time last).")
        @Option(help: "Only this agent's calls.") var agent: String?
        @Option(help: "Only this team's calls.") var team: String?
        @Option(help: "At most this many calls.") var limit = 200
        @Option(help: "Skip this many calls.") var offset = 0
        @OptionGroup var filters: CallFilterOptions
        @OptionGroup var global: GlobalOptions

        @OptionGroup var remote: ServerOption

        func run() async throws {
            let filter = filters.filter(agent: agent, team: team, limit: limit, offset: offset)
            if let server = remote.server { return try await fetch(from: server, filter) }
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.listCalls, record: .listCalls, detail: ["agent": agent ?? "*", "team": team ?? "*"])
            let calls = try filters.calls(access, filter)
            if global.json {
                // Sealed event details and warnings opened (then masked by CallView); a call whose sealed fields do
                // not open is listed without them (`calls show` names the fault).
                let vault = PersonalDataVault(catalog: access.catalog, keys: access.keys)
                return try Output.json(calls.map { CallView((try? vault.reveal($0)) ?? $0) })
            }
            if filters.csv { return filters.printCSV(calls.map(CallListRow.init)) }
            Self.print(calls.map(CallListRow.init))
            let query = CallQuery(agentID: agent, team: team, limit: limit, offset: offset)
            let visibility = try ListVisibility.count(access, query)
            for line in visibility.footer(shown: calls.count, offset: offset, filtered: agent != nil || team != nil) {
                Output.line(line)
            }
        }

        static func print(_ rows: [CallListRow]) {
            Output.table(["ID", "START (\(DisplayTime.zoneLabel))", "DURATION", "AGENT", "TEAM", "DEPARTMENT", "CATEGORY", "LAYOUT", "FLAGS"],
                         rows.map { c in
                             [c.id, c.startTime.map(DisplayTime.minute) ?? "-", Output.duration(c.durationS), c.agentID ?? "-", c.team ?? "-",
                              c.department ?? "-", c.category ?? "-", c.layout, c.flags.joined(separator: ",")]
                         })
        }

        /// The same listing from a running server (`/api/call-search`, which scopes and audits it as here).
        func fetch(from server: String, _ filter: CallFilter) async throws {
            let data = try await RemoteServer(server).get("/api/call-search", query: filter.parameters)
            if global.json { return Output.jsonText(RemoteServer.pretty(data)) }
            let rows = try RemoteServer.decode([CallListRow].self, data)
            if filters.csv { return filters.printCSV(rows) }
            Self.print(rows)
            Output.line("\(rows.count) call(s) from \(server)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one call: metadata, legs, events and archive.")
        @Argument(help: "Call id (from `calls list`).") var id: CallID
        @OptionGroup var global: GlobalOptions
        @OptionGroup var remote: ServerOption

        func run() async throws {
            if let server = remote.server {
                // The server applies the same rules (caller masked, metrics by role) and audits the view.
                return Output.jsonText(RemoteServer.pretty(try await RemoteServer(server).get("/api/calls/\(id.rawValue)")))
            }
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.viewCallMetadata, callID: id, record: .viewCall)
            let catalog = access.catalog
            guard let stored = try catalog.call(id: id) else { throw CLIError("no call \(id) in the catalog; `nokchwi calls list` shows the ids") }
            // The caller number, warnings and event details are sealed under the call's data key (issue #21).
            let call = try PersonalDataVault(catalog: catalog, keys: access.keys).reveal(stored)
            // Metrics only for those who may see them (supervisors of the team, assigned evaluators).
            let context = try catalog.callContext(callID: id)
            let mayViewMetrics = AccessPolicy.decide(access.session.user, .viewCallMetrics, call: context).isAllowed
            if mayViewMetrics { try access.authorize(.viewCallMetrics, callID: id, record: .viewMetrics) }
            // Those who may not see metrics are told so (and who may), not that the call was never analysed.
            let withheld = mayViewMetrics ? nil
                : "not shown to your role (\(access.session.user.roles.sorted().map(\.rawValue).joined(separator: ", "))); talk metrics are for \(AccessPolicy.allowedRoles(.viewCallMetrics))"
            let mayViewNumber = AccessPolicy.decide(access.session.user, .viewCallerNumber, call: context).isAllowed
            let view = CallView(call, analysis: mayViewMetrics ? try catalog.analysis(callID: call.id) : nil, metricsWithheld: withheld,
                                maskDetails: !mayViewNumber)
            if global.json { return try Output.json(view) }
            Output.line("call \(view.id)")
            let fields: [(String, String?)] = [
                ("external id", view.externalID), ("start", view.startTime.map(DisplayTime.labelled)),
                ("duration", Output.duration(view.durationSeconds)), ("agent", view.agentID), ("team", view.team),
                ("department", view.department), ("category", view.category), ("tags", view.tags.joined(separator: ", ")),
                ("direction", view.direction), ("caller", view.callerNumber), ("layout", view.layout),
                ("agent channel", view.agentChannel.map(String.init)), ("flags", view.flags.joined(separator: ", ")),
                ("metadata", "\(view.metadataFormat) \(view.metadataFiles.joined(separator: ", "))"),
                ("reported hold", view.reportedHoldSeconds.map { String(format: "%.1f s", $0) }),
            ]
            for (name, value) in fields { Output.line("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(value ?? "-")") }
            for warning in view.metadataWarnings { Output.line("  warning        \(warning)") }
            Output.line("  archive        \(view.archive.relativePath) (\(Output.megabytes(view.archive.bytes)), \(view.archive.channels) ch, \(view.archive.sampleRate) Hz, sha256 \(view.archive.sha256.prefix(16))…)")
            for leg in view.legs {
                Output.line("  leg \(leg.index)          \(leg.sourcePath) [\(leg.party?.rawValue ?? "both")] \(leg.container)/\(leg.encoding) \(leg.sampleRate) Hz \(leg.channels) ch")
            }
            for event in view.events {
                Output.line(String(format: "  event          %@ %.1f–%@ %@", event.kind.rawValue, event.start,
                                   event.end.map { String(format: "%.1f s", $0) } ?? "", event.detail ?? ""))
            }
            if let analysis = view.analysis {
                Output.line("metrics (channel 0 = \(call.agentChannel == 0 ? "agent" : "agent, assumed: the metadata does not say"))")
                MetricsText.print(analysis)
            } else if let withheld = view.metricsWithheld {
                Output.wrapped("  metrics        ", withheld)
            } else {
                Output.line("  metrics        not analysed")
            }
        }
    }

    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-analyse a call from its (encrypted) archive and print the metrics (compare with `calls show`).")
        @Argument(help: "Call id.") var id: CallID
        @Option(name: .long, help: "Pipeline definition whose `analysis:` thresholds to use (default: built-in).") var pipeline: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition()
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.viewCallMetrics, callID: id, record: .viewMetrics, detail: ["source": "archive"])
            guard let call = try access.catalog.call(id: id) else { throw CLIError("no call \(id) in the catalog") }
            let reader = try ArchiveOpener(store: ArchiveStore(root: access.home.archiveRoot), catalog: access.catalog,
                                           keys: access.keys).reader(for: call)
            // The registered hold audio, as ingest used it.
            let analysis = try FileAnalyzer(settings: definition.analysis, chunkFrames: definition.ingest.chunkFrames,
                                            holdAudio: try HoldAudioFiles.library(catalog: access.catalog))
                .analyze(archive: reader)
            if global.json { return try Output.json(analysis) }
            Output.line("call \(call.id) from its archive: \(Output.duration(analysis.durationS)), \(analysis.channels) channel(s)")
            MetricsText.print(analysis)
        }
    }
}
