import Foundation

extension DestructionCertificate {
    /// The certificate as plain text (valid Markdown) for printing and filing: a header with the run's facts, the
    /// counts, then one line per destroyed call and per skipped call. Times in `timeZone` (Asia/Seoul by default).
    public func renderText(timeZone: TimeZone = CenterTime.defaultZone) -> String {
        func time(_ date: Date?) -> String {
            guard let date else { return "-" }
            var style = Date.VerbatimFormatStyle(
                format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
                timeZone: timeZone, calendar: Calendar(identifier: .gregorian))
            style.locale = Locale(identifier: "en_US_POSIX")
            return date.formatted(style)
        }
        let zone = Self.zoneLabel(timeZone, at: finishedAt)
        var lines: [String] = []
        lines.append("# 녹취 파기 확인서 / Recording Destruction Certificate")
        lines.append("")
        lines.append("| 항목 / Item | 내용 / Value |")
        lines.append("|---|---|")
        lines.append("| 파기 실행 번호 / Purge run | \(runID) |")
        lines.append("| 상태 / Status | \(status == .completed ? "완료 / completed" : "미완료 / incomplete: files pending") |")
        lines.append("| 실행자 / Operator | \(operatorAccount) (\(sourceAddress)) |")
        lines.append("| 시작 / Started | \(time(startedAt)) \(zone) |")
        lines.append("| 종료 / Finished | \(time(finishedAt)) \(zone) |")
        lines.append("| 기준 시각 / Expiry compared with | \(time(asOf)) \(zone) |")
        lines.append("| 보존 정책 SHA-256 / Policy SHA-256 | `\(policySHA256)` |")
        lines.append("| 프로그램 / Tool | nokchwi \(toolVersion) |")
        if let policy {
            let classes = policy.classes.map { "\($0.name) \($0.period)" + ($0.name == policy.defaultClass ? " (default)" : "") }
            lines.append("| 보존 등급 / Retention classes | \(classes.joined(separator: ", ")) |")
        }
        for (sha, applied) in (appliedPolicies ?? [:]).sorted(by: { $0.key < $1.key }) {
            let classes = applied.classes.map { "\($0.name) \($0.period)" }.joined(separator: ", ")
            let calls = destroyed.filter { $0.policySHA256 == sha }.count
            lines.append("| 적용된 정책 / Policy applied (\(calls) call(s)) | `\(sha.prefix(16))…`: \(classes) |")
        }
        lines.append("")
        lines.append("## 요약 / Summary")
        lines.append("")
        lines.append("- 파기된 녹취 / Calls destroyed: \(counts.destroyed)")
        lines.append("- 암호 키 삭제 / Data keys erased (crypto-shredding): \(counts.keysErased)")
        lines.append("- 파일 삭제 / Archive files deleted: \(counts.filesDeleted)")
        if counts.filesPending > 0 {
            lines.append("- 파일 삭제 대기 / Files still to delete (keys erased; the next purge deletes them): \(counts.filesPending)")
        }
        lines.append("- 법적 보존으로 제외 / Kept for a legal hold: \(counts.skippedHeld)")
        lines.append("- 보존 기간 연장으로 제외 / Kept, expiry extended: \(counts.skippedNotExpired)")
        if counts.skippedAlreadyPurged > 0 {
            lines.append("- 이미 파기됨 / Already destroyed by another run: \(counts.skippedAlreadyPurged)")
        }
        lines.append("")
        lines.append("## 파기 목록 / Destroyed calls")
        lines.append("")
        if destroyed.isEmpty {
            lines.append("(없음 / none)")
        } else {
            lines.append("| 녹취 ID / Call | 등급 / Class | 수집 / Ingested | 만료 / Expired | 키 삭제 / Key erased | 파일 삭제 / File deleted | 원본 SHA-256 / Source | 보관본 SHA-256 / Archive |")
            lines.append("|---|---|---|---|---|---|---|---|")
            for t in destroyed {
                let key = t.keyErased ? "yes (\(t.kekID ?? "-"))" : (t.archiveFormat == .oggOpus ? "n/a (plaintext)" : "no key found")
                let file = t.fileDeleted ? "yes" : "PENDING"
                lines.append("| \(t.callID) | \(t.retentionClass) | \(time(t.ingestedAt)) | \(time(t.expiresAt)) | \(key) | \(file) | `\(t.sourceSHA256)` | `\(t.archiveSHA256)` |")
            }
        }
        if !skipped.isEmpty {
            lines.append("")
            lines.append("## 제외 목록 / Kept calls")
            lines.append("")
            for s in skipped { lines.append("- \(s.callID): \(s.reason.rawValue)") }
        }
        lines.append("")
        lines.append("암호화된 녹취는 데이터 키를 삭제하여 복구할 수 없게 하였고(crypto-shredding), 보관 파일은 삭제하였습니다. "
            + "개인정보 항목(발신번호, 외부 ID, 파일명)은 삭제하고 통계 항목만 남겼습니다.")
        lines.append("Encrypted recordings were made unrecoverable by erasing their data keys, and their archive files were "
            + "deleted. Personal fields (caller number, external id, file names) were erased; only statistics remain.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `KST` for Seoul (Korea keeps no daylight saving time); `UTC+hh:mm` elsewhere (platform abbreviations differ).
    static func zoneLabel(_ zone: TimeZone, at date: Date) -> String {
        if zone.identifier == CenterTime.defaultZoneIdentifier { return "KST" }
        let seconds = zone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        return "UTC" + sign + String(format: "%02d:%02d", abs(seconds) / 3600, abs(seconds) / 60 % 60)
    }
}
