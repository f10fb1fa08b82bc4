// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nokchwi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nokchwi", targets: ["nokchwi"]),
        // Development only: `nokchwi-dev accuracy` scores the analysis against the demo generator's ground truth.
        .executable(name: "nokchwi-dev", targets: ["NokchwiDev"]),
        // libFuzzer harnesses: built for fuzzing only by Benchmarks/fuzz.sh (-DFUZZING, -sanitize=fuzzer,address);
        // the plain build replays files.
        .executable(name: "fuzz-audio", targets: ["FuzzAudio"]),
        .executable(name: "fuzz-metadata", targets: ["FuzzMetadata"]),
        // Development only: times the QA queries on generated rows (Benchmarks/qa-bench.sh).
        .executable(name: "qa-bench", targets: ["QABench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        // The web server: HTTP/1.1 on SwiftNIO with a router testable without sockets; sessions; HTML templates.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // `/api/metrics`: Hummingbird's request metrics (swift-metrics, already in its graph) in Prometheus text format.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries behind module maps (shim headers wrap variadic/macro APIs).
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "COgg", pkgConfig: "ogg", providers: [.apt(["libogg-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),

        // Pure: domain values shared by all targets (Foundation values, no I/O).
        .target(name: "CallModel"),
        // Pure DSP core: arrays in, the call's metrics (a CallModel value) out; no I/O, no C libraries.
        .target(name: "CallDSP", dependencies: ["CallModel"]),
        // Development only: the reliability tests' fault switch (kill or fail at a named step). Only the I/O targets
        // import it; the pure targets never do.
        .target(name: "CallFaults"),
        .target(name: "CallAudio", dependencies: ["CSndFile", "COpus", "COgg", "CSoxr", "CallModel"]),
        .target(name: "CallCatalog", dependencies: [
            "CallModel",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Users, password hashing, authentication, authorization and audit-chain verification.
        .target(name: "CallAccess", dependencies: [
            "CallModel", "CallCatalog",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "CallArchive", dependencies: [
            "CallModel", "CallCatalog", "CallAudio", "CallFaults",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "CallPipeline", dependencies: [
            "CallModel", "CallDSP", "CallAudio", "CallCatalog", "CallArchive", "CallFaults",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Demo calls with their ground truth (`nokchwi demo-data`).
        // QA rules, pure (no I/O): rubrics and answer files (YAML with file/line/key problems), scoring, Krippendorff's
        // alpha, sampling plans and the sample draw. Storage is CallCatalog's; commands are the CLI's.
        // `ReviewDesk` is the evaluator's steps over the catalog (claim, rubric, draft, submit) for the CLI and the server.
        .target(name: "CallReview", dependencies: ["CallModel", "CallCatalog", "CallAccess", .product(name: "Yams", package: "Yams")]),
        .target(name: "CallDemo", dependencies: ["CallModel", "CallAudio", "CallDSP"]),
        // Development only: the accuracy harness that scores the analysis against that truth.
        .target(name: "CallAccuracy", dependencies: ["CallModel", "CallAudio", "CallDSP", "CallDemo", "CallPipeline"]),
        .executableTarget(name: "NokchwiDev", dependencies: [
            "CallAccuracy", "CallPipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Supervisor figures: queue-log and record imports (parsing), queue and talk-time statistics, the yearbook.
        .target(name: "CallReports", dependencies: [
            "CallModel", "CallCatalog", "CallReview", "CallArchive",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "nokchwi", dependencies: [
            "CallModel", "CallDSP", "CallAudio", "CallCatalog", "CallArchive", "CallAccess", "CallPipeline", "CallDemo", "CallFaults", "CallReports", "CallReview", "CallServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `nokchwi serve`: pages and the JSON API over the same catalog, archive, access guard and audit trail. The only
        // target that knows HTTP.
        .target(name: "CallServer", dependencies: [
            "CallModel", "CallCatalog", "CallAccess", "CallArchive", "CallAudio", "CallReview", "CallReports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // Fuzz entry points (bytes -> reader or adapter), seeds, and the bad-input catalogues the tests share.
        .target(name: "FuzzSupport", dependencies: [
            "CallAudio", "CallArchive", "CallPipeline",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "FuzzAudio", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzMetadata", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "QABench", dependencies: ["CallCatalog", "CallModel", "CallReview"]),

        .testTarget(name: "CallModelTests", dependencies: ["CallModel"]),
        .testTarget(name: "CallFaultsTests", dependencies: ["CallFaults"]),
        .testTarget(name: "CallDSPTests", dependencies: ["CallDSP", "CallModel"]),
        .testTarget(name: "CallAudioTests", dependencies: ["CallAudio", "CallModel"]),
        .testTarget(name: "CallCatalogTests", dependencies: ["CallCatalog", "CallModel"]),
        .testTarget(name: "CallAccessTests", dependencies: ["CallAccess", "CallCatalog", "CallModel"]),
        .testTarget(name: "CallArchiveTests", dependencies: ["CallArchive", "CallCatalog", "CallModel"]),
        .testTarget(name: "CallPipelineTests", dependencies: [
            "CallPipeline", "CallArchive", "CallCatalog", "CallAudio", "CallModel", "CallDemo", "CallAccuracy", "CallDSP", "FuzzSupport",
        ]),
        .testTarget(name: "FuzzSupportTests", dependencies: ["FuzzSupport", "CallAudio", "CallPipeline"]),
        .testTarget(name: "CallReportsTests", dependencies: ["CallReports", "CallCatalog", "CallModel", "CallReview"]),
        .testTarget(name: "CallReviewTests", dependencies: ["CallReview", "CallModel"]),
        .testTarget(name: "CallServerTests", dependencies: [
            "CallServer", "CallAccess", "CallArchive", "CallCatalog", "CallModel", "CallReview", "CallDemo", "CallPipeline", "CLITestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // Runs the built binary for the CLI and security tests (a library: test targets cannot share files).
        .target(name: "CLITestSupport", path: "Tests/CLITestSupport"),
        .testTarget(name: "NokchwiCLITests", dependencies: ["CallModel", "CallArchive", "CallCatalog", "CLITestSupport"]),
        // The attacks of issue #21, one test each (CLI-level ones run the real binary, races through CallFaults' RaceHook).
        .testTarget(name: "SecurityTests", dependencies: [
            "CallAccess", "CallArchive", "CallAudio", "CallCatalog", "CallModel", "CLITestSupport",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
