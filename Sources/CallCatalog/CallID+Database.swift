import CallModel
import GRDB

/// Call ids are stored as their text.
extension CallID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CallID? {
        String.fromDatabaseValue(dbValue).map(CallID.init(rawValue:))
    }
}
