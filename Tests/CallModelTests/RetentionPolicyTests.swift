import CallModel
import Foundation
import Testing

/// A time in Seoul (UTC+9), for readable expectations.
private func seoul(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Seoul")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

private func metadata(category: String? = nil, department: String? = nil, tags: [String] = []) -> CallMetadata {
    CallMetadata(department: department, category: category, tags: tags)
}

@Suite struct RetentionPolicyTests {
    let policy = RetentionPolicy.standard

    @Test func yearsCountFromTheDayAfterTheCall() {
        let a = policy.evaluate(metadata: metadata(category: "water-bill"), start: seoul(2024, 3, 15, 10))
        #expect(a == RetentionAssignment(className: "general", expiresAt: seoul(2027, 3, 16)))
    }

    @Test func daysAreCountedInSeoulNotUTC() {
        let short = metadata(tags: ["wrong-number"])
        // 60 days from 2 January: the call expires at the start of 3 March.
        #expect(policy.evaluate(metadata: short, start: seoul(2026, 1, 1, 10)).expiresAt == seoul(2026, 3, 3))
        #expect(policy.evaluate(metadata: short, start: seoul(2026, 1, 1, 23, 59)).expiresAt == seoul(2026, 3, 3))
        // 00:30 on 2 January in Seoul is still 1 January in UTC: Seoul's day counts.
        #expect(policy.evaluate(metadata: short, start: seoul(2026, 1, 2, 0, 30)).expiresAt == seoul(2026, 3, 4))
    }

    @Test func aPeriodWithoutItsCorrespondingDayEndsWithTheMonth() {
        let oneYear = RetentionPolicy(classes: [RetentionClass(name: "y", period: .years(1))], defaultClass: "y")
        // Period from 29 Feb 2024: no 29 Feb 2025, so it ends with February; expiry 1 March, never 28 February.
        #expect(oneYear.evaluate(metadata: metadata(), start: seoul(2024, 2, 28, 9)).expiresAt == seoul(2025, 3, 1))
        #expect(oneYear.evaluate(metadata: metadata(), start: seoul(2024, 2, 29, 9)).expiresAt == seoul(2025, 3, 1))
        #expect(oneYear.evaluate(metadata: metadata(), start: seoul(2023, 2, 28, 9)).expiresAt == seoul(2024, 3, 1))
        for day in stride(from: 0, to: 800, by: 7) {
            let start = seoul(2023, 1, 1, 12).addingTimeInterval(Double(day) * 86_400)
            let expiry = oneYear.evaluate(metadata: metadata(), start: start).expiresAt
            #expect(expiry.timeIntervalSince(start) >= 365 * 86_400, "a year is never shorter than 365 days")
        }
    }

    @Test func theLongestMatchingClassWins() {
        let both = metadata(category: "complaint", tags: ["wrong-number"])
        #expect(policy.evaluate(metadata: both, start: seoul(2026, 5, 1)).className == "complaint")
        let reordered = RetentionPolicy(classes: policy.classes.reversed(), defaultClass: "general")
        #expect(reordered.evaluate(metadata: both, start: seoul(2026, 5, 1)).className == "complaint")
    }

    @Test func theDefaultAppliesOnlyWhenNoClassMatches() {
        #expect(policy.evaluate(metadata: metadata(category: "passport"), start: seoul(2026, 5, 1)).className == "general")
        #expect(policy.evaluate(metadata: CallMetadata.unknown, start: seoul(2026, 5, 1)).className == "general")
        // A matching short class is not overruled by the longer default.
        let wrong = policy.evaluate(metadata: metadata(category: "passport", tags: ["wrong-number"]), start: seoul(2026, 5, 1))
        #expect(wrong == RetentionAssignment(className: "short", expiresAt: seoul(2026, 7, 1)))
    }

    @Test func matchingIgnoresCaseAndSpacesAndCoversDepartments() {
        #expect(policy.evaluate(metadata: metadata(category: " Complaint "), start: seoul(2026, 5, 1)).className == "complaint")
        let byDepartment = RetentionPolicy(classes: [
            RetentionClass(name: "general", period: .years(3)),
            RetentionClass(name: "tax", period: .years(10), match: RetentionMatch(departments: ["local-tax"])),
        ], defaultClass: "general")
        #expect(byDepartment.evaluate(metadata: metadata(department: "LOCAL-TAX"), start: seoul(2026, 5, 1)).className == "tax")
        #expect(byDepartment.evaluate(metadata: metadata(department: "water"), start: seoul(2026, 5, 1)).className == "general")
    }

    @Test func tiesGoToTheClassListedFirst() {
        let tie = RetentionPolicy(classes: [
            RetentionClass(name: "a", period: .days(365), match: RetentionMatch(tags: ["x"])),
            RetentionClass(name: "b", period: .days(365), match: RetentionMatch(tags: ["x"])),
        ], defaultClass: "a")
        #expect(tie.evaluate(metadata: metadata(tags: ["x"]), start: seoul(2026, 5, 1)).className == "a")
    }

    @Test(arguments: [
        (RetentionPolicy(classes: [], defaultClass: "x"), "classes:"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .days(1)), RetentionClass(name: "a", period: .days(2))],
                         defaultClass: "a"), "classes[1].name"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .days(0))], defaultClass: "a"), "classes[0].days"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .years(-1))], defaultClass: "a"), "classes[0].years"),
        (RetentionPolicy(classes: [RetentionClass(name: "a b", period: .days(1))], defaultClass: "a b"), "classes[0].name"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .days(1), match: RetentionMatch(tags: [" "]))],
                         defaultClass: "a"), "classes[0].tags"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .days(1))], defaultClass: "b"), "default_class"),
        (RetentionPolicy(classes: [RetentionClass(name: "a", period: .days(1))], defaultClass: "a", timeZone: "Mars/Base"), "timezone"),
    ])
    func invalidPoliciesNameTheKey(policy: RetentionPolicy, key: String) {
        let problem = policy.validationProblem()
        #expect(problem?.hasPrefix(key) == true, "\(problem ?? "no problem found")")
    }

    @Test func theStandardPolicyIsValid() {
        #expect(RetentionPolicy.standard.validationProblem() == nil)
        #expect(RetentionPolicy.standard.classes.map(\.name) == ["general", "complaint", "short"])
    }

    @Test func aClassIsWrittenAsDaysOrYearsAndNeverBoth() throws {
        let json = String(decoding: try JSONEncoder().encode(RetentionClass(name: "c", period: .years(5))), as: UTF8.self)
        #expect(json.contains("\"years\":5") && !json.contains("days"))
        let back = try JSONDecoder().decode(RetentionClass.self, from: Data(json.utf8))
        #expect(back.period == .years(5))
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(RetentionClass.self, from: Data(#"{"name":"c","days":1,"years":1}"#.utf8))
        }
    }
}
