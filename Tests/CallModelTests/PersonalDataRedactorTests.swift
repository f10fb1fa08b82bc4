import CallModel
import Testing

@Suite struct PersonalDataRedactorTests {
    @Test(arguments: [
        ("rec-01012345678-in.wav", "rec-***-5678-in.wav"),
        ("20261123/010-1234-5678.wav", "20261123/***-5678.wav"),
        ("call +82-10-9876-5432 done", "call ***-5432 done"),
        ("seoul 02-123-4567", "seoul ***-4567"),
    ])
    func phoneNumbersAreMasked(input: String, expected: String) {
        #expect(PersonalDataRedactor.redact(input) == expected)
    }

    @Test(arguments: ["1178753756.0.wav", "A017-team-2.wav", "4f1c2d3e-aaaa-bbbb.json", "20261123-0912.wav"])
    func idsAndDatesAreKept(input: String) {
        #expect(PersonalDataRedactor.redact(input) == input)
    }

    @Test func numbersAreMaskedForDisplay() {
        #expect(PersonalDataRedactor.maskNumber("010-1234-5678") == "010-****-5678")
        #expect(PersonalDataRedactor.maskNumber(nil) == nil)
        #expect(PersonalDataRedactor.maskNumber("1234") == "****")
    }
}
