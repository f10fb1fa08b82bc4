import CallCatalog
import CallModel
import Foundation

/// What a `calls list` may show the user and what it leaves out, and why: the footer under the table. A supervisor
/// "of every team" sees no call without a team, and must be told so rather than left to wonder at "57 of 81".
struct ListVisibility {
    /// Calls matching the filters in the whole catalog.
    var total: Int
    /// Of those, the calls the user may list.
    var visible: Int
    /// Hidden calls without a team, per metadata format.
    var hiddenWithoutTeam: [MetadataFormat: Int]
    /// Hidden calls of teams the user does not supervise.
    var hiddenOtherTeams: Int
    /// What the user's scope admits.
    var scope: CallScope

    var hidden: Int { total - visible }

    static func count(_ access: CommandAccess, _ query: CallQuery) throws -> ListVisibility {
        let scope = access.guardian.scope(access.session, .listCalls)
        let counts = try access.catalog.callCountsByTeam(query)
        let total = counts.reduce(0) { $0 + $1.calls }
        switch scope {
        case .all:
            return ListVisibility(total: total, visible: total, hiddenWithoutTeam: [:], hiddenOtherTeams: 0, scope: scope)
        case .none:
            var noTeam: [MetadataFormat: Int] = [:]
            for c in counts where c.team == nil { noTeam[c.metadataFormat, default: 0] += c.calls }
            return ListVisibility(total: total, visible: 0, hiddenWithoutTeam: noTeam,
                                  hiddenOtherTeams: counts.filter { $0.team != nil }.reduce(0) { $0 + $1.calls }, scope: scope)
        case .limited(let teams, let username):
            var noTeam: [MetadataFormat: Int] = [:]
            var otherTeams = 0
            var visible = 0
            for c in counts {
                if let team = c.team, teams.contains(team) { visible += c.calls }
                else if c.team == nil { noTeam[c.metadataFormat, default: 0] += c.calls }
                else { otherTeams += c.calls }
            }
            // Calls the QA queue assigned to the user, outside their teams, are visible too.
            if let username {
                for assignment in try access.catalog.assignments(username: username, limit: 100_000) {
                    guard let call = try access.catalog.call(id: assignment.callID),
                          query.agentID.map({ $0 == call.metadata.agentID }) ?? true,
                          query.team.map({ $0 == call.metadata.team }) ?? true else { continue }
                    if let team = call.metadata.team {
                        if teams.contains(team) { continue }
                        otherTeams -= 1
                    } else {
                        noTeam[call.metadata.format, default: 0] -= 1
                    }
                    visible += 1
                }
            }
            return ListVisibility(total: total, visible: visible, hiddenWithoutTeam: noTeam.filter { $0.value > 0 },
                                  hiddenOtherTeams: max(0, otherTeams), scope: scope)
        }
    }

    /// The footer lines (each under about 120 characters).
    func footer(shown: Int, offset: Int, filtered: Bool) -> [String] {
        let matching = filtered ? " matching --agent/--team" : ""
        let paging = shown < visible ? " (--limit and --offset page through them)" : ""
        let from = offset > 0 ? ", from #\(offset + 1)" : ""
        guard case .limited(let teams, let username) = scope else {
            if case .none = scope { return ["0 calls shown: your role lists no calls; \(total) in the catalog\(matching)"] }
            return ["\(shown) shown of \(visible) call(s)\(matching) in the catalog\(from)\(paging)"]
        }
        let yours: String
        switch (teams.isEmpty, username != nil) {
        case (false, true): yours = "of your teams or assigned to you"
        case (false, false): yours = teams.count == 1 ? "of your team" : "of your \(teams.count) teams"
        default: yours = "assigned to you by the QA queue"
        }
        var lines = ["\(shown) shown of \(visible) call(s) \(yours)\(matching)\(from)\(paging)"]
        guard hidden > 0 else { return lines }
        var why: [String] = []
        let withoutTeam = hiddenWithoutTeam.values.reduce(0, +)
        if !teams.isEmpty && withoutTeam > 0 {
            let formats = hiddenWithoutTeam.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
                .map { "\(Self.name($0.key)) \($0.value)" }.joined(separator: ", ")
            why.append("\(withoutTeam) have no team (their metadata names none: \(formats)), and a call without a team belongs to no supervisor")
        }
        if !teams.isEmpty && hiddenOtherTeams > 0 {
            why.append("\(hiddenOtherTeams) belong to teams you do not supervise")
        }
        if teams.isEmpty { why.append("an evaluator sees only the calls the QA queue assigned to them") }
        lines.append("\(hidden) of the \(total) calls in the catalog\(matching) are not shown: " + why.joined(separator: "; ")
                     + (teams.isEmpty ? "" : ". Archivists list every call"))
        return lines.flatMap { Output.wrap($0, width: 118, indent: "  ") }
    }

    static func name(_ format: MetadataFormat) -> String {
        switch format {
        case .none: "no metadata"
        case .siprec: "SIPREC"
        case .sidecarJSON: "sidecar JSON"
        case .asteriskCDR: "Asterisk CDR"
        case .freeswitchCDR: "FreeSWITCH CDR"
        }
    }
}
