import Foundation

/// The record of one purge run, written as JSON (this type) and as text (`renderText`) to
/// `<home>/certificates/purge-<run id>-<YYYYMMDD>.{json,txt}`: which calls were destroyed, how (data key erased,
/// file deleted), under which policy, when and by whom. It names calls by id and hashes only; no personal data.
public struct DestructionCertificate: Codable, Sendable, Equatable {
    public static let currentFormat = "nokchwi-destruction-certificate-v1"

    public var format: String
    public var runID: Int64
    /// `completed`, or `incomplete` when some files are still to be deleted (see `counts.filesPending`).
    public var status: PurgeRun.Status
    public var operatorAccount: String
    public var sourceAddress: String
    public var toolVersion: String
    public var startedAt: Date
    public var finishedAt: Date
    /// The clock reading expiry was compared with.
    public var asOf: Date
    public var policySHA256: String
    public var policy: RetentionPolicy?
    /// The policies that actually assigned the destroyed calls their class and expiry, by SHA-256 (each tombstone's
    /// `policy_sha256` names one); nil in certificates written before they were recorded.
    public var appliedPolicies: [String: RetentionPolicy]?
    /// One tombstone per destroyed call, in call-id order.
    public var destroyed: [Tombstone]
    /// Calls selected by the run but kept after all, and why.
    public var skipped: [Skipped]
    public var counts: Counts

    public struct Skipped: Codable, Sendable, Equatable {
        public var callID: CallID
        public var reason: PurgeSkipReason

        public init(callID: CallID, reason: PurgeSkipReason) {
            self.callID = callID
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey { case callID = "call_id", reason }
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var destroyed: Int
        public var keysErased: Int
        public var filesDeleted: Int
        /// Destroyed calls (keys erased) whose files are not deleted yet: the next purge deletes them.
        public var filesPending: Int
        public var skippedHeld: Int
        public var skippedNotExpired: Int
        public var skippedAlreadyPurged: Int

        public init(destroyed: [Tombstone], skipped: [Skipped]) {
            self.destroyed = destroyed.count
            keysErased = destroyed.filter(\.keyErased).count
            filesDeleted = destroyed.filter(\.fileDeleted).count
            filesPending = destroyed.count - filesDeleted
            skippedHeld = skipped.filter { $0.reason == .held }.count
            skippedNotExpired = skipped.filter { $0.reason == .notExpired }.count
            skippedAlreadyPurged = skipped.filter { $0.reason == .alreadyPurged }.count
        }

        enum CodingKeys: String, CodingKey {
            case destroyed, keysErased = "keys_erased", filesDeleted = "files_deleted", filesPending = "files_pending"
            case skippedHeld = "skipped_held", skippedNotExpired = "skipped_not_expired"
            case skippedAlreadyPurged = "skipped_already_purged"
        }
    }

    public init(run: PurgeRun, runID: Int64, finishedAt: Date, destroyed: [Tombstone], skipped: [Skipped],
                toolVersion: String = NokchwiVersion.current) {
        format = Self.currentFormat
        self.runID = runID
        self.operatorAccount = run.operatorAccount
        self.sourceAddress = run.sourceAddress
        self.toolVersion = toolVersion
        self.startedAt = run.startedAt
        self.finishedAt = finishedAt
        self.asOf = run.asOf
        self.policySHA256 = run.policySHA256
        self.policy = run.policy
        self.destroyed = destroyed.sorted { $0.callID < $1.callID }
        self.skipped = skipped.sorted { $0.callID < $1.callID }
        counts = Counts(destroyed: destroyed, skipped: skipped)
        status = counts.filesPending == 0 ? .completed : .incomplete
    }

    enum CodingKeys: String, CodingKey {
        case format, runID = "run_id", status, operatorAccount = "operator", sourceAddress = "source_address"
        case toolVersion = "tool_version", startedAt = "started_at", finishedAt = "finished_at", asOf = "as_of"
        case policySHA256 = "policy_sha256", policy, destroyed, skipped, counts, appliedPolicies = "applied_policies"
    }

    /// The JSON form: sorted keys, ISO 8601 dates, pretty-printed (stable bytes for the same certificate).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.formatted(Self.timeStyle))
        }
        return try encoder.encode(self)
    }

    /// `2026-11-23T05:13:20.999` (UTC, milliseconds), as the catalog stores times.
    static let timeStyle = Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash)
        .time(includingFractionalSeconds: true).timeSeparator(.colon)

    public static func decode(jsonData: Data) throws -> DestructionCertificate {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date(text, strategy: timeStyle) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
            }
            return date
        }
        return try decoder.decode(DestructionCertificate.self, from: jsonData)
    }
}
