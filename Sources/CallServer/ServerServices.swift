import CallAccess
import CallArchive
import CallCatalog
import CallModel
import CallReview
import Foundation
import Logging

/// What the server works with, injected by the caller (the CLI's `serve`, or a test): the catalog, the archive and
/// its keys, the sign-in rules, the clock and the logger. The same objects the CLI's commands use.
public struct ServerServices: Sendable {
    public let home: NokchwiHome
    public let catalog: Catalog
    public let keys: any KeyProvider
    public let authenticator: Authenticator
    public let guardian: AccessGuard
    public let clock: any WallClock
    public let logger: Logger

    public init(home: NokchwiHome, catalog: Catalog, keys: any KeyProvider, authenticator: Authenticator,
                clock: any WallClock = SystemWallClock(), logger: Logger = Logger(label: "nokchwi.server")) {
        self.home = home
        self.catalog = catalog
        self.keys = keys
        self.authenticator = authenticator
        self.guardian = AccessGuard(catalog: catalog, clock: clock, logger: logger)
        self.clock = clock
        self.logger = logger
    }

    var desk: ReviewDesk { ReviewDesk(catalog: catalog, guardian: guardian, clock: clock) }
    var opener: ArchiveOpener { ArchiveOpener(store: ArchiveStore(root: home.archiveRoot), catalog: catalog, keys: keys) }
}
