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

    /// The standard cost is real without timing anything: known answers fix the KDF and its parameters. RFC 7914
    /// section 12's vector (N = 2^14) and one at the standard cost (N = 2^17, r = 8, p = 1, computed apart with
    /// Python's hashlib.scrypt, OpenSSL) verify; a hash made with the standard settings says ln=17 and verifies,
    /// and verification derives with the parameters the string names, so it was derived at that cost.
    @Test func standardCostWorksAndIsReal() throws {
        let standard = try PasswordHasher()
        #expect(standard.settings.memoryBytes == 128 << 20)
        let rfc7914 = "$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofLVQylVYT8Pz2LUlwUkKpr55h6F3A1lHkDfzwF7RVdYhw"
        #expect(try standard.verify("pleaseletmein", against: rfc7914))
        #expect(try !standard.verify("pleaseletmeim", against: rfc7914))
        let atStandardCost = "$scrypt$ln=17,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$GylG2nH0EXnoO5ncM4QtFXQbh8QSHIx/N4HB34ZPtYs"
        #expect(try standard.verify(strongPassword, against: atStandardCost))
        // The same hash read at a lower cost does not verify: the cost is part of the answer.
        #expect(try !standard.verify(strongPassword, against: atStandardCost.replacingOccurrences(of: "ln=17", with: "ln=16")))
        let phc = try standard.hash(strongPassword)
        #expect(phc.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try standard.verify(strongPassword, against: phc))
        #expect(try !standard.verify(strongPassword + "!", against: phc))
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
