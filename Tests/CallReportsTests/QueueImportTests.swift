import CallCatalog
import CallModel
import CallReports
import Foundation
import Testing

/// The queue-log import through the catalog: a file read again adds nothing, a grown file adds its tail, a
/// replaced file is read again from its start without doubling rows, and no caller number is stored.
@Suite struct QueueImportTests {
    final class Temp {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nokchwi-reports-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    func importQueueLog(_ catalog: Catalog, _ path: String) throws -> (ImportStoreResult, FileSlice, QueueLogParser.Result) {
        let slice = try IncrementalFileReader.read(path: path, kind: "queue-log", previous: try catalog.importOffset(kind: "queue-log", path: path), csvHeader: false)
        let parsed = QueueLogParser.parse(slice.text, firstLine: slice.firstLine)
        let stored = try catalog.storeQueueEvents(QueueLogImport.records(parsed.events, hasher: ReportFixtures.hasher), offset: slice.offset,
                                                  audit: nil, fold: QueueLogImport.fold)
        return (stored, slice, parsed)
    }

    @Test func incrementalAndIdempotent() throws {
        let tmp = try Temp()
        let catalog = try Catalog()
        let lines = try ReportFixtures.text("queue-log-sample.txt").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let path = tmp.url.appendingPathComponent("queue_log").path
        // The first 12 lines, and half of the 13th (still being written).
        try (lines[0..<12].joined(separator: "\n") + "\n" + lines[12].prefix(10)).write(toFile: path, atomically: false, encoding: .utf8)
        let (first, firstSlice, firstParsed) = try importQueueLog(catalog, path)
        #expect(firstSlice.firstLine == 1 && firstSlice.offset.lines == 12)
        #expect(first.added == 10 && firstParsed.bad.map(\.line) == [10])
        #expect(try catalog.queueCalls(from: ReportFixtures.from, to: ReportFixtures.to).count == 4)  // c1..c4

        let (again, _, _) = try importQueueLog(catalog, path)
        #expect(again.added == 0 && again.callsUpdated == 0)

        try (lines.joined(separator: "\n")).write(toFile: path, atomically: false, encoding: .utf8)
        let (grown, grownSlice, grownParsed) = try importQueueLog(catalog, path)
        #expect(grownSlice.firstLine == 13 && !grownSlice.restarted && grownParsed.bad.isEmpty)
        #expect(grown.added == 12)
        let calls = try catalog.queueCalls(from: ReportFixtures.from, to: ReportFixtures.to)
        #expect(calls.count == 8)
        // The same figures as the pure computation on the whole file.
        let stored = QueueReport.compute(QueueReport.Input(calls: calls), from: ReportFixtures.from, to: ReportFixtures.to, by: .total)
        let pure = QueueReport.compute(QueueReport.Input(calls: try ReportFixtures.queueInput().calls), from: ReportFixtures.from, to: ReportFixtures.to, by: .total)
        #expect(stored.total == pure.total)

        // A replaced (rotated) file with the same start changed: read again from line 1, nothing doubled.
        try ("1772409599|c0|민원|NONE|ENTERQUEUE||0101|1\n" + lines.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        let (rotated, rotatedSlice, _) = try importQueueLog(catalog, path)
        #expect(rotatedSlice.restarted && rotatedSlice.firstLine == 1 && rotated.added == 1)
        #expect(try catalog.queueTotals()["queue_event"] == 23)
    }

    @Test func noCallerNumberIsStored() throws {
        let tmp = try Temp()
        let path = tmp.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog(path: path)
        let log = tmp.url.appendingPathComponent("queue_log").path
        try FileManager.default.copyItem(atPath: ReportFixtures.root.appendingPathComponent("queue-log-sample.txt").path, toPath: log)
        _ = try importQueueLog(catalog, log)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        for number in ["010-1111-2222", "01011112222", "1111-2222", "01033334444", "3333", "5555 6666", "77778888"] {
            #expect(bytes.range(of: Data(number.utf8)) == nil, "\(number) is in the catalog file")
        }
    }

    @Test func recordsReplaceAndCount() throws {
        let tmp = try Temp()
        let catalog = try Catalog()
        let path = tmp.url.appendingPathComponent("c.csv").path
        try "call_id,category,department,outcome\nc1,a,d,direct\n".write(toFile: path, atomically: false, encoding: .utf8)
        func load() throws -> (ImportStoreResult, RecordParsers.Parsed<Consultation>) {
            let slice = try IncrementalFileReader.read(path: path, kind: "consultations", previous: try catalog.importOffset(kind: "consultations", path: path), csvHeader: true)
            let parsed = RecordParsers.consultations(slice.text, firstLine: slice.firstLine, header: slice.header)
            return (try catalog.storeConsultations(parsed.records, offset: slice.offset, audit: nil), parsed)
        }
        #expect(try load().0.added == 1)
        #expect(try load().0.added == 0)
        try "call_id,category,department,outcome\nc1,a,d,direct\nc2,b,e,callback\nc3,b,e,nope\n".write(toFile: path, atomically: false, encoding: .utf8)
        let (grown, parsed) = try load()
        #expect(grown.added == 1 && parsed.bad.map(\.line) == [4], "the header is remembered for the grown tail")
    }
}
