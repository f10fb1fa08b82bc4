import CallReview
import Testing

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 coders, 12 units, missing values.
@Suite struct KrippendorffAlphaTests {
    static let coders: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    static var units: [[Double?]] { (0..<12).map { u in coders.map { $0[u] } } }

    @Test(arguments: [(KrippendorffAlpha.Level.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797)])
    func publishedExample(_ level: KrippendorffAlpha.Level, _ expected: Double) throws {
        let alpha = try #require(KrippendorffAlpha.alpha(Self.units, level: level))
        #expect((alpha * 1000).rounded() / 1000 == expected)
    }

    @Test func perfectAgreementIsOne() {
        #expect(KrippendorffAlpha.alpha([[1, 1], [0, 0], [1, nil, 1]], level: .nominal) == 1)
    }

    @Test func noVariationOrNoPairsIsUndefined() {
        #expect(KrippendorffAlpha.alpha([[1, 1], [1, 1]], level: .interval) == nil)
        #expect(KrippendorffAlpha.alpha([[1, nil], [nil, 2]], level: .interval) == nil)
    }
}
