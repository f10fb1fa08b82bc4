/// scrypt cost and the password policy. `standard` is the production cost; tests use `insecureFastForTests`.
public struct PasswordSettings: Sendable, Equatable {
    /// log2 of scrypt's N (CPU/memory cost).
    public var logN: Int
    /// scrypt's r (block size).
    public var blockSize: Int
    /// scrypt's p (parallelism).
    public var parallelism: Int
    public var saltBytes: Int
    public var hashBytes: Int
    /// Minimum length in characters (Hangul syllables count one each).
    public var minimumLength: Int
    /// Longest accepted password in UTF-8 bytes.
    public var maximumBytes: Int

    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1, saltBytes: Int = 16, hashBytes: Int = 32,
                minimumLength: Int = 12, maximumBytes: Int = 1024) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
        self.saltBytes = saltBytes
        self.hashBytes = hashBytes
        self.minimumLength = minimumLength
        self.maximumBytes = maximumBytes
    }

    /// N = 2^17, r = 8, p = 1: 128 MiB and a few hundred milliseconds per hash (OWASP's scrypt recommendation).
    public static let standard = PasswordSettings(logN: 17)
    /// N = 2^4: microseconds. For tests only; never for stored passwords.
    public static let insecureFastForTests = PasswordSettings(logN: 4)

    /// Memory one hash needs: 128 * r * N bytes.
    public var memoryBytes: Int { 128 * blockSize * (1 << logN) }

    /// Bounds for parameters read from stored hashes too, so that an edited hash cannot ask for 64 GiB.
    static let maximumMemoryBytes = 1 << 30

    func validate() throws {
        guard (1...24).contains(logN), (1...32).contains(blockSize), (1...16).contains(parallelism),
              (8...64).contains(saltBytes), (16...64).contains(hashBytes), memoryBytes <= PasswordSettings.maximumMemoryBytes,
              minimumLength >= 8, maximumBytes >= 64 else {
            throw AccessError(.invalidSettings, "password settings out of range: logN 1-24, r 1-32, p 1-16, at most 1 GiB, salt 8-64 and hash 16-64 bytes, minimum length at least 8")
        }
    }
}
