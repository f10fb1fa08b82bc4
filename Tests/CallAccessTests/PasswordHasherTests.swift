import Foundation
import Testing
@testable import CallAccess

@Suite struct PasswordHasherTests {
    let hasher = try! PasswordHasher(settings: .insecureFastForTests)

    @Test func roundTripAndWrongPassword() throws {
        let phc = try hasher.hash(strongPassword)
        #expect(phc.hasPrefix("$scrypt$ln=4,r=8,p=1$"))
        #expect(try hasher.verify(strongPassword, against: phc))
        #expect(try !hasher.verify("correct horse battery stapler", against: phc))
        #expect(try !hasher.verify("", against: phc))
    }

    @Test func saltsDiffer() throws {
        let a = try hasher.hash(strongPassword), b = try hasher.hash(strongPassword)
        #expect(a != b)
        #expect(PHCScrypt(parsing: a)?.salt != PHCScrypt(parsing: b)?.salt)
    }

    @Test func tamperedHashStringsAreRejected() throws {
        let phc = try hasher.hash(strongPassword)
        let parts = phc.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        // A changed parameter or hash byte: well formed, but the password no longer matches.
        let cheaper = phc.replacingOccurrences(of: "ln=4,", with: "ln=3,")
        #expect(try !hasher.verify(strongPassword, against: cheaper))
        var hash = Array(parts[4])
        hash[0] = hash[0] == "A" ? "B" : "A"
        let flipped = parts[0..<4].joined(separator: "$") + "$" + String(hash)
        #expect(try !hasher.verify(strongPassword, against: flipped))
        // Malformed, another algorithm, or parameters out of bounds: refused outright.
        for bad in ["", "plain-text-password", phc.replacingOccurrences(of: "$scrypt$", with: "$argon2id$"),
                    phc.replacingOccurrences(of: "ln=4,", with: "ln=30,"), phc.replacingOccurrences(of: "r=8,", with: "r=08,"),
                    phc + "=", phc + "$extra", phc.replacingOccurrences(of: "p=1", with: "p=99")] {
            #expect { try hasher.verify(strongPassword, against: bad) } throws: { ($0 as? AccessError)?.code == .invalidPasswordHash }
        }
    }

    @Test func policyRefusesWeakPasswordsWithoutRepeatingThem() throws {
        for weak in ["Tiny1!", "aaaaaaaaaaaaaaaa", "abababababababab", "xx-eva.kim-2026-yy"] {
            #expect {
                try hasher.hash(weak, username: "eva.kim")
            } throws: { error in
                let e = error as? AccessError
                return e?.code == .weakPassword && !(e?.message.contains(weak) ?? true)
            }
        }
        #expect(throws: Never.self) { try hasher.hash("녹취 기록은 안전하게 보관", username: "eva.kim") }
    }

    @Test func hangulPasswordsAreNormalised() throws {
        let composed = "비밀번호는 녹취 보관함"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let phc = try hasher.hash(decomposed)
        #expect(try hasher.verify(composed, against: phc))
    }

    @Test func rehashIsNeededWhenTheSettingsChange() throws {
        let phc = try hasher.hash(strongPassword)
        #expect(!hasher.needsRehash(phc))
        #expect(try PasswordHasher(settings: PasswordSettings(logN: 5)).needsRehash(phc))
    }

    @Test func standardCostWorksAndIsReal() throws {
        let standard = try PasswordHasher()
        #expect(standard.settings.memoryBytes == 128 << 20)
        let clock = ContinuousClock()
        var phc = ""
        let elapsed = try clock.measure { phc = try standard.hash(strongPassword) }
        #expect(phc.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try standard.verify(strongPassword, against: phc))
        #expect(elapsed > .milliseconds(20), "scrypt N=2^17 took \(elapsed): too cheap to be real")
    }

    @Test func settingsAreBounded() {
        #expect(throws: AccessError.self) { try PasswordHasher(settings: PasswordSettings(logN: 25)) }
        #expect(throws: AccessError.self) { try PasswordHasher(settings: PasswordSettings(logN: 20, blockSize: 16)) }
        #expect(throws: AccessError.self) { try PasswordHasher(settings: PasswordSettings(logN: 10, minimumLength: 4)) }
    }

    @Test func constantTimeComparison() {
        #expect(PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}
