@testable import CallFaults
import Foundation
import Testing

/// The `NOKCHWI_FAULT` switch itself (the kills and failures it causes are tested on the real binary in
/// `Tests/NokchwiCLITests/FaultInjectionTests.swift` and `DiskFaultTests.swift`).
@Suite struct FaultInjectionSwitchTests {
    @Test func unsetOrEmptyIsOff() throws {
        for environment in [[:], ["NOKCHWI_FAULT": ""], ["NOKCHWI_FAULT": "  "]] {
            let faults = try FaultInjection.fromEnvironment(environment)
            #expect(faults.step == nil)
            #expect(!faults.fires(.afterCommit) && faults.catalogCommitHook == nil)
            #expect(faults.syscall(.fsyncArchive) { Int32(7) } == 7)
        }
    }

    @Test func aStepAndItsHitAreParsed() throws {
        let plain = try FaultInjection.fromEnvironment(["NOKCHWI_FAULT": "after-commit"])
        #expect(plain.step == .afterCommit && plain.hit == 1)
        let counted = try FaultInjection.fromEnvironment(["NOKCHWI_FAULT": "during-purge:3"])
        #expect(counted.step == .duringPurge && counted.hit == 3)
    }

    @Test(arguments: ["after-lunch", "after-commit:0", "after-commit:x", "after-commit:1:2", ":2", "AFTER-COMMIT"])
    func anythingElseIsRefused(value: String) {
        #expect(throws: FaultInjection.InvalidSetting.self) { try FaultInjection.fromEnvironment(["NOKCHWI_FAULT": value]) }
    }

    @Test func aStepFiresFromItsNthHitOnAndCopiesShareTheCount() {
        let faults = FaultInjection(step: .enospcArchive, hit: 3)
        let copy = faults
        #expect(!faults.fires(.fsyncArchive), "other steps are not counted")
        #expect(!faults.fires(.enospcArchive) && !copy.fires(.enospcArchive))
        #expect(faults.fires(.enospcArchive) && copy.fires(.enospcArchive))
    }

    @Test func aFailingSyscallReturnsMinusOneWithTheStepsErrno() {
        let faults = FaultInjection(step: .fsyncArchive)
        var ran = false
        let result = faults.syscall(.fsyncArchive) { ran = true; return Int32(0) }
        #expect(result == -1 && errno == EIO && !ran)
        let full = FaultInjection(step: .enospcArchive)
        #expect(full.syscall(.enospcArchive) { 10 } == -1 && errno == ENOSPC)
    }

    @Test func theCatalogHookThrowsForADiskFullCommitAndIsAbsentOtherwise() {
        #expect(FaultInjection(step: .afterRename).catalogCommitHook == nil)
        let hook = FaultInjection(step: .enospcCommit).catalogCommitHook
        #expect(throws: FaultInjection.InjectedFailure.self) { try hook?("20250110-0000000001") }
        #expect(FaultInjection(step: .insideCommit).catalogCommitHook != nil)
    }
}
