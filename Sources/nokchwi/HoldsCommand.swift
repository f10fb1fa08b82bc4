import ArgumentParser
import CallModel
import Foundation

/// `nokchwi holds add|list|release` (archivists): legal holds stop any purge of the held calls.
struct HoldsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holds", abstract: "Legal holds: calls no purge may destroy until the hold is released.",
        subcommands: [Add.self, List.self, Release.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a hold on calls (by id), or on every call of an agent or a team in a date range.")
        @Option(name: .long, help: "Who asked for the hold (a court, an office, a case number).") var holder: String
        @Option(name: .long, help: "Why (recorded with the hold and in the audit trail).") var reason: String
        @Option(name: .long, help: "A call id (repeat for several).") var call: [CallID] = []
        @Option(name: .long, help: "Every call of this agent id between --from and --until.") var agent: String?
        @Option(name: .long, help: "Every call of this team between --from and --until.") var team: String?
        @Option(name: .long, help: "Start date YYYY-MM-DD (inclusive, the center's time zone).") var from: String?
        @Option(name: .long, help: "End date YYYY-MM-DD (inclusive).") var until: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            _ = try selection()
        }

        /// The calls the hold is for, from the options (a usage error when they do not say one kind of selection).
        func selection() throws -> HoldSelection {
            let selection: HoldSelection
            if !call.isEmpty {
                guard agent == nil, team == nil else { throw ValidationError("give calls, or --agent, or --team: one kind") }
                selection = .calls(call)
            } else if let who = agent ?? team {
                guard agent == nil || team == nil else { throw ValidationError("give --agent or --team, not both") }
                guard let from, let until, let start = DayParser.start(of: from), let end = DayParser.start(of: until) else {
                    throw ValidationError("--agent/--team need --from and --until as YYYY-MM-DD")
                }
                let after = end.addingTimeInterval(86_400)
                selection = agent != nil ? .agent(who, from: start, until: after) : .team(who, from: start, until: after)
            } else {
                throw ValidationError("say which calls: --call ID (repeatable), or --agent/--team with --from and --until")
            }
            return selection
        }

        func run() async throws {
            let selection = try selection()
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageHolds, reason: reason)
            let hold = try access.catalog.placeHold(holder: holder, reason: reason, selection: selection,
                                                    by: access.session.username, from: access.session.sourceAddress, at: Date())
            if global.json { return try Output.json(hold) }
            Output.line("hold #\(hold.id) placed on \(hold.callIDs.count) call(s) for \(hold.holder)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Active holds (--all: released ones too).")
        @Flag(name: .long, help: "Include released holds.") var all = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageHolds, reason: "list holds", record: .auditView, detail: ["view": "holds"])
            let holds = try access.catalog.legalHolds(includeReleased: all)
            if global.json { return try Output.json(holds) }
            Output.table(["HOLD", "PLACED (\(DisplayTime.zoneLabel))", "BY", "HOLDER", "CALLS", "STATE", "REASON"], holds.map { h in
                ["#\(h.id)", DisplayTime.minute(h.placedAt), h.placedBy, h.holder, "\(h.callIDs.count)",
                 h.isActive ? "active" : "released \(h.releasedAt.map(DisplayTime.minute) ?? "")", h.reason]
            })
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a hold; its calls follow their retention again.")
        @Argument(help: "Hold number (from `holds list`).") var id: Int64
        @Option(name: .long, help: "Why the hold ends (recorded).") var reason: String
        @Option(name: .long, help: "Under the two-person rule: the request a second archivist approved (`retention approve`).") var request: Int64?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let access = try CommandAccess.signIn(global)
            defer { access.finish() }
            try access.authorize(.manageHolds, reason: reason)
            if try RetentionRules.twoPerson(nil, access: access) {
                // No request for a hold that is not there to release.
                guard let hold = try access.catalog.legalHold(id: id), hold.releasedAt == nil else {
                    throw CLIError("no active legal hold #\(id); `nokchwi holds list` shows them")
                }
                guard try RetentionRules.gate(.holdRelease, target: "hold=\(id)", reason: reason, request: request,
                                              access: access, json: global.json) else { return }
            }
            let hold = try access.catalog.releaseHold(id: id, reason: reason, by: access.session.username,
                                                      from: access.session.sourceAddress, at: Date())
            if global.json { return try Output.json(hold) }
            Output.line("hold #\(hold.id) released (\(hold.callIDs.count) call(s))")
        }
    }
}

/// `YYYY-MM-DD` in the center's time zone → the start of that day.
enum DayParser {
    static func start(of text: String) -> Date? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = DisplayTime.zone
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.date(from: text)
    }
}
