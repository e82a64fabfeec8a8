// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tuyengiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tuyengiao", targets: ["tuyengiao"]),
        .executable(name: "tuyengiao-xls", targets: ["tuyengiao-xls"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // libxlsxwriter, the system C library (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // FreeXL, the system C library that reads old Excel .xls files (Debian: libfreexl-dev).
        .systemLibrary(
            name: "CFreeXL",
            pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]
        ),
        // libdeflate, the system C library (Debian: libdeflate-dev): deflate and crc32 for the
        // workbooks XLSXWriter zips itself — whole parts at once, twice as fast as zlib on a
        // unit's few kilobytes (issue 21).
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // libyaml, the system C library (Debian: libyaml-dev): the YAML parser plan files are read with.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // libyaml's events composed into plain nodes (text, line, plain or quoted); knows nothing
        // of the domain.
        .target(name: "YAMLTree", dependencies: ["CYAML"]),
        // A small safe wrapper over libxlsxwriter, and a Swift writer of small workbooks checked
        // against it; knows nothing of the domain.
        .target(name: "XLSXWriter", dependencies: ["CXlsxWriter", "CDeflate"]),
        // A small writer of Word documents (WordprocessingML in a zip); knows nothing of the domain.
        .target(name: "DocxWriter", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The pure core: plan, rows, periods, aggregation, report models. No files, no clock, no C.
        .target(name: "TuyenGiaoCore", dependencies: ["YAMLTree"]),
        // The shell: files, decoding, workbooks on disk, atomic writes.
        .target(
            name: "TuyenGiaoIO",
            dependencies: [
                "TuyenGiaoCore", "XLSXWriter", "DocxWriter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // FreeXL in a process of its own: a damaged .xls that crashes the C library costs that file.
        .executableTarget(name: "tuyengiao-xls", dependencies: ["CFreeXL"]),
        .executableTarget(
            name: "tuyengiao",
            dependencies: [
                "TuyenGiaoCore", "TuyenGiaoIO", "XLSXWriter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzz targets (scripts/fuzz.sh builds them with -sanitize=fuzzer; a normal build
        // replays the inputs named on the command line).
        .target(name: "FuzzSupport", dependencies: ["TuyenGiaoCore", "TuyenGiaoIO"]),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-xlsx", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-ods", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-xls", dependencies: ["FuzzSupport"]),
        // The ingest path stage by stage on one thread (a benchmark `make bench` runs, not a test).
        .executableTarget(name: "bench-ingest", dependencies: ["TuyenGiaoCore", "TuyenGiaoIO"]),
        // The units' workbooks stage by stage on one thread (a benchmark, not a test).
        .executableTarget(name: "bench-units", dependencies: ["TuyenGiaoCore", "TuyenGiaoIO"]),
        .testTarget(name: "TuyenGiaoCoreTests", dependencies: ["TuyenGiaoCore", "YAMLTree"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TuyenGiaoIOTests",
            dependencies: [
                "TuyenGiaoIO", "TuyenGiaoCore", "XLSXWriter", "DocxWriter", .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

// Stricter Swift for the project's own code: `any` spelled out for existentials, and members
// visible only through the modules a file imports itself.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
