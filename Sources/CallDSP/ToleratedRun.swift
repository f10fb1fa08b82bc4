/// Frames in a row that pass a test, one failing frame tolerated inside the run (it counts as part of it): the
/// pauses and openings of the line are found this way.
struct ToleratedRun {
    /// Frames in the current run (the tolerated one included).
    private(set) var length = 0
    private var strayed = false

    enum Step { case started, passed, strayed, broken }

    /// One more frame.
    @inline(__always)
    mutating func step(_ passes: Bool) -> Step {
        if passes {
            strayed = false
            length += 1
            return length == 1 ? .started : .passed
        }
        if length > 0, !strayed {
            strayed = true
            length += 1
            return .strayed
        }
        length = 0
        strayed = false
        return .broken
    }

    /// Counts `frames` more into the current run (frames before it found to belong to it).
    mutating func extend(by frames: Int) { length += frames }
}
