import CallModel
import Foundation

extension CallCandidate {
    /// The candidate's audio files in NFC, for display and for the catalog. The layout keeps each file's
    /// on-disk spelling (possibly NFD, as macOS writes Korean names), which is what opening the file needs:
    /// on Linux the two spellings are different names.
    public var displayFiles: [String] {
        layout.files.map(\.precomposedStringWithCanonicalMapping)
    }

    /// The metadata files in NFC.
    public var displayMetadataFiles: [String] {
        metadataFiles.map(\.precomposedStringWithCanonicalMapping)
    }
}
