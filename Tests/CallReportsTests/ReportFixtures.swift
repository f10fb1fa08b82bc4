import CallModel
import CallReports
import Foundation

/// The hand-checked sample files in Fixtures/ (queue log, consultations, surveys, agent directory).
enum ReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    static let hasher = CallerHasher(secret: Array("test secret of 32 bytes, fixed..".utf8))

    /// 2026-03-02 00:00 in Seoul, and 2026-03-04 00:00.
    static let from = Date(timeIntervalSince1970: 1_772_409_600 - 9 * 3600)
    static let to = Date(timeIntervalSince1970: 1_772_409_600 - 9 * 3600 + 2 * 86_400)

    static func queueInput() throws -> QueueReport.Input {
        let log = QueueLogParser.parse(try text("queue-log-sample.txt"))
        let calls = QueueCallBuilder.build(log.events, hashCaller: hasher.hash)
        let consultations = RecordParsers.consultations(try text("consultations-sample.csv")).records
        let surveys = RecordParsers.surveys(try text("surveys-sample.csv")).records
        let agents = RecordParsers.agents(try text("agents-sample.csv")).records
        return QueueReport.Input(calls: calls,
                                 consultations: Dictionary(consultations.map { ($0.callID, $0) }, uniquingKeysWith: { a, _ in a }),
                                 surveys: Dictionary(surveys.map { ($0.callID, $0.score) }, uniquingKeysWith: { a, _ in a }),
                                 directory: AgentDirectory(agents))
    }
}
