import Foundation
import Testing
@testable import MetaLearning
@testable import RecData
@testable import Recommenders

/// A checkpoint whose header was edited and whose checksum was recomputed (FNV-1a: anyone can) is
/// refused with a sentence, never a crash, a hang or a model that recommends nothing.
@Suite struct CheckpointBoundsTests {
    static func blob() throws -> Data {
        var c = SocialMetaConfiguration()
        c.collaborativeFactors = 4
        var random = SplitMix64(seed: 1)
        let factors = ALSFactors(itemFactors: (0..<(30 * 4)).map { _ in Float(random.normal()) }, itemCount: 30, width: 4,
                                 regularisation: 0.1, confidence: 10)
        return try ModelCheckpoint.encode(SocialMetaModel(configuration: c, itemCount: 30, collaborative: factors),
                                          datasetFingerprint: "f")
    }

    /// The blob with its header JSON edited, checksum recomputed.
    static func edited(_ blob: Data, floats: ((inout [UInt8]) -> Void)? = nil, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let bytes = [UInt8](blob)
        let length = Int(bytes[16..<20].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        var header = try JSONSerialization.jsonObject(with: Data(bytes[20..<(20 + length)])) as! [String: Any]
        edit(&header)
        let json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        var rest = Array(bytes[(20 + length)...])
        floats?(&rest)
        var body: [UInt8] = withUnsafeBytes(of: UInt32(json.count).littleEndian, Array.init) + json + rest
        let checksum = ModelCheckpoint.checksum(body)
        var out = Array(bytes[0..<8])
        out += withUnsafeBytes(of: checksum.littleEndian, Array.init)
        out += body
        body = []
        return Data(out)
    }

    static func configuration(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { header in
            var c = header["configuration"] as! [String: Any]
            c[key] = value
            header["configuration"] = c
        }
    }

    @Test func untouchedBlobDecodes() throws {
        let blob = try Self.blob()
        #expect(try ModelCheckpoint.decode(try Self.edited(blob) { _ in }, expectedFingerprint: "f").model.learner.model.itemCount == 30)
    }

    /// (field, its new value as JSON)
    @Test(arguments: [
        ("innerSteps", "100000"), ("hiddenWidths", "[]"), ("hiddenWidths", "[0]"), ("embeddingWidth", "-1"),
        ("maxFriends", "-3"), ("collaborativeFactors", "0"), ("temperature", "0"), ("innerRate", "-1"),
        ("softmaxNegatives", "0"), ("userStateWidth", "1000000"),
    ])
    func outOfBoundsConfigurationIsRefused(field: String, json: String) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let bad = try Self.edited(try Self.blob(), Self.configuration(field, value))
        do {
            _ = try ModelCheckpoint.decode(bad, expectedFingerprint: "f")
            Issue.record("\(field) = \(json) was accepted")
        } catch let failure as ModelCheckpoint.Failure {
            guard case .corrupted(let why) = failure else { Issue.record("\(failure)"); return }
            #expect(!why.isEmpty)
        }
    }

    @Test func headerFieldsOutOfBoundsAreRefused() throws {
        let blob = try Self.blob()
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            ("no influence weights", { $0["influence"] = ["a": [Float]()] }),
            ("negative item count", { $0["itemCount"] = -5 }),
            ("huge item count", { $0["itemCount"] = 90_000_000 }),
            ("ALS width differs", { $0["collaborativeWidth"] = 3 }),
            ("newcomers' model out of bounds", { header in
                var c = header["configuration"] as! [String: Any]
                c["innerSteps"] = 100_000
                header["newcomers"] = ["configuration": c, "parameterCount": 0, "innerRateCount": 0, "contextWeight": 1,
                                       "influence": header["influence"]!]
            }),
        ]
        for (name, edit) in edits {
            #expect(throws: ModelCheckpoint.Failure.self, "\(name)") { try ModelCheckpoint.decode(try Self.edited(blob, edit), expectedFingerprint: "f") }
        }
        // All-NaN parameters.
        let nan = try Self.edited(blob, floats: { rest in
            for k in stride(from: 0, to: rest.count - 3, by: 4) { rest[k] = 0; rest[k + 1] = 0; rest[k + 2] = 0xC0; rest[k + 3] = 0x7F }
        }) { _ in }
        #expect(throws: ModelCheckpoint.Failure.corrupted("it holds parameters that are not finite numbers")) {
            try ModelCheckpoint.decode(nan, expectedFingerprint: "f")
        }
    }
}
