import CallCatalog
import CallModel
import Crypto
import Foundation
import Logging

/// Verifies the audit trail: walks the chain in pages (constant memory for any length) recomputing every hash and
/// link, and reports the first problem precisely; then checks every checkpoint's signature against the
/// deployment's signing key and that the chain still holds the entry it vouches for.
///
/// What it proves: entries up to the last checkpoint are exactly those that existed when it was written (an
/// edit, deletion, reordering or truncation is detected even with the triggers dropped). Entries after the last
/// checkpoint are protected by the chain and triggers only: someone with write access to the catalog could
/// rewrite them consistently, so write a checkpoint after every run.
public struct AuditVerifier: Sendable {
    let catalog: Catalog
    let checkpointFile: URL?
    let trustedKey: Curve25519.Signing.PublicKey?
    /// A copy of the checkpoints kept off the host (shipped by `audit.checkpoint_command`): each must be valid,
    /// match the chain, and still be in the home's checkpoint file.
    let offHostCheckpointFile: URL?
    /// Problems found before the walk (the key in `keys/` against the pinned one).
    let keyProblems: [AuditProblem]
    let pageSize: Int
    let logger: Logger

    /// How far around a misplaced entry the verifier looks for the seq it was written at.
    static let reorderSearchWindow: Int64 = 1024

    public init(catalog: Catalog, checkpointFile: URL?, trustedKey: Curve25519.Signing.PublicKey?,
                offHostCheckpointFile: URL? = nil, keyProblems: [AuditProblem] = [],
                pageSize: Int = 2000, logger: Logger = Logger(label: "nokchwi.audit")) {
        self.catalog = catalog
        self.checkpointFile = checkpointFile
        self.trustedKey = trustedKey
        self.offHostCheckpointFile = offHostCheckpointFile
        self.keyProblems = keyProblems
        self.pageSize = max(1, pageSize)
        self.logger = logger
    }

    /// The verifier of a deployment: checkpoints from `auditDirectory/checkpoints.jsonl`, checked against the
    /// pinned public key when one is given (recorded off the host at `init`), else against the key in
    /// `keysDirectory` (never created here), which anyone who can write the home could replace. With
    /// `offHostCheckpoints`, the off-host copy is checked too.
    public init(catalog: Catalog, keysDirectory: URL, auditDirectory: URL, pinnedKey: Curve25519.Signing.PublicKey? = nil,
                offHostCheckpoints: URL? = nil, pageSize: Int = 2000, logger: Logger = Logger(label: "nokchwi.audit")) throws {
        let homeKey = try AuditSigningKey.load(from: keysDirectory)?.publicKey
        var problems: [AuditProblem] = []
        if let pinnedKey {
            if homeKey == nil {
                problems.append(AuditProblem(.signingKeyMissing,
                    "the audit signing key is missing from keys/: restore keys/\(AuditSigningKey.fileName) from backup (no new checkpoint can be signed)"))
            } else if homeKey?.rawRepresentation != pinnedKey.rawRepresentation {
                problems.append(AuditProblem(.signingKeyReplaced,
                    "the audit signing key in keys/ is not the pinned key (fingerprint \(AuditSigningKey.fingerprint(of: pinnedKey))): it was replaced; treat checkpoints it signed as forged"))
            }
        }
        self.init(catalog: catalog,
                  checkpointFile: auditDirectory.appendingPathComponent(AuditCheckpointer.fileName),
                  trustedKey: pinnedKey ?? homeKey, offHostCheckpointFile: offHostCheckpoints, keyProblems: problems,
                  pageSize: pageSize, logger: logger)
    }

    public func verify() throws -> AuditVerificationReport {
        var report = AuditVerificationReport(entriesChecked: 0, headSeq: 0, headHash: AuditEntry.genesisHash,
                                             checkpointsChecked: 0, lastCheckpointSeq: nil, problems: keyProblems)
        if let problem = try walkChain(&report) { report.problems.append(problem) }
        if let head = try catalog.auditHead() {
            report.headSeq = head.seq
            report.headHash = head.hash
        }
        let homeSignatures = try checkCheckpoints(&report)
        try checkOffHostCheckpoints(&report, homeSignatures: homeSignatures)
        logger.info("audit verified", metadata: ["entries": "\(report.entriesChecked)", "problems": "\(report.problems.count)"])
        return report
    }

