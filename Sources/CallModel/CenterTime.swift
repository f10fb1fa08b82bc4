import Foundation

/// The call center's time zone, defined once: call days (ids and archive folders), retention days and times shown
/// to people are counted in it. A pipeline's `metadata.timezone` and a retention policy may name another.
public enum CenterTime {
    public static let defaultZoneIdentifier = "Asia/Seoul"
    public static let defaultZone = TimeZone(identifier: defaultZoneIdentifier)!

    /// The zone `identifier` names, else the default (definitions are validated on load, so this is a fallback).
    public static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? defaultZone
    }
}
