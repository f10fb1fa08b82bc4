/// Krippendorff's alpha: agreement among any number of coders (evaluators) over units (calls x items), with
/// missing values, for nominal, ordinal, interval and ratio data (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"): alpha = 1 - D_o / D_e from the coincidence matrix of pairable values.
public enum KrippendorffAlpha {
    public enum Level: String, Codable, Sendable, CaseIterable {
        case nominal, ordinal, interval, ratio
    }

    /// `units[u][c]` is coder c's value for unit u (nil when missing). Units with fewer than two values are not
    /// pairable and count for nothing. Nil when there are no pairable values or no variation at all (D_e = 0).
    public static func alpha(_ units: [[Double?]], level: Level) -> Double? {
        // Coincidences o[c][k] over the distinct values, each unit's pairs weighted 1 / (m_u - 1).
        let values = Array(Set(units.flatMap { $0.compactMap { $0 } })).sorted()
        guard values.count > 0 else { return nil }
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        let v = values.count
        var o = [Double](repeating: 0, count: v * v)
        for unit in units {
            let present = unit.compactMap { $0 }.map { index[$0]! }
            let m = present.count
            guard m >= 2 else { continue }
            let w = 1 / Double(m - 1)
            for i in 0..<m { for j in 0..<m where i != j { o[present[i] * v + present[j]] += w } }
        }
        var nc = [Double](repeating: 0, count: v)
        for c in 0..<v { for k in 0..<v { nc[c] += o[c * v + k] } }
        let n = nc.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0, expected = 0.0
        for c in 0..<v {
            for k in 0..<v where c != k {
                let d = delta2(c, k, values: values, nc: nc, level: level)
                observed += o[c * v + k] * d
                expected += nc[c] * nc[k] * d
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    /// The squared difference function of the level (Krippendorff 2011, section E).
    static func delta2(_ c: Int, _ k: Int, values: [Double], nc: [Double], level: Level) -> Double {
        let a = values[c], b = values[k]
        switch level {
        case .nominal:
            return a == b ? 0 : 1
        case .ordinal:
            let lo = min(c, k), hi = max(c, k)
            var sum = 0.0
            for g in lo...hi { sum += nc[g] }
            let x = sum - (nc[c] + nc[k]) / 2
            return x * x
        case .interval:
            return (a - b) * (a - b)
        case .ratio:
            return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b))
        }
    }
}
