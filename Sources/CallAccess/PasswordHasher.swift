import Crypto
import CryptoExtras
import Foundation

/// Hashes and verifies passwords with scrypt (swift-crypto's `KDF.Scrypt`, BoringSSL underneath), stored as a
/// PHC string: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (standard base64 without padding). Passwords are
/// normalised to Unicode NFC first, so a Hangul password typed on macOS (decomposed) and on Linux (composed)
/// is the same password.
public struct PasswordHasher: Sendable {
    public let settings: PasswordSettings

    public init(settings: PasswordSettings = .standard) throws {
        try settings.validate()
        self.settings = settings
    }

    /// Checks the policy (length, not the username) and hashes with a fresh random salt.
    public func hash(_ password: String, username: String? = nil) throws -> String {
        try checkPolicy(password, username: username)
        var salt = [UInt8](repeating: 0, count: settings.saltBytes)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        var phc = PHCScrypt(logN: settings.logN, blockSize: settings.blockSize, parallelism: settings.parallelism,
                            salt: salt, hash: [])
        phc.hash = try derive(password, phc, byteCount: settings.hashBytes)
        return phc.string
    }

    /// Whether `password` matches the stored PHC string (constant-time comparison). Throws `invalidPasswordHash`
    /// when the string is malformed, uses another algorithm, or asks for parameters out of bounds.
    public func verify(_ password: String, against phc: String) throws -> Bool {
        guard let stored = PHCScrypt(parsing: phc) else {
            throw AccessError(.invalidPasswordHash, "the stored password hash is not a valid scrypt PHC string; set a new password with `nokchwi users passwd`")
        }
        guard password.utf8.count <= settings.maximumBytes else { return false }
        let derived = try derive(password, stored, byteCount: stored.hash.count)
        return PasswordHasher.constantTimeEqual(derived, stored.hash)
    }

    /// Whether a stored hash was made with other parameters than the current settings (rehash after login).
    public func needsRehash(_ phc: String) -> Bool {
        guard let stored = PHCScrypt(parsing: phc) else { return true }
        return stored.logN != settings.logN || stored.blockSize != settings.blockSize
            || stored.parallelism != settings.parallelism || stored.salt.count != settings.saltBytes
            || stored.hash.count != settings.hashBytes
    }

    /// Does the work of one verification and throws the result away: for unknown users, so that a failed login
    /// takes as long whether the user exists or not.
    public func spendVerificationTime(_ password: String) {
        let params = PHCScrypt(logN: settings.logN, blockSize: settings.blockSize, parallelism: settings.parallelism,
                               salt: [UInt8](repeating: 0x5A, count: settings.saltBytes), hash: [])
        _ = try? derive(String(password.prefix(settings.maximumBytes)), params, byteCount: settings.hashBytes)
    }

    /// Refuses a password shorter than the minimum, longer than the maximum, equal to the username, or one
    /// repeated character. The message never repeats the password.
    public func checkPolicy(_ password: String, username: String? = nil) throws {
        let normalized = password.precomposedStringWithCanonicalMapping
        if normalized.count < settings.minimumLength {
            throw AccessError(.weakPassword, "the password is too short: use at least \(settings.minimumLength) characters (a passphrase of several words is easiest)")
        }
        if normalized.utf8.count > settings.maximumBytes {
            throw AccessError(.weakPassword, "the password is too long: at most \(settings.maximumBytes) bytes")
        }
        if let username, username.count >= 3, normalized.lowercased().contains(username.lowercased()) {
            throw AccessError(.weakPassword, "the password must not contain the username")
        }
        if CommonPasswords.contains(normalized) {
            throw AccessError(.weakPassword, "the password is one of the most common passwords, which attackers try first; choose a passphrase of your own")
        }
        if Set(normalized).count < 3 {
            throw AccessError(.weakPassword, "the password repeats too few different characters; use a passphrase")
        }
    }

    private func derive(_ password: String, _ params: PHCScrypt, byteCount: Int) throws -> [UInt8] {
        let bytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        do {
            let key = try KDF.Scrypt.deriveKey(from: bytes, salt: params.salt, outputByteCount: byteCount,
                                               rounds: 1 << params.logN, blockSize: params.blockSize,
                                               parallelism: params.parallelism)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw AccessError(.invalidSettings, "scrypt failed (not enough memory for N=2^\(params.logN), r=\(params.blockSize)?)")
        }
    }

    /// Compares without an early exit, so the time does not depend on where the first difference is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
