/// The last frames' energy and noise floor of one channel (a ring), to put a music span's edges on the pauses
/// around it.
struct SoundHistory {
    private var energies: [Float]
    private var floors: [Float]
    /// Frames recorded so far.
    private(set) var frames = 0
    private var slot = 0
    /// Frames near the floor in a row that make a pause.
    let gap: Int

    init(capacity: Int, gap: Int) {
        energies = [Float](repeating: 0, count: capacity)
        floors = energies
        self.gap = gap
    }

    var capacity: Int { energies.count }
    var oldest: Int { max(0, frames - capacity) }
    var lastFloor: Float { frames > 0 ? floors[(frames - 1) % capacity] : 0 }

    @inline(__always)
    mutating func record(energy: Float, floor: Float) {
        energies[slot] = energy
        floors[slot] = floor
        slot = slot + 1 == capacity ? 0 : slot + 1
        frames += 1
    }

    /// Searches `range` (newest first or oldest first) for a pause: `gap` frames below `quiet`, a single louder
    /// frame tolerated. Returns the frame just after the pause (backwards) or its first frame (forwards).
    private func pause(in range: StrideTo<Int>, below quiet: Float, backwards: Bool) -> Int? {
        var run = 0, loud = 0, first = 0
        for k in range {
            if energies[k % capacity] < quiet {
                if run == 0 { first = k }
                run += 1
                loud = 0
                if run >= gap { return backwards ? first + 1 : first }
            } else if run > 0, loud == 0 {
                loud = 1
                run += 1
            } else {
                run = 0
                loud = 0
            }
        }
        return nil
    }

    /// The end of the nearest pause (within 6 dB of the lowest floor held) at most `reach` frames before
    /// `core`; `fallback` frames before it when there is none.
    func start(before core: Int, reach: Int, fallback: Int) -> Int {
        let first = max(oldest, core - reach - gap)
        guard core > first else { return core }
        var reference = Float.greatestFiniteMagnitude
        for k in oldest..<core { reference = min(reference, floors[k % capacity]) }
        return pause(in: stride(from: core - 1, to: first - 1, by: -1), below: reference * 4, backwards: true)
            ?? max(first, core - fallback)
    }

    /// The start of the first pause (within 6 dB of `floor`) at most `reach` frames after `from`; `from + reach`
    /// when there is none (never past the frames recorded).
    func end(after from: Int, reach: Int, floor: Float) -> Int {
        let stop = min(frames, from + reach + gap)
        return pause(in: stride(from: max(from, oldest), to: stop, by: 1), below: floor * 4, backwards: false)
            ?? min(frames, from + reach)
    }
}
