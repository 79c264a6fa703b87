// swift-tools-version: 6.1
// A user's project: it depends on socialrec by path, as it would by URL and version.
import Foundation
import PackageDescription

/// A path dependency is known by its folder's name, whatever the clone is called.
let socialrec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "socialrec-example",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "ColdStartExample", dependencies: [.product(name: "SocialRec", package: socialrec)]),
    ],
    swiftLanguageModes: [.v6]
)
