@testable import CallCatalog
import CallModel
import CallReports
import Foundation
import Testing

/// The talk summaries (`v-talk-summary`, kept by triggers) give the figures the calls themselves give: on the
/// hand-checked samples of `TalkReportTests` stored as calls, after a purge, a deletion, a re-analysis and a team
/// change, through the supervisor's scope and the agent directory, and after a rebuild (what the migration runs).
@Suite struct TalkSummaryTests {
    /// 2026-03-02 00:00 in Seoul.
    static let day0 = Date(timeIntervalSince1970: 1_772_409_600 - 9 * 3600)

    static func samples() -> [TalkSample] {
        var samples = [
            TalkReportTests.sample("k1", agent: "kim", team: "t", duration: 100, agentTalk: 40, callerTalk: 40, hold: 10, holds: 1),
            TalkReportTests.sample("k2", agent: "kim", team: "t", duration: 200, agentTalk: 60, callerTalk: 100, deadAir: 12, deadAirCount: 1),
            TalkReportTests.sample("k3", agent: "kim", team: "t", duration: 600, agentTalk: 200, callerTalk: 300, hold: 50, holds: 2),
        ]
        for agent in ["a", "b", "c", "d", "e", "f"] {
            for i in 0..<3 { samples.append(TalkReportTests.sample("\(agent)\(i)", agent: agent, team: "t", duration: 100 + Double(i), at: Double(i * 9))) }
        }
        for i in 0..<3 { samples.append(TalkReportTests.sample("lee\(i)", agent: "lee", team: "t", duration: 1000 + Double(i) * 2000, at: 30 + Double(i))) }
        // A mono call (no talk per party), a call with no team whose agent the directory knows, one of another team.
        var mono = TalkReportTests.sample("m1", agent: "park", team: "u", duration: 333, at: 50)
        mono.agentTalkS = nil
        mono.callerTalkS = nil
        mono.overtalkS = nil
        mono.agentInterruptions = nil
        samples.append(mono)
        var noTeam = TalkReportTests.sample("n1", agent: "SIP/8007", team: "x", duration: 77, at: 20)
        noTeam.team = nil
        noTeam.department = nil
        samples.append(noTeam)
        return samples
    }

