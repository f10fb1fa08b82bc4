import CallArchive
import CallAudio
import CallFaults
import CallModel
import Foundation

/// A call's source files, each opened once (`SourceFile`: no link followed, a regular file inside the drop folder's
/// device), with their content hashes read from those descriptors.
struct HashedSources {
    let files: [String]
    let opened: [SourceFile]
    let hashes: [(sha256: String, bytes: Int64)]
    /// The call's identity: the file's SHA-256, or the hash of its legs' hashes for split calls.
    var sha256: String { files.count == 1 ? hashes[0].sha256 : ContentHasher.combine(hashes.map(\.sha256)) }
    var bytes: Int64 { hashes.reduce(0) { $0 + $1.bytes } }
}

extension CallIngestor {
    /// Stage 1: opens every source file once and hashes it from that descriptor; one that cannot be opened that way
    /// (a link put in its place, no longer a regular file, unreadable) is quarantined.
    func hash(_ candidate: CallCandidate) -> Result<HashedSources, Stop> {
        let files = candidate.layout.files
        var hashes: [(sha256: String, bytes: Int64)] = []
        var opened: [SourceFile] = []
        for file in files {
            do {
                race.reached(.ingestBeforeOpen, path: absolute(file))
                let source = try SourceFile(folder: dropFolder.path, relativePath: file)
                hashes.append(try ContentHasher.hash(source))
                opened.append(source)
            } catch {
                let record = QuarantineRecord(
                    path: file.precomposedStringWithCanonicalMapping, dropFolder: dropFolder.path, sourceSHA256: "", bytes: 0,
                    reasonCode: .unreadable, reason: "the file cannot be read (\(error)); check its permissions",
                    detectedAt: clock.now(), runID: runID)
                return .failure(Stop(outcome: .quarantined([record])))
            }
        }
        return .success(HashedSources(files: files, opened: opened, hashes: hashes))
    }

    /// Stage 2: a call already in the catalog is skipped; files quarantined before and unchanged are not recorded again.
    func knownOutcome(_ sources: HashedSources) throws -> IngestOutcome? {
        if let existing = try catalog.callID(sourceSHA256: sources.sha256) {
            return .skipped(callID: existing)
        }
        let known = try zip(sources.files, sources.hashes).filter {
            try catalog.isQuarantined(dropFolder: dropFolder.path, path: $0.0, sourceSHA256: $0.1.sha256)
        }
        return known.isEmpty ? nil : .previouslyQuarantined(paths: known.map(\.0))
    }

    /// Stage 3: opens and validates every source; a bad one is quarantined, and with it the other leg of its call.
    func open(_ sources: HashedSources) -> Result<[SndFileReader], Stop> {
        var readers: [SndFileReader] = []
        for (index, file) in sources.files.enumerated() {
            do {
                readers.append(try SndFileReader(source: sources.opened[index]))
            } catch {
                var records = [record(sources, index, QuarantineReason(error.code) ?? .readFailed, error.message)]
                for other in sources.files.indices where other != index {
                    records.append(record(sources, other, .partnerQuarantined,
                                          "the other leg of this call (\(PersonalDataRedactor.redact(file))) is unusable; fix or replace it and rerun"))
                }
                return .failure(Stop(outcome: .quarantined(records)))
            }
        }
        return .success(readers)
    }
}
