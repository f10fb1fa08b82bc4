import Metrics
import Prometheus

/// What `/api/metrics` shows, in Prometheus text format: Hummingbird's request counts and durations per route
/// template (`/calls/{id}`: never an id), requests in flight, audio bytes streamed and failed sign-ins. No personal
/// data. swift-metrics has one process-wide backend, so `bootstrap()` runs once per process (`nokchwi serve` does).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    /// Makes swift-metrics (Hummingbird's middleware, the counters below) report into this registry.
    public func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    var text: String { registry.emitToString() }

    static func audioBytes(_ count: Int) {
        Counter(label: "nokchwi_audio_bytes_total").increment(by: Int64(count))
    }

    static func signInFailed() {
        Counter(label: "nokchwi_sign_in_failures_total").increment()
    }
}
