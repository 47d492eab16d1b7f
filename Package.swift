// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mailsleuth",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mailsleuth", targets: ["mailsleuth"]),
        // The fuzz targets, for the libFuzzer driver in Fuzz/ (a separate package built with sanitizers).
        .library(name: "MailFuzzing", targets: ["MailFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Test-only: reads the third-party YAML suites (ARC interop, RFC 7208) keeping duplicate keys.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CUnbound", pkgConfig: "libunbound", providers: [.apt(["libunbound-dev"])]),

        .target(name: "MailParsing", dependencies: ["CMagic"]),
        .target(name: "MailDNS"),
        .target(name: "MailDNSLive", dependencies: ["MailDNS", "CUnbound"]),
        .target(name: "MailAuth", dependencies: ["MailParsing", "MailDNS", "CCrypto"]),
        .target(name: "MailForensics", dependencies: ["MailParsing", "MailDNS", "MailAuth", "CCrypto", "CMagic"]),
        .target(name: "MailReport", dependencies: ["MailForensics"]),
        .target(name: "MailFuzzing", dependencies: ["MailParsing", "MailDNS", "MailAuth", "MailForensics"]),
        .executableTarget(
            name: "mailsleuth",
            dependencies: [
                "MailParsing", "MailDNS", "MailDNSLive", "MailAuth", "MailForensics", "MailReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(name: "dkim-bench", dependencies: ["MailAuth", "MailParsing", "MailDNS"], path: "Benchmarks/DKIMBench", exclude: ["make_mbox.py"]),
        .executableTarget(name: "arc-bench", dependencies: ["MailAuth", "MailParsing", "MailDNS"], path: "Benchmarks/ARCBench", exclude: ["make_arc_mbox.py"]),
        .target(name: "MailTestSupport", dependencies: ["MailParsing", "MailDNS", .product(name: "Yams", package: "Yams")], path: "Tests/Support"),
        .testTarget(name: "MailParsingTests", dependencies: ["MailParsing", "MailTestSupport"]),
        .testTarget(name: "MailDNSTests", dependencies: ["MailDNS", "MailDNSLive", "MailTestSupport"]),
        .testTarget(name: "MailAuthTests", dependencies: ["MailAuth", "MailTestSupport"]),
        .testTarget(name: "MailForensicsTests", dependencies: ["MailForensics", "MailTestSupport"]),
        .testTarget(name: "MailReportTests", dependencies: ["MailReport", "MailTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["MailTestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["MailFuzzing", "MailTestSupport"]),
        .testTarget(name: "HostileTests", dependencies: ["MailParsing", "MailDNS", "MailAuth", "MailForensics", "MailReport", "MailTestSupport"]),
    ]
)
