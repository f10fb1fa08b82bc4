import Crypto

/// Encrypts an archive as it is written, in the envelope format (`ArchiveEnvelope`): the header, then one sealed
/// segment each time a full segment is followed by more bytes. The last segment stays buffered until `finish()`,
/// because only then is it known to be the final one. Memory: one segment.
///
/// Ciphertext goes to `sink` (a `DurableFileWriter`'s `write`). After any error the sealer refuses further calls:
/// the output is incomplete and must be discarded. Nothing is ever written in plaintext.
public final class ArchiveSealer {
    public let header: ArchiveEnvelope.Header
    /// Plaintext bytes accepted so far.
    public private(set) var plaintextBytes: Int64 = 0
    /// Bytes given to the sink so far (header, segments and tags).
    public private(set) var ciphertextBytes: Int64 = 0

    private let dataKey: SymmetricKey
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var pending: [UInt8] = []
    private var index: Int64 = 0
    private var state: State = .open

    private enum State { case open, finished, failed }

    /// Starts an encrypted archive with a new random data key wrapped by the provider's active key-encryption key.
    /// Returns the sealer and the wrapped data key the caller stores in the catalog. Throws when no key is usable:
    /// there is no plaintext fallback.
    public static func start(keys: any KeyProvider, segmentSize: Int = ArchiveEnvelope.defaultSegmentSize,
                             sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws
        -> (sealer: ArchiveSealer, dataKey: WrappedDataKey)
    {
        let kek = try keys.activeKey()
        let dataKey = DataKey.generate()
        let wrapped = try DataKey.wrap(dataKey, with: kek)
        let sealer = try ArchiveSealer(dataKey: dataKey, header: ArchiveEnvelope.Header(segmentSize: segmentSize, kekID: kek.id),
                                       sink: sink)
        return (sealer, wrapped)
    }

    /// Writes the header to `sink` at once. `dataKey` must be a fresh 256-bit key used for this file only.
    public init(dataKey: SymmetricKey, header: ArchiveEnvelope.Header,
                sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        try ArchiveEnvelope.checkDataKey(dataKey)
        self.dataKey = dataKey
        self.header = header
        self.sink = sink
        pending.reserveCapacity(header.segmentSize)
        try guarded { try emit(header.encoded) }
    }

    /// Encrypts `bytes` (any size; buffered up to one segment).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard state == .open else { throw closedError() }
        try guarded {
            var offset = 0
            while offset < bytes.count {
                if pending.count == header.segmentSize { try sealPending(final: false) }
                let take = min(header.segmentSize - pending.count, bytes.count - offset)
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
                offset += take
            }
            plaintextBytes += Int64(bytes.count)
        }
    }

    /// Seals the last segment (final flag set). The file is complete once the sink has its bytes.
    public func finish() throws {
        guard state == .open else { throw closedError() }
        try guarded { try sealPending(final: true) }
        state = .finished
    }

    private func sealPending(final: Bool) throws {
        let sealed = try ArchiveEnvelope.seal(pending, index: index, final: final, key: dataKey, header: header)
        try emit(sealed)
        pending.removeAll(keepingCapacity: true)
        index += 1
    }

    private func emit(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sink($0) }
        ciphertextBytes += Int64(bytes.count)
    }

    private func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            state = .failed
            throw error
        }
    }

    private func closedError() -> ArchiveError {
        ArchiveError(.invalidState, state == .finished
            ? "the encrypted archive is already finished; start a new one"
            : "an earlier error left this encrypted archive incomplete; discard it and start again")
    }
}
