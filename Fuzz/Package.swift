// swift-tools-version: 6.0
// The libFuzzer driver. Built apart from the main package because every module must be compiled with
// `-sanitize=fuzzer,address`; see Fuzz/run.sh and Docs/fuzzing.md.
import PackageDescription

let package = Package(
    name: "mailsleuth-fuzz",
    dependencies: [.package(name: "mailsleuth", path: "..")],
    targets: [
        .executableTarget(
            name: "mailsleuth-fuzz",
            dependencies: [.product(name: "MailFuzzing", package: "mailsleuth")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
