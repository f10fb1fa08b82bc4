import CallModel
import Foundation

/// Consultation records, survey results and agent directory rows from their CSV files. Pure.
public enum RecordParsers {
    public struct Parsed<T: Sendable>: Sendable {
        public var records: [T] = []
        public var bad: [BadLine] = []
    }

    public static let consultationColumns = ["call_id", "category", "department", "outcome"]

    /// `call_id,category,department,outcome`; outcome `direct` (answered directly, 직접), `transferred` (to an
    /// official, 이관) or `callback` (콜백).
    public static func consultations(_ text: String, firstLine: Int = 1, header: [String]? = nil) -> Parsed<Consultation> {
        let table = RecordCSV.table(text, required: consultationColumns, firstLine: firstLine, header: header)
        var parsed = Parsed<Consultation>(bad: table.bad)
        for (line, v) in table.records {
            guard let id = v["call_id"], !id.isEmpty else { parsed.bad.append(BadLine(line: line, reason: "no call_id")); continue }
            guard let outcome = consultationOutcome(v["outcome"] ?? "") else {
                parsed.bad.append(BadLine(line: line, reason: "outcome is not direct, transferred or callback")); continue
            }
            parsed.records.append(Consultation(callID: id, category: v["category"].flatMap { $0.isEmpty ? nil : $0 },
                                               department: v["department"].flatMap { $0.isEmpty ? nil : $0 }, outcome: outcome))
        }
        return parsed
    }

    public static func consultationOutcome(_ text: String) -> Consultation.Outcome? {
        switch text.lowercased().trimmingCharacters(in: .whitespaces) {
        case "direct", "answered directly", "answered-directly", "직접", "직접처리", "상담완료": .direct
        case "transferred", "transfer", "transferred to an official", "이관", "담당자 연결", "담당자연결": .transferred
        case "callback", "call back", "콜백", "회신": .callback
        default: nil
        }
    }

    public static let surveyColumns = ["call_id", "score"]

    /// `call_id,score` with a whole score from 1 to 5.
    public static func surveys(_ text: String, firstLine: Int = 1, header: [String]? = nil) -> Parsed<SurveyResult> {
        let table = RecordCSV.table(text, required: surveyColumns, firstLine: firstLine, header: header)
        var parsed = Parsed<SurveyResult>(bad: table.bad)
        for (line, v) in table.records {
            guard let id = v["call_id"], !id.isEmpty else { parsed.bad.append(BadLine(line: line, reason: "no call_id")); continue }
            guard let score = Int(v["score"] ?? ""), (1...5).contains(score) else {
                parsed.bad.append(BadLine(line: line, reason: "score is not a whole number from 1 to 5")); continue
            }
            parsed.records.append(SurveyResult(callID: id, score: score))
        }
        return parsed
    }

    public static let agentColumns = ["agent", "recorder_id", "display_name", "team", "department", "valid_from", "valid_to"]

    /// `agent,recorder_id,display_name,team,department,valid_from,valid_to`: one row per id an agent has in a
    /// recorder format and per membership; dates `yyyy-MM-dd` (valid_to exclusive, empty while it lasts).
    public static func agents(_ text: String, calendar: ReportCalendar = ReportCalendar()) -> Parsed<AgentDirectoryEntry> {
        let table = RecordCSV.table(text, required: ["agent", "recorder_id", "team", "valid_from"])
        var parsed = Parsed<AgentDirectoryEntry>(bad: table.bad)
        func value(_ v: [String: String], _ key: String) -> String? { v[key].flatMap { $0.isEmpty ? nil : $0 } }
        for (line, v) in table.records {
            guard let agent = value(v, "agent"), let recorder = value(v, "recorder_id") else {
                parsed.bad.append(BadLine(line: line, reason: "agent and recorder_id are required")); continue
            }
            guard let from = value(v, "valid_from"), calendar.start(ofDay: from) != nil else {
                parsed.bad.append(BadLine(line: line, reason: "valid_from is not a yyyy-MM-dd date")); continue
            }
            let to = value(v, "valid_to")
            if let to, calendar.start(ofDay: to) == nil || to <= from {
                parsed.bad.append(BadLine(line: line, reason: "valid_to is not a yyyy-MM-dd date after valid_from")); continue
            }
            parsed.records.append(AgentDirectoryEntry(agent: agent, recorderID: recorder, displayName: value(v, "display_name"),
                                                      team: value(v, "team"), department: value(v, "department"),
                                                      validFrom: from, validTo: to))
        }
        return parsed
    }
}
