/// The hold-audio codes of the agent's channel (or the mono channel), made frame by frame from the features the
/// analysis computes anyway. Exists only when hold audio is registered.
///
/// Only that channel: the PBX plays its music and announcements to the caller in place of the agent's line, so a
/// recorder that captures them has them on the agent's side (the caller's channel carries the caller's line).
struct HoldPrintRecorder {
    /// Above 8 kHz (16 kHz): lag-2 and lag-4 stand for the reference's lag-1 and lag-2.
    let wide: Bool
    private var coder = HoldPrintCoder(hop: HoldPrintMatcher.hop)
    private(set) var codes: [UInt16] = []

    init(wide: Bool) {
        self.wide = wide
    }

    @inline(__always)
    mutating func add(_ f: FrameFeatures) {
        let code = wide ? coder.push(energy: f.energy, lag1: f.lag2, lag2: f.lag4)
            : coder.push(energy: f.energy, lag1: f.lag1, lag2: f.lag2)
        if let code { codes.append(code) }
    }
}
