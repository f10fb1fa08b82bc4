import CallModel
import Foundation

/// A call as shown to a user: the caller number masked, paths redacted; for a user who may not see the caller's
/// number (`maskDetails`), numbers, resident registration numbers and e-mail addresses inside event details and
/// metadata warnings masked too ("forwarded to 010-5555-6666" shows as "forwarded to ***-6666").
struct CallView: Encodable {
    let id: CallID
    let externalID: String?
    let startTime: Date?
    let durationSeconds: Double
    let agentID: String?
    let team: String?
    let department: String?
    let category: String?
    let tags: [String]
    let direction: String
    let callerNumber: String?
    let layout: String
    let agentChannel: Int?
    let flags: [String]
    let metadataFormat: String
    let metadataFiles: [String]
    let metadataWarnings: [String]
    let events: [CallEvent]
    let reportedHoldSeconds: Double?
    let archive: ArchiveRef
    let legs: [Leg]
    let sourceSHA256: String
    let runID: Int64?
    let ingestedAt: Date
    /// Talk metrics and segment timeline (only in `calls show`).
    let analysis: CallAnalysis?
    /// Why `analysis` is absent when the call has metrics the user may not see (their role), for people and scripts.
    let metricsWithheld: String?

    init(_ call: Call, analysis: CallAnalysis? = nil, metricsWithheld: String? = nil, maskDetails: Bool = true) {
        self.analysis = analysis
        self.metricsWithheld = metricsWithheld
        let m = call.metadata
        id = call.id
        externalID = m.externalID
        startTime = m.startTime
        durationSeconds = call.durationSeconds
        agentID = m.agentID
        team = m.team
        department = m.department
        category = m.category
        tags = m.tags
        direction = m.direction.rawValue
        callerNumber = PersonalDataRedactor.maskNumber(m.callerNumber)
        layout = call.layout.rawValue
        agentChannel = call.agentChannel
        flags = call.flags.map(\.rawValue)
        metadataFormat = m.format.rawValue
        metadataFiles = call.metadataFiles.map(PersonalDataRedactor.redact)
        metadataWarnings = maskDetails ? m.warnings.map(PersonalDataRedactor.redact) : m.warnings
        events = maskDetails ? m.events.map { var e = $0; e.detail = e.detail.map(PersonalDataRedactor.redact); return e } : m.events
        reportedHoldSeconds = m.reportedHoldSeconds
        archive = call.archive
        legs = call.legs.map { var leg = $0; leg.sourcePath = PersonalDataRedactor.redact(leg.sourcePath); return leg }
        sourceSHA256 = call.sourceSHA256
        runID = call.runID
        ingestedAt = call.ingestedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, externalID = "external_id", startTime = "start_time", durationSeconds = "duration_s", agentID = "agent_id"
        case team, department, category, tags, direction, callerNumber = "caller_number_masked", layout
        case agentChannel = "agent_channel", flags, metadataFormat = "metadata_format", metadataFiles = "metadata_files"
        case metadataWarnings = "metadata_warnings", events, reportedHoldSeconds = "reported_hold_s", archive, legs
        case sourceSHA256 = "source_sha256", runID = "run_id", ingestedAt = "ingested_at", analysis
        case metricsWithheld = "metrics_withheld"
    }
}
