import Foundation

/// The PHC string form of an scrypt hash: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`, salt and hash in
/// standard base64 without padding. Parsing is strict (only the canonical form this type writes) and bounded.
struct PHCScrypt: Equatable {
    var logN: Int
    var blockSize: Int
    var parallelism: Int
    var salt: [UInt8]
    var hash: [UInt8]

    init(logN: Int, blockSize: Int, parallelism: Int, salt: [UInt8], hash: [UInt8]) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
        self.salt = salt
        self.hash = hash
    }

    var string: String {
        "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(PHCScrypt.encode(salt))$\(PHCScrypt.encode(hash))"
    }

    init?(parsing text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard text.utf8.count <= 512, parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        let params = parts[2].split(separator: ",", omittingEmptySubsequences: false)
        guard params.count == 3, params[0].hasPrefix("ln="), params[1].hasPrefix("r="), params[2].hasPrefix("p="),
              let logN = Int(params[0].dropFirst(3)), let r = Int(params[1].dropFirst(2)), let p = Int(params[2].dropFirst(2)),
              let salt = PHCScrypt.decode(parts[3]), let hash = PHCScrypt.decode(parts[4]) else { return nil }
        self.init(logN: logN, blockSize: r, parallelism: p, salt: salt, hash: hash)
        let memory = (1...24).contains(logN) && (1...32).contains(r) ? 128 * r * (1 << logN) : Int.max
        guard (1...16).contains(p), memory <= PasswordSettings.maximumMemoryBytes, (8...64).contains(salt.count),
              (16...64).contains(hash.count), string == text else { return nil }
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func decode(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, !text.contains("=") else { return nil }
        let padded = String(text) + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return Data(base64Encoded: padded).map(Array.init)
    }
}
