import Testing
@testable import CallDSP

/// The music detector's diagnostics trace and the pieces its run edges rest on.
@Suite struct MusicDetectorTests {
    /// `traceMusic` keeps one row per 1 s block of each channel; the chord's blocks are inside a run, the caller's
    /// never; the trace does not change the result.
    @Test func traceRowsFollowTheBlocksAndDoNotChangeTheResult() {
        var g = SignalFactory(seed: 21)
        let audio = MusicAndHoldTests.holdCall(&g)
        let plain = analyse(audio, channels: 2)
        let analyzer = CallAnalyzer(sampleRate: 8000, channels: 2, traceMusic: true)
        audio.withUnsafeBufferPointer { analyzer.process($0, frames: audio.count / 2) }
        let traced = analyzer.finish(metadataHold: nil)
        #expect(traced == plain)
        let rows = analyzer.musicTrace
        let agent = rows.filter { $0.channel == 0 }, caller = rows.filter { $0.channel == 1 }
        #expect(agent.count == 44 && caller.count == 44)
        #expect(agent.allSatisfy { abs($0.blockEnd - $0.blockStart - 1) < 0.011 })
        #expect(agent.filter(\.windowFull).allSatisfy { $0.windowBlocks == 8 && $0.blockEnd - $0.windowStart > 7.9 })
        // Inside the chord (5-35 s) the run is on once the window is full of music; its blocks have no pauses.
        let inChord = agent.filter { $0.blockStart >= 14 && $0.blockEnd <= 34 }
        #expect(!inChord.isEmpty && inChord.allSatisfy(\.inRun))
        #expect(inChord.allSatisfy { $0.block.low < 0.1 }, "\(inChord.map(\.block.low))")
        #expect(caller.allSatisfy { !$0.inRun })
        // Without `traceMusic` nothing is kept.
        let quiet = CallAnalyzer(sampleRate: 8000, channels: 2)
        audio.withUnsafeBufferPointer { quiet.process($0, frames: audio.count / 2) }
        _ = quiet.finish(metadataHold: nil)
        #expect(quiet.musicTrace.isEmpty)
    }

    /// A frame's smoothed lag-1 and lag-2 autocorrelations as smooth noise or a low tone has them (r₂ = r₁²).
    func shape(_ r1: Float) -> SIMD2<Float> { SIMD2(r1, r1 * r1) }

    /// Low frames: energy more than 6 dB under the block's mean (pauses between words).
    @Test func quietFramesCountsFramesUnderTheBlockMean() {
        var h = SoundHistory(capacity: 200, gap: 45)
        for _ in 0..<50 { h.record(energy: 1, tilt: shape(0)) }  // an older block
        for i in 0..<100 { h.record(energy: i % 4 == 0 ? 0.01 : 1, tilt: shape(0)) }
        // Mean 0.7525; a quarter of it is 0.19: the 25 frames at 0.01.
        #expect(h.quietFrames(last: 100, ratio: 0.25) == 25)
        #expect(h.quietFrames(last: 100, ratio: 0.001) == 0)
    }

    /// A pause is the line's own noise: frames far under it (digital silence between notes of music on hold) are
    /// not one, nor are frames well above it, nor frames at its level with a tone's tilt (a quiet passage of music).
    @Test func pausesAreTheLineNoiseNotDigitalSilenceOrQuietMusic() {
        let level: Float = 1e-5
        let line = SoundHistory.Line(low: level * 0.1, quiet: level * 8, tilt: shape(0), tolerance: 0.15)
        var h = SoundHistory(capacity: 2000, gap: 45)
        for _ in 0..<300 { h.record(energy: 1e-2, tilt: shape(0.8)) }  // speech
        for _ in 0..<60 { h.record(energy: level, tilt: shape(0.05)) }  // the pause before the music (frames 300-359)
        for _ in 0..<200 { h.record(energy: 1e-2, tilt: shape(0.9)) }  // music (360-559)
        for _ in 0..<80 { h.record(energy: 1e-12, tilt: shape(0)) }  // a gap in the music: digital silence (560-639)
        for _ in 0..<100 { h.record(energy: 1e-2, tilt: shape(0.9)) }  // music (640-739)
        for _ in 0..<60 { h.record(energy: level, tilt: shape(0.95)) }  // a quiet passage of it at the line level (740-799)
        for _ in 0..<40 { h.record(energy: 1e-2, tilt: shape(0.9)) }  // music (ends at frame 840)
        let (start, onPause) = h.start(before: 840, reach: 1200, fallback: 600, line: line)
        #expect(onPause && start == 360)
        // Without the lower bound the gap in the music would pass for the pause.
        var levelOnly = line
        levelOnly.low = 0
        #expect(h.start(before: 740, reach: 1200, fallback: 600, line: levelOnly).0 == 640)
        // Without the tilt the quiet passage would.
        levelOnly = line
        levelOnly.tolerance = .infinity
        #expect(h.start(before: 840, reach: 1200, fallback: 600, line: levelOnly).0 == 800)
        // Forwards: the first pause after the speech is the line noise, not the music's gap or quiet passage.
        #expect(h.pauseStart(after: 0, reach: 600, line: line) == 300)
        #expect(h.pauseStart(after: 400, reach: 400, line: line) == nil)
        // No pause within reach: the fallback.
        let (fallback, found) = h.start(before: 840, reach: 100, fallback: 60, line: line)
        #expect(!found && fallback == 780)
    }

