/// An archive's data key as the catalog keeps it: wrapped (RFC 3394) by the key-encryption key `kekID`, which
/// lives in a key file outside the database. `fileID` is the random id in the archive's header, so a key row and
/// its file can be matched. Descriptions never show the key bytes.
public struct ArchiveKeyRecord: Sendable, Equatable, CustomStringConvertible {
    public var kekID: String
    public var wrappedKey: [UInt8]
    public var fileID: [UInt8]

    public init(kekID: String, wrappedKey: [UInt8], fileID: [UInt8]) {
        self.kekID = kekID
        self.wrappedKey = wrappedKey
        self.fileID = fileID
    }

    public var description: String { "ArchiveKeyRecord(kek: \(kekID), \(wrappedKey.count) wrapped bytes)" }
}
