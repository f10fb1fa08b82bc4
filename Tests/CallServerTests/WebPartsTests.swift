@testable import CallServer
import CallModel
import Foundation
import Testing

/// The web layer's small parts: byte ranges, labels in both languages, the sign-in redirect guard, the timeline.
struct WebPartsTests {
    @Test func byteRangesFollowRFC9110() {
        #expect(ByteRange.parse(nil, size: 1000) == .whole)
        #expect(ByteRange.parse("bytes=0-", size: 1000) == .range(ByteRange(start: 0, end: 999)))
        #expect(ByteRange.parse("bytes=10-19", size: 1000) == .range(ByteRange(start: 10, end: 19)))
        #expect(ByteRange.parse("bytes=990-5000", size: 1000) == .range(ByteRange(start: 990, end: 999)))
        #expect(ByteRange.parse("bytes=-100", size: 1000) == .range(ByteRange(start: 900, end: 999)))
        #expect(ByteRange.parse("bytes=-5000", size: 1000) == .range(ByteRange(start: 0, end: 999)))
        #expect(ByteRange.parse("bytes=0-1, 5-6", size: 1000) == .range(ByteRange(start: 0, end: 1)))
        #expect(ByteRange.parse("bytes=1000-", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=20-10", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=abc", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 1000) == .unsatisfiable)
        #expect(ByteRange.parse("items=0-1", size: 1000) == .whole)
    }

    @Test func everyLabelExistsInBothLanguages() {
        #expect(Set(Labels.korean.keys) == Set(Labels.english.keys))
        #expect(Language.korean.text("signIn") == "로그인" && Language.english.text("signIn") == "Sign in")
    }

    @Test func signInOnlyRedirectsInsideTheSite() {
        #expect(AuthRoutes.safeNext("/qa") == "/qa")
        for bad in ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "/a\nb", nil] {
            #expect(AuthRoutes.safeNext(bad) == "/", "\(String(describing: bad))")
        }
    }

    @Test func theTimelineDrawsOverlapsAndSeekableBars() {
        let a = [TimeSpan(0, 5), TimeSpan(8, 12)]
        let b = [TimeSpan(4, 9), TimeSpan(11, 20)]
        #expect(CallTimeline.overlaps(a, b) == [TimeSpan(4, 5), TimeSpan(8, 9), TimeSpan(11, 12)])
        #expect(CallTimeline.clock(3725) == "1:02:05" && CallTimeline.clock(65) == "1:05")
    }

    @Test func timesAreShownInTheCentersZoneToTheMinute() {
        #expect(Pages.minute(Date(timeIntervalSince1970: 1_795_400_000)) == "2026-11-23 11:13")
        #expect(Pages.minute(nil) == "-")
    }

    @Test func formFieldsDecodePercentAndPlus() {
        let f = FormFields(text: "a=1&b=%ED%95%9C+%EA%B8%80&c=&a=2")
        #expect(f.value("a") == "1" && f.value("b") == "한 글" && f.value("c") == "" && f.value("d") == nil)
    }
}
