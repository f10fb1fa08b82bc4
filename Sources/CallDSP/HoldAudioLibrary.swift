/// The center's registered hold audio, indexed for the analysis: built once per process and shared by every call
/// (immutable, Sendable). The tracks' codes are kept end to end in one array; the index maps each 16-bit code to
/// the places (track, frame) it occurs, in one flat array sorted by code (a counting sort).
public struct HoldAudioLibrary: Sendable {
    struct Place {
        var track: Int32
        var frame: Int32
    }

    public let tracks: [HoldAudioPrint]
    /// Every track's codes, end to end; track t starts at `offsets[t]` and has `lengths[t]` codes.
    let codes: [UInt16]
    let offsets: [Int]
    let lengths: [Int]
    /// `places[starts[c] ..< starts[c + 1]]`: where code c occurs.
    let starts: [Int32]
    let places: [Place]

    public init(_ tracks: [HoldAudioPrint]) {
        self.tracks = tracks
        codes = tracks.flatMap(\.codes)
        lengths = tracks.map(\.codes.count)
        var offsets: [Int] = []
        var at = 0
        for n in lengths { offsets.append(at); at += n }
        self.offsets = offsets
        var counts = [Int32](repeating: 0, count: 65537)
        for t in tracks {
            for (i, c) in t.codes.enumerated() where HoldPrintCoder.isValid(code: i, hop: 1) { counts[Int(c) + 1] += 1 }
        }
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var next = counts
        var places = [Place](repeating: Place(track: 0, frame: 0), count: Int(counts[65536]))
        for (ti, t) in tracks.enumerated() {
            for (i, c) in t.codes.enumerated() where HoldPrintCoder.isValid(code: i, hop: 1) {
                places[Int(next[Int(c)])] = Place(track: Int32(ti), frame: Int32(i))
                next[Int(c)] += 1
            }
        }
        starts = counts
        self.places = places
    }

    public var isEmpty: Bool { places.isEmpty }

    /// Whether recordings at `sampleRate` analysed with `frameMs` frames can be matched: 8 kHz (the reference's
    /// rate) or 16 kHz (lag-2 and lag-4 stand for 8 kHz's lag-1 and lag-2), 10 ms frames.
    public static func supports(sampleRate: Int, frameMs: Int) -> Bool {
        frameMs == HoldAudioPrint.frameMs && (sampleRate == 8000 || sampleRate == 16000)
    }
}
