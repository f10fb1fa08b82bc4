import ArgumentParser
import CallModel

/// A call id on the command line, as `calls list` prints it.
extension CallID: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(rawValue: argument)
    }
}
