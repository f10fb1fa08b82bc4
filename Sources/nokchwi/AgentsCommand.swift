import ArgumentParser
import CallCatalog
import CallModel
import CallReports
import Foundation

/// `nokchwi agents import|list|apply`: the center's agent directory (recorder ids, names, teams, departments and
/// their dates). Stored calls whose metadata names no team take the one the agent had on the call's date.
struct AgentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "The agent directory: ids per recorder format, names, teams and departments over time.",
        subcommands: [Import.self, List.self, Apply.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the directory (CSV: agent,recorder_id,display_name,team,department,valid_from,valid_to) and give stored calls without a team theirs.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageAgents)
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CLIError("cannot read \(file) as UTF-8 text (\(error.localizedDescription)); check the path and its encoding")
            }
            let parsed = RecordParsers.agents(text)
            // A supervisor loads rows of their own teams only.
            let scope = ReportScope(access.guardian.scope(access.session, .manageAgents))
            let outside = parsed.records.filter { !scope.admits(team: $0.team) }
            guard outside.isEmpty else {
                throw CLIError("\(outside.count) row(s) name a team you do not supervise (\(Set(outside.compactMap(\.team)).sorted().joined(separator: ", "))); nothing was imported: ask an administrator, or remove those rows")
            }
            let added = try access.catalog.storeAgentDirectory(
                parsed.records.map { (AgentDirectory.normalise($0.recorderID), $0) },
                audit: access.session.draft(AuditAction("agents-import"), at: Date(), detail: ["file": PersonalDataRedactor.redact(file)]))
            let filled = try AgentsCommand.apply(access)
            let summary = Summary(rows: parsed.records.count, added: added, bad: parsed.bad, callsGivenTeam: filled)
            if global.json { return try Output.json(summary) }
            Output.line("\(summary.rows) directory row(s) read, \(added) new; \(filled) stored call(s) took their team from the directory")
            for bad in parsed.bad { Output.line("  line \(bad.line): \(bad.reason)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the directory (a supervisor sees their own teams).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageAgents, record: .viewReport, detail: ["report": "agents"])
            let scope = ReportScope(access.guardian.scope(access.session, .manageAgents))
            let entries = try access.catalog.agentDirectory().filter { scope.admits(team: $0.team) }
            if global.json { return try Output.json(entries) }
            Output.table(["AGENT", "RECORDER ID", "NAME", "TEAM", "DEPARTMENT", "FROM", "TO"], entries.map {
                [$0.agent, $0.recorderID, $0.displayName ?? "-", $0.team ?? "-", $0.department ?? "-", $0.validFrom, $0.validTo ?? "-"]
            })
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give stored calls without a team the team their agent had on the call's date (run after an ingest).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageAgents)
            let filled = try AgentsCommand.apply(access)
            if global.json { return try Output.json(["calls_given_team": filled]) }
            Output.line("\(filled) stored call(s) took their team from the directory")
        }
    }

    struct Summary: Encodable {
        let rows: Int
        let added: Int
        let bad: [BadLine]
        let callsGivenTeam: Int
        enum CodingKeys: String, CodingKey { case rows, added, bad, callsGivenTeam = "calls_given_team" }
    }

    /// Fills the team of stored calls that have none from the directory, within the user's scope; one audit entry
    /// per call changed.
    static func apply(_ access: CommandAccess) throws -> Int {
        let directory = AgentDirectory(try access.catalog.agentDirectory())
        let scope = ReportScope(access.guardian.scope(access.session, .manageAgents))
        let calendar = ReportCalendar(zone: DisplayTime.zone)
        let assignments: [(callID: CallID, team: String, department: String?)] = try access.catalog.callsWithoutTeam().compactMap { call in
            guard let start = call.startedAt, let entry = directory.entry(call.agentID, on: calendar.day(start)),
                  let team = entry.team, scope.admits(team: team) else { return nil }
            return (call.callID, team, entry.department)
        }
        guard !assignments.isEmpty else { return 0 }
        return try access.catalog.applyDirectoryTeams(assignments, audit: access.session.draft(AuditAction("agent-directory-team"), at: Date()))
    }
}
