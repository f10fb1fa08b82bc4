/// Finds, in libsndfile's parser log, the places where a header promised more data than the file holds.
///
/// libsndfile 1.2.0 logs such sizes as `"SSND : 16008 (should be 10656)"` (AIFF), `"riff : X (should be Y)"`
/// (W64) or `"Calculated frame count A does not match value from 'ds64' chunk of B"` (RF64), then clamps
/// and reads on. Used for containers `RecordingHeaderCheck` does not parse itself.
struct SndFileLogCheck {
    let log: String

    /// The first log line showing a declared size larger than the real one (beyond a pad byte), if any.
    var oversizedDeclaration: String? {
        for raw in log.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: " *")
            if let range = line.firstRange(of: "(should be ") {
                let declared = Self.lastNumber(in: line[..<range.lowerBound])
                let real = Self.firstNumber(in: line[range.upperBound...])
                if let declared, let real, declared > real + 1 { return line }  // 1: an unwritten pad byte
            }
            if line.contains("does not match value from 'ds64'") {
                let numbers = Self.numbers(in: line[...])
                if numbers.count >= 2, numbers[numbers.count - 1] > numbers[0] { return line }
            }
        }
        return nil
    }

    /// The first log line where a decoder reported a damaged block, if any. libsndfile 1.2.0 logs
    /// `"MS ADPCM synchronisation error (80 should be < 7)."` or `"IMA ADPCM synchronisation error."` and
    /// decodes on (the block becomes noise); GSM 6.10 logs `"Error from WAV gsm_decode() ..."` for a block it
    /// cannot decode. Only lines written while decoding match: header lines never contain these words.
    var damagedBlock: String? {
        for raw in log.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: " *")
            if line.lowercased().contains("synchronisation error") || line.contains("gsm_decode") {
                return line
            }
        }
        return nil
    }

    static func numbers(in text: Substring) -> [Int64] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
    }

    static func firstNumber(in text: Substring) -> Int64? { numbers(in: text).first }
    static func lastNumber(in text: Substring) -> Int64? { numbers(in: text).last }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
