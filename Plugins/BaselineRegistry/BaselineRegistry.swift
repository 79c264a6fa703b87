import PackagePlugin

/// Lists every `RegisteredBaseline` in Recommenders for the method registry (`Method`, in
/// Evaluation), at build time: a baseline's own file is then its whole registration, and the
/// registry cannot miss one. The list is the output of `baseline-registry` over Recommenders'
/// sources, rebuilt whenever one of them changes.
@main
struct BaselineRegistry: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sources = try context.package.targets(named: ["Recommenders"])
            .compactMap(\.sourceModule)
            .flatMap { $0.sourceFiles(withSuffix: "swift").map(\.url) }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "DiscoveredBaselines.swift")
        return [
            .buildCommand(
                displayName: "Listing the RegisteredBaseline types of Recommenders",
                executable: try context.tool(named: "baseline-registry").url,
                arguments: [output.path] + sources.map(\.path),
                inputFiles: sources,
                outputFiles: [output])
        ]
    }
}
