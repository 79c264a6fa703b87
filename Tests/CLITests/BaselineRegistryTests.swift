import Foundation
import Testing

/// The build tool behind the method registry: it must find every conformance to
/// `RegisteredBaseline`, and nothing that merely looks like one, or a baseline would silently
/// drop out of `evaluate` (or a stray name break the build).
@Suite struct BaselineRegistryTests {
    static let tool = CLI.binary.deletingLastPathComponent().appendingPathComponent("baseline-registry")

    @Test func listsEveryConformanceAndNothingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("First.swift"), second = folder.appendingPathComponent("Second.swift")
        try """
            /// public struct InADocComment: RegisteredBaseline {
            public protocol RegisteredBaseline: Recommender {
            public struct Plain: RegisteredBaseline {
            final class Predicting: RatingPredictor, RegisteredBaseline {
            struct NotABaseline: Recommender {
            struct LooksAlike: RegisteredBaselineHelper {
            struct Generic<Model: Sendable>: RegisteredBaseline {
            """.write(to: first, atomically: true, encoding: .utf8)
        try "extension Later: Sendable, RegisteredBaseline {}\npublic struct Plain: RegisteredBaseline {\n"
            .write(to: second, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.swift")
        let run = try CLI.run([output.path, first.path, second.path], in: folder, program: Self.tool)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: output, encoding: .utf8)
        let listed = text.split(separator: "\n").filter { $0.hasSuffix(".self,") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(listed == ["Plain.self,", "Predicting.self,", "Later.self,"])
        #expect(run.stdout == "\(first.path):7: warning: a generic RegisteredBaseline is not listed in Method.baselines; "
            + "build it with Method(Type<…>.self)\n")

        // Unchanged text is not rewritten, so a build that changes nothing recompiles nothing.
        let written = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 1.1)
        _ = try CLI.run([output.path, first.path, second.path], in: folder, program: Self.tool)
        #expect(try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date == written)

        let missing = try CLI.run([output.path, folder.appendingPathComponent("Gone.swift").path], in: folder, program: Self.tool)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Gone.swift: cannot be read as UTF-8"))
    }
}