    /// Every pause in a stretch, newest first, each from its first line-noise frame to just after its last: a frame
    /// outside the line's band inside one is tolerated, two in a row end it, and runs shorter than `gap` are none.
    @Test func pausesAreListedNewestFirstWithTheirExtent() {
        let level: Float = 1e-5
        let line = SoundHistory.Line(low: level * 0.1, quiet: level * 8, tilt: shape(0), tolerance: 0.15)
        var h = SoundHistory(capacity: 2000, gap: 45)
        func record(_ n: Int, _ energy: Float, _ r1: Float) { for _ in 0..<n { h.record(energy: energy, tilt: shape(r1)) } }
        record(100, 1e-2, 0.8)   // speech (0-99)
        record(60, level, 0.05)  // a pause (100-159)
        record(100, 1e-2, 0.9)   // music (160-259)
        record(30, level, 0.05)  // line-like, too short (260-289)
        record(50, 1e-2, 0.9)    // music (290-339)
        record(30, level, 0.05)  // a pause with one loud frame inside (340-400)
        record(1, 1e-2, 0.9)
        record(30, level, 0.05)
        record(50, 1e-2, 0.9)    // music (401-450)
        #expect(h.pauses(from: 0, before: 451, line: line) == [FrameSpan(340, 401), FrameSpan(100, 160)])
        // Only the frames from `from` on count: the first pause is then 40 frames long, too short.
        #expect(h.pauses(from: 120, before: 451, line: line) == [FrameSpan(340, 401)])
        #expect(h.pauses(from: 0, before: 340, line: line) == [FrameSpan(100, 160)])
    }

    /// Two 5-minute parts of a hold around an agent's check-back (line noise, 2 s of words, line noise). A block a
    /// second would keep 600 entries; old blocks away from the run's edges and openings are merged, and the pieces
    /// the check-back leaves are judged as before: the hold splits there.
    @Test func aLongHoldKeepsFewBlocksAndStillSplitsAtACheckBack() {
        var g = SignalFactory(seed: 5)
        func line(_ seconds: Double) -> [Float] { g.noise(seconds, dbfs: -50) }
        let part = 300.0
        var x = line(10) + g.mix(line(3), g.speech(2.5, dbfs: -16), at: 0.2)
        let firstMusic = Double(x.count) / 8000
        x += g.chord(part, dbfs: -18)
        let checkBack = Double(x.count) / 8000
        x += line(0.7) + g.mix(line(2), g.speech(1.8, dbfs: -16), at: 0.1) + line(0.7)
        let secondMusic = Double(x.count) / 8000
        x += g.chord(part, dbfs: -18)
        let end = Double(x.count) / 8000
        x += line(5) + g.mix(line(3), g.speech(2.5, dbfs: -16), at: 0.2)
        let settings = AnalysisSettings()
        var d = MusicDetector(.init(settings, scale: FrameScale(frameMs: 10), sampleRate: 8000))
        var peak = 0
        let frames = x.count / 80
        x.withUnsafeBufferPointer { p in
            let noiseFloor = (0..<100).reduce(Float(0)) {
                $0 + FrameFeatures(FrameKernel.mono(p.baseAddress! + $1 * 80, frames: 80)).energy
            } / 100
            for k in 0..<frames {
                d.step(k, FrameFeatures(FrameKernel.mono(p.baseAddress! + k * 80, frames: 80)), floor: noiseFloor)
                peak = max(peak, d.keptBlocks)
            }
        }
        let spans = d.finish(frames: frames).map { (Double($0.span.start) / 100, Double($0.span.end) / 100) }
        #expect(peak < 120, "block entries kept: \(peak)")
        #expect(spans.count == 2, "spans \(spans)")
        guard spans.count == 2 else { return }
        #expect(abs(spans[0].0 - firstMusic) < 1 && spans[0].1 <= checkBack + 0.3 && spans[0].1 > checkBack - 1, "\(spans)")
        #expect(spans[1].0 >= secondMusic - 0.3 && spans[1].0 < secondMusic + 1 && abs(spans[1].1 - end) < 1, "\(spans)")
    }
}