    static func store(_ samples: [TalkSample], in catalog: Catalog) throws {
        try catalog.write { db in
            for s in samples {
                try db.execute(sql: """
                    INSERT INTO call (id, source_sha256, started_at, agent_id, team, department, category, tags, direction, metadata_format,
                        metadata_warnings, metadata_files, layout, flags, duration_s, ingested_at, archive_path, archive_sha256, archive_bytes,
                        archive_rate, archive_channels, archive_frames, bitrate_per_channel)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 'inbound', 'sidecar-json', '[]', '[]', 'stereo', '[]', ?, ?, ?, 'x', 1, 8000, 2, 1, 12000)
                    """, arguments: [s.callID, "sha-" + s.callID, s.startedAt.map(CatalogDates.string), s.agent, s.team, s.department, s.category,
                                     s.durationS, CatalogDates.string(Date()), "a/\(s.callID).opus"])
                try db.execute(sql: """
                    INSERT INTO call_metrics (call_id, analyzer_version, mono, agent_talk_s, caller_talk_s, talk_s, agent_interruptions,
                        caller_interruptions, overtalk_s, silence_s, silence_count, dead_air_s, dead_air_count, hold_s, hold_count, non_talk_s, analysis_json)
                    VALUES (?, 't', ?, ?, ?, 0, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, '{}')
                    """, arguments: [s.callID, s.agentTalkS == nil, s.agentTalkS, s.callerTalkS, s.agentInterruptions, s.callerInterruptions,
                                     s.overtalkS, s.silenceCount, s.deadAirS, s.deadAirCount, s.holdS, s.holdCount, s.nonTalkS])
            }
        }
        let entry = AgentDirectoryEntry(agent: "A007", recorderID: "SIP/8007", displayName: nil, team: "t", department: "civil",
                                        validFrom: "2026-01-01", validTo: nil)
        _ = try catalog.storeAgentDirectory([(recorderKey: AgentDirectoryEntry.recorderKey("SIP/8007"), entry: entry)], audit: nil)
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= 1e-6 * max(1, abs(x), abs(y))
        default: false
        }
    }

    /// Every figure equal (doubles to rounding); medians within `medianTolerance` (0: equal).
    static func same(_ a: TalkFigures, _ b: TalkFigures, medianTolerance: Double) -> Bool {
        a.group == b.group && a.team == b.team && a.calls == b.calls && close(a.handledS, b.handledS) && close(a.meanHandleS, b.meanHandleS)
            && abs(a.medianHandleS - b.medianHandleS) <= medianTolerance && close(a.agentTalkShare, b.agentTalkShare)
            && close(a.callerTalkShare, b.callerTalkShare) && close(a.agentCallerRatio, b.agentCallerRatio) && close(a.holdS, b.holdS)
            && close(a.holdsPerCall, b.holdsPerCall) && close(a.nonTalkS, b.nonTalkS) && a.silenceEvents == b.silenceEvents
            && a.deadAirCalls == b.deadAirCalls && close(a.deadAirS, b.deadAirS) && close(a.overtalkS, b.overtalkS)
            && a.agentInterruptions == b.agentInterruptions && a.callerInterruptions == b.callerInterruptions && a.outlier == b.outlier
            && close(a.deviationFromTeam, b.deviationFromTeam)
    }

    static func same(_ a: TalkReport, _ b: TalkReport, medianTolerance: Double) -> Bool {
        a.groups.count == b.groups.count && zip(a.groups, b.groups).allSatisfy { same($0, $1, medianTolerance: medianTolerance) }
            && same(a.total, b.total, medianTolerance: medianTolerance)
    }

    /// The summary report against the raw samples' report (through the same scope), for every grouping.
    func check(_ catalog: Catalog, scope: CallScope = .all, from: Date = day0, to: Date = day0.addingTimeInterval(3 * 86_400),
               sourceLine: SourceLocation = #_sourceLocation) throws {
        let loader = ReportLoader(catalog: catalog, scope: scope, calendar: ReportCalendar())
        let raw = try loader.talkSamples(from: from, to: to)
        #expect(!raw.isEmpty, sourceLocation: sourceLine)
        for grouping in ReportGrouping.allCases {
            let fast = try loader.talk(from: from, to: to, by: grouping)
            let rows = try loader.talk(from: from, to: to, by: grouping, useSummaries: false)
            let exact = TalkReport.compute(raw, by: grouping, from: from, to: to)
            #expect(Self.same(fast, rows, medianTolerance: 0), "\(grouping): summaries against the calls", sourceLocation: sourceLine)
            // Medians: within half a 15-s bucket of the exact one here (every call under 16 minutes but lee's).
            #expect(Self.same(fast, exact, medianTolerance: 2000), "\(grouping): against the exact report", sourceLocation: sourceLine)
            #expect(zip(fast.groups, exact.groups).allSatisfy { $0.medianHandleS <= 960 ? abs($0.medianHandleS - $1.medianHandleS) <= 15 : true },
                    sourceLocation: sourceLine)
        }
    }

    @Test func summariesMatchTheCalls() throws {
        let catalog = try Catalog()
        try Self.store(Self.samples(), in: catalog)
        try check(catalog)
        try check(catalog, scope: .limited(teams: ["t"], assignedTo: nil))
        // A range that starts and ends inside days: the ends come from the calls.
        try check(catalog, from: Self.day0.addingTimeInterval(5 * 3600), to: Self.day0.addingTimeInterval(60 * 3600))
        let loader = ReportLoader(catalog: catalog, scope: .limited(teams: ["t"], assignedTo: nil), calendar: ReportCalendar())
        let agents = try loader.talk(from: Self.day0, to: Self.day0.addingTimeInterval(86_400 * 3), by: .agent)
        // The directory names SIP/8007 A007 of team t; park's team u is not the supervisor's.
        #expect(agents.groups.map(\.group) == ["A007", "a", "b", "c", "d", "e", "f", "kim", "lee"])
        #expect(agents.groups.first { $0.group == "lee" }?.outlier == true)
        let kim = try #require(agents.groups.first { $0.group == "kim" })
        #expect(kim.calls == 3 && kim.handledS == 900 && kim.holdS == 60 && abs(kim.medianHandleS - 200) <= 7.5)
    }

    @Test func purgeDeletionReanalysisAndTeamChangesKeepThemEqual() throws {
        let catalog = try Catalog()
        try Self.store(Self.samples(), in: catalog)
        try catalog.write { db in
            try db.execute(sql: "UPDATE call SET purged_at = ? WHERE id = 'a1'", arguments: [CatalogDates.string(Date())])
            try db.execute(sql: "DELETE FROM call WHERE id = 'b1'")
            try db.execute(sql: "DELETE FROM call_metrics WHERE call_id = 'c1'")
            try db.execute(sql: "UPDATE call_metrics SET hold_s = 99, hold_count = 4, agent_talk_s = NULL WHERE call_id = 'd1'")
            try db.execute(sql: "UPDATE call SET team = 'u', started_at = ? WHERE id = 'e1'", arguments: [CatalogDates.string(Self.day0.addingTimeInterval(86_400 + 60))])
            try db.execute(sql: "UPDATE call SET duration_s = 900 WHERE id = 'f1'")
        }
        try check(catalog)
        let loader = ReportLoader(catalog: catalog, scope: .all, calendar: ReportCalendar())
        let total = try loader.talk(from: Self.day0, to: Self.day0.addingTimeInterval(3 * 86_400), by: .total).total
        #expect(total.calls == Self.samples().count - 3)
        func rows() throws -> [TalkSummaryRow] {
            try TalkSummaryTable.allCases.flatMap { try catalog.talkSummaryRows(fromDay: "2026-01-01", toDay: "2027-01-01", summary: $0) }
        }
        let before = try rows()
        try catalog.rebuildTalkSummaries()
        let after = try rows()
        func key(_ r: TalkSummaryRow) -> String {
            "\(r.day)|\(r.hour ?? -2)|\(r.agent ?? "")|\(r.team ?? "")|\(r.department ?? "")|\(r.category ?? "")"
        }
        #expect(before.map(key).sorted() == after.map(key).sorted())
        let rebuilt = Dictionary(uniqueKeysWithValues: after.map { (key($0), $0.tally) })
        #expect(before.allSatisfy { r in
            let t = rebuilt[key(r)]!
            return t.calls == r.tally.calls && t.histogram == r.tally.histogram && Self.close(t.handledSquares, r.tally.handledSquares)
                && Self.close(t.holdS, r.tally.holdS) && t.holdCount == r.tally.holdCount && Self.close(t.stereoS, r.tally.stereoS)
        })
        try check(catalog)
    }

    @Test func histogramMedianAndBuckets() {
        #expect(TalkTally.bucket(0) == 0 && TalkTally.bucket(14.9) == 0 && TalkTally.bucket(15) == 1 && TalkTally.bucket(959) == 63)
        #expect(TalkTally.bucket(960) == 64 && TalkTally.bucket(5759) == 79 && TalkTally.bucket(86_400) == 80 && TalkTally.bucket(-3) == 0)
        var tally = TalkTally()
        for s in [100.0, 200, 600] { tally.add(TalkReportTests.sample("x", agent: "k", team: "t", duration: s)) }
        // 200 s is the middle call: bucket 13 covers 195-210, one call placed at its middle.
        #expect(tally.medianFromHistogram == 202.5)
        #expect(Catalog.histogramCounts(String(repeating: "0000002", count: 81)) == [Int](repeating: 2, count: 81))
    }
}