    private func walkChain(_ report: inout AuditVerificationReport) throws -> AuditProblem? {
        var expectedSeq: Int64 = 1
        var previousHash = AuditEntry.genesisHash
        while true {
            let page = try catalog.auditEntries(afterSeq: expectedSeq - 1, limit: pageSize)
            if page.isEmpty { return nil }
            for entry in page {
                if entry.seq != expectedSeq {
                    let last = entry.seq - 1
                    let range = last == expectedSeq ? "entry \(expectedSeq) is" : "entries \(expectedSeq) to \(last) are"
                    return AuditProblem(.missingEntries, seq: expectedSeq, "\(range) missing: deleted from the catalog")
                }
                if AuditChainHash.hash(of: entry) != entry.hash {
                    if let original = originalSeq(of: entry) {
                        return AuditProblem(.reorderedEntries, seq: entry.seq,
                                            "the entry at seq \(entry.seq) was written as entry \(original): entries were reordered or renumbered")
                    }
                    return AuditProblem(.editedEntry, seq: entry.seq,
                                        "entry \(entry.seq) was edited: its content no longer matches its hash")
                }
                if entry.prevHash != previousHash {
                    let which = entry.seq == 1 ? "the first entry does not start the chain" : "entry \(entry.seq - 1) was rewritten, or entry \(entry.seq) was replaced"
                    return AuditProblem(.brokenLink, seq: entry.seq, "entry \(entry.seq) does not link to the entry before it: \(which)")
                }
                previousHash = entry.hash
                expectedSeq += 1
                report.entriesChecked += 1
            }
            if report.entriesChecked % 100_000 < Int64(page.count) {
                logger.debug("audit entries checked", metadata: ["entries": "\(report.entriesChecked)"])
            }
        }
    }

    /// The seq an entry's content hashes correctly at, near where it is now (it was moved), if any.
    private func originalSeq(of entry: AuditEntry) -> Int64? {
        var moved = entry
        for distance in 1...AuditVerifier.reorderSearchWindow {
            for candidate in [entry.seq + distance, entry.seq - distance] where candidate >= 1 {
                moved.seq = candidate
                if AuditChainHash.hash(of: moved) == entry.hash { return candidate }
            }
        }
        return nil
    }

