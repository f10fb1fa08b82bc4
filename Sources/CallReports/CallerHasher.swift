import CallArchive

/// Keyed hash of a caller number: the queue-log imports use the same function as the call catalog (CallArchive's
/// `CallerNumberHash`), so a queue-log caller hash and a call's `caller_hash` match for one number.
public typealias CallerHasher = CallerNumberHash
