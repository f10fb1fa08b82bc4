/// The last frames' energy and smoothed spectral shape (`OpenLineTracker.tilt`) of one channel (a ring): the music
/// detector's second pass over a block (its low frames) and the pauses a music span's edges are put on.
struct SoundHistory {
    /// Energy (x) and smoothed lag-1 and lag-2 autocorrelations (y, z) per frame: one array, one uniqueness check
    /// per frame.
    private var frameRing: [SIMD4<Float>]
    /// Frames recorded so far.
    private(set) var frames = 0
    private var slot = 0
    /// Frames at the line's noise level in a row that make a pause.
    let gap: Int

    init(capacity: Int, gap: Int) {
        frameRing = [SIMD4<Float>](repeating: .zero, count: capacity)
        self.gap = gap
    }

    var capacity: Int { frameRing.count }
    var oldest: Int { max(0, frames - capacity) }

    @inline(__always)
    mutating func record(energy: Float, tilt: SIMD2<Float>) {
        frameRing[slot] = SIMD4(energy, tilt.x, tilt.y, 0)
        slot = slot + 1 == capacity ? 0 : slot + 1
        frames += 1
    }

    /// Frames among the last `n` recorded whose energy is under `ratio` times their mean energy.
    func quietFrames(last n: Int, ratio: Float) -> Int {
        let n = min(n, frames, capacity)
        guard n > 0 else { return 0 }
        var sum: Float = 0
        var k = slot
        for _ in 0..<n {
            k = k == 0 ? capacity - 1 : k - 1
            sum += frameRing[k].x
        }
        let limit = sum / Float(n) * ratio
        var count = 0
        k = slot
        for _ in 0..<n {
            k = k == 0 ? capacity - 1 : k - 1
            if frameRing[k].x < limit { count += 1 }
        }
        return count
    }

    /// The line noise's level band and shape: a pause frame has its energy in `[low, quiet)` and its smoothed
    /// autocorrelations each within `tolerance` of `tilt`'s (`OpenLineTracker`).
    struct Line {
        var low: Float
        var quiet: Float
        var tilt: SIMD2<Float>
        var tolerance: Float

        @inline(__always)
        func holds(energy e: Float, tilt t: SIMD2<Float>) -> Bool {
            let d = t - tilt
            return e < quiet && e >= low && Swift.abs(d.x) < tolerance && Swift.abs(d.y) < tolerance
        }
    }

    /// Searches `range` (newest first or oldest first) for a pause: `gap` frames of line noise, a single frame
    /// outside tolerated. Returns the frame just after the pause (backwards) or its first frame (forwards).
    private func pause(in range: StrideTo<Int>, line: Line, backwards: Bool, length: Int) -> Int? {
        var run = ToleratedRun()
        var first = 0
        for k in range {
            let f = frameRing[k % capacity]
            switch run.step(line.holds(energy: f.x, tilt: SIMD2(f.y, f.z))) {
            case .started:
                first = k
                if run.length >= length { return backwards ? first + 1 : first }
            case .passed:
                if run.length >= length { return backwards ? first + 1 : first }
            case .strayed, .broken:
                break
            }
        }
        return nil
    }

    /// The pauses (at least `gap` frames of line noise, a single frame outside tolerated) among the frames held from
    /// `from` up to `before`, newest first, each from its oldest to just after its newest line-noise frame.
    func pauses(from: Int, before: Int, line: Line) -> [FrameSpan] {
        var found: [FrameSpan] = []
        var run = ToleratedRun()
        var newest = 0, oldestPassing = 0
        for k in stride(from: min(before, frames) - 1, through: max(from, oldest), by: -1) {
            let f = frameRing[k % capacity]
            let passes = line.holds(energy: f.x, tilt: SIMD2(f.y, f.z))
            if passes, run.length == 0 { newest = k }
            let length = run.length
            if run.step(passes) == .broken, length >= gap { found.append(FrameSpan(oldestPassing, newest + 1)) }
            if passes { oldestPassing = k }
        }
        if run.length >= gap { found.append(FrameSpan(oldestPassing, newest + 1)) }
        return found
    }

    /// The end of the nearest pause (frames of line noise) at most `reach` frames before `core`, and true;
    /// `fallback` frames before `core` and false when there is none.
    func start(before core: Int, reach: Int, fallback: Int, line: Line) -> (Int, Bool) {
        let core = min(core, frames)
        let first = max(oldest, core - reach - gap)
        guard core > first else { return (core, true) }
        if let p = pause(in: stride(from: core - 1, to: first - 1, by: -1), line: line, backwards: true, length: gap) {
            return (p, true)
        }
        return (max(first, core - fallback), false)
    }

    /// The first frame of the first pause (`length` frames of line noise, default `gap`) starting at most `reach`
    /// frames after `from`; nil when there is none or those frames are no longer held.
    func pauseStart(after from: Int, reach: Int, line: Line, length: Int? = nil) -> Int? {
        guard from >= oldest else { return nil }
        let length = length ?? gap
        let stop = min(frames, from + reach + length)
        return pause(in: stride(from: from, to: stop, by: 1), line: line, backwards: false, length: length)
    }
}