    /// Checks the home's checkpoint file; returns the signatures of its checkpoints (valid or not).
    private func checkCheckpoints(_ report: inout AuditVerificationReport) throws -> Set<String> {
        var signatures: Set<String> = []
        guard let checkpointFile else { return signatures }
        let missing = AuditProblem(.checkpointsMissing,
            "the audit signing key exists but the checkpoint file \(AuditCheckpointer.fileName) is missing or empty: restore it from a copy; the chain's tail cannot be vouched for")
        guard FileManager.default.fileExists(atPath: checkpointFile.path) else {
            if trustedKey != nil { report.problems.append(missing) }
            return signatures
        }
        defer { if trustedKey != nil, report.checkpointsChecked == 0 { report.problems.append(missing) } }
        var reader = try LineReader(path: checkpointFile.path)
        var keyMissingReported = false
        let trusted = trustedKey?.rawRepresentation.base64EncodedString()
        while let (number, line) = try reader.next() {
            if line.isEmpty { continue }
            report.checkpointsChecked += 1
            guard let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(line.utf8)) else {
                report.problems.append(AuditProblem(.checkpointMalformed, line: number,
                    "checkpoint line \(number) cannot be read (a line torn by a crash, or an edit)"))
                continue
            }
            signatures.insert(checkpoint.signature)
            if trusted == nil, !keyMissingReported {
                keyMissingReported = true
                report.problems.append(AuditProblem(.signingKeyMissing, line: number,
                    "checkpoints exist but the audit signing key does not: restore keys/\(AuditSigningKey.fileName) from backup"))
            }
            if let trusted, checkpoint.publicKey != trusted {
                report.problems.append(AuditProblem(.checkpointUnknownKey, seq: checkpoint.seq, line: number,
                    "checkpoint line \(number) is signed by another key than this deployment's: forged"))
                continue
            }
            guard checkpoint.hasValidSignature else {
                report.problems.append(AuditProblem(.checkpointSignatureInvalid, seq: checkpoint.seq, line: number,
                    "checkpoint line \(number) has an invalid signature: forged or altered"))
                continue
            }
            if let problem = try compare(checkpoint, line: number, headSeq: report.headSeq) {
                report.problems.append(problem)
            } else {
                report.lastCheckpointSeq = max(report.lastCheckpointSeq ?? 0, checkpoint.seq)
            }
        }
        return signatures
    }

    /// Every checkpoint of the off-host copy must be signed by the trusted key, match the chain, and still be in
    /// the home's file (one deleted there, with the audit rows it vouched for, is exactly the tampering the copy
    /// exists to reveal).
    private func checkOffHostCheckpoints(_ report: inout AuditVerificationReport, homeSignatures: Set<String>) throws {
        guard let offHostCheckpointFile else { return }
        guard FileManager.default.isReadableFile(atPath: offHostCheckpointFile.path) else {
            throw AccessError(.io, "cannot read the off-host checkpoint copy; give the file audit.checkpoint_command fills",
                              path: offHostCheckpointFile.path)
        }
        var reader = try LineReader(path: offHostCheckpointFile.path)
        let trusted = trustedKey?.rawRepresentation.base64EncodedString()
        while let (number, raw) = try reader.next() {
            // A syslog line carries a prefix before the JSON: read from the first brace.
            guard let brace = raw.firstIndex(of: "{") else { continue }
            let line = String(raw[brace...])
            report.checkpointsChecked += 1
            guard let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(line.utf8)) else {
                report.problems.append(AuditProblem(.checkpointMalformed, line: number,
                    "line \(number) of the off-host checkpoint copy cannot be read"))
                continue
            }
            guard let trusted, checkpoint.publicKey == trusted, checkpoint.hasValidSignature else {
                report.problems.append(AuditProblem(.checkpointSignatureInvalid, seq: checkpoint.seq, line: number,
                    "line \(number) of the off-host checkpoint copy is not signed by the trusted key"))
                continue
            }
            if !homeSignatures.contains(checkpoint.signature) {
                report.problems.append(AuditProblem(.checkpointMissingFromHome, seq: checkpoint.seq, line: number,
                    "the checkpoint for entry \(checkpoint.seq) (line \(number) of the off-host copy) is missing from the home's \(AuditCheckpointer.fileName): removed"))
            }
            if let problem = try compare(checkpoint, line: number, headSeq: report.headSeq) {
                report.problems.append(AuditProblem(problem.kind, seq: problem.seq, line: number, "off-host copy: " + problem.message))
            }
        }
    }

    private func compare(_ checkpoint: AuditCheckpoint, line: Int, headSeq: Int64) throws -> AuditProblem? {
        if checkpoint.seq == 0 {
            return checkpoint.hash == AuditEntry.genesisHash ? nil : AuditProblem(.checkpointMismatch, seq: 0, line: line,
                "checkpoint line \(line) is for an empty chain but carries a hash: altered")
        }
        if checkpoint.seq > headSeq {
            return AuditProblem(.truncatedTail, seq: checkpoint.seq, line: line,
                "checkpoint line \(line) vouches for entry \(checkpoint.seq), but the chain ends at \(headSeq): entries after \(headSeq) were deleted")
        }
        guard let entry = try catalog.auditEntry(seq: checkpoint.seq) else {
            return AuditProblem(.checkpointMismatch, seq: checkpoint.seq, line: line,
                "checkpoint line \(line) vouches for entry \(checkpoint.seq), which is missing: deleted")
        }
        guard entry.hash == checkpoint.hash else {
            return AuditProblem(.checkpointMismatch, seq: checkpoint.seq, line: line,
                "entry \(checkpoint.seq) differs from checkpoint line \(line): the chain up to it was rewritten")
        }
        return nil
    }
}
