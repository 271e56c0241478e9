// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Concord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "concord", targets: ["concord"]),
        .executable(name: "concord-bench", targets: ["concord-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        // Already in the graph through Vapor; named for `NIOSingletons` (the executor takeover in main).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // Already in the graph through Vapor; named for the SMTP client's STARTTLS and TLS.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Unpacks .xlsx workbooks (a ZIP of XML parts) for imports.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Merge fields in message templates ({{name}}, {{rsvp_link}}): Mustache, logic-less.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Layers. Cores import Foundation and Kernel only; the compiler keeps them apart.
        .target(name: "Kernel", swiftSettings: swiftSettings),
        .target(name: "InventoryCore", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        .target(name: "DocumentsCore", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        // One setting of the SQLite library that Swift cannot reach (a C function of variable arguments).
        .target(name: "CSQLiteTuning"),
        .target(
            name: "Persistence",
            dependencies: [
                "Kernel", "InventoryCore", "DocumentsCore", "CSQLiteTuning",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ], swiftSettings: swiftSettings),
        // Files people bring: .xlsx workbooks and CSV in the encodings Excel saves.
        .target(
            name: "Spreadsheets", dependencies: ["Kernel", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings),
        .target(
            name: "Services",
            dependencies: [
                "Kernel", "InventoryCore", "DocumentsCore", "Persistence", "Paths", "Spreadsheets",
                .product(name: "Vapor", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
            ], swiftSettings: swiftSettings),
        // The product's addresses, one table per module: links everywhere and the handlers in Web come from them.
        .target(name: "Paths", swiftSettings: swiftSettings),
        .target(name: "Views", dependencies: ["Kernel", "Paths"], swiftSettings: swiftSettings),
        .target(
            name: "Web",
            dependencies: [
                "Kernel", "DocumentsCore", "Persistence", "Services", "Paths", "Views",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ], swiftSettings: swiftSettings),
        // The demo company of `concord demo`, built through the services like any user's data.
        .target(name: "Demo", dependencies: ["Kernel", "InventoryCore", "Persistence", "Services"], swiftSettings: swiftSettings),
        .target(
            name: "App",
            dependencies: [
                "Kernel", "DocumentsCore", "Persistence", "Services", "Views", "Web", "Demo",
                .product(name: "Vapor", package: "vapor"),
            ], swiftSettings: swiftSettings),
        .executableTarget(
            name: "concord",
            dependencies: ["App", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings),
        // The benchmarks (Benchmarks/run-*): their own binary, so the server carries none of them.
        .executableTarget(
            name: "concord-bench",
            dependencies: [
                "App", "Kernel", "InventoryCore", "Persistence", "Services", "Spreadsheets",
                .product(name: "Vapor", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ], swiftSettings: swiftSettings),

        .target(
            name: "TestSupport",
            dependencies: [
                "App", "Persistence", "Demo",
                .product(name: "VaporTesting", package: "vapor"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "KernelTests",
            dependencies: [
                "Kernel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], swiftSettings: swiftSettings),
        .testTarget(
            name: "InventoryCoreTests",
            dependencies: [
                "InventoryCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .testTarget(
            name: "DocumentsCoreTests",
            dependencies: [
                "DocumentsCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], swiftSettings: swiftSettings),
        .testTarget(name: "SpreadsheetsTests", dependencies: ["Spreadsheets"], swiftSettings: swiftSettings),
        // Reads the source tree as text: the layering and module rules the compiler cannot check.
        .testTarget(name: "ArchitectureTests", dependencies: ["Paths"], swiftSettings: swiftSettings),
        .testTarget(name: "ViewsTests", dependencies: ["Views", "Kernel"], exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "TestSupport", "App", "Web", "DocumentsCore", "Demo", "Spreadsheets",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], exclude: ["AuthorizationMatrix.txt"], swiftSettings: swiftSettings),
    ]
)
