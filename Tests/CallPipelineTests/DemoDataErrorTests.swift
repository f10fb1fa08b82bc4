import CallDemo
import Foundation
import Testing

struct DemoDataErrorTests {
    @Test func missingSoundPackagesGiveATypedErrorNamingThePackages() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = DemoDataOptions(calls: 2, soundsDirectory: root.appendingPathComponent("no-sounds").path,
                                      mohDirectory: root.appendingPathComponent("no-moh").path)
        do {
            _ = try DemoDataGenerator(options: options).generate(into: root.appendingPathComponent("drop"),
                                                                  truthFolder: root.appendingPathComponent("truth"))
            Issue.record("generate succeeded without sounds")
        } catch {
            guard case .soundsMissing = error else {
                Issue.record("expected soundsMissing, got \(error)")
                return
            }
            #expect(error.description.contains("install asterisk-core-sounds-en-wav asterisk-moh-opsound-wav"))
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("drop").path))
    }

    @Test func invalidOptionsAreRejected() {
        #expect(throws: DemoDataError.self) {
            _ = try DemoDataGenerator(options: DemoDataOptions(calls: -1))
                .generate(into: URL(fileURLWithPath: "/nonexistent/drop"), truthFolder: URL(fileURLWithPath: "/nonexistent/truth"))
        }
    }
}
